import type { OrgLevel, OrgUnit } from './schema/org'

export type { OrgLevel, OrgUnit }

/** The four levels of the civil-affairs tree, top down. */
export const ORG_LEVELS = ['district', 'street', 'community', 'grid'] as const

export const ORG_LEVEL_LABEL: Record<OrgLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格'
}


export function levelIndex(level: OrgLevel): number {
  return ORG_LEVELS.indexOf(level)
}

export function childLevel(level: OrgLevel): OrgLevel | null {
  return ORG_LEVELS[levelIndex(level) + 1] ?? null
}

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`
}

/** True when `unitPath` is `ancestorPath` itself or lies beneath it. */
export function isWithin(unitPath: string, ancestorPath: string): boolean {
  return unitPath.startsWith(ancestorPath)
}

/** Ids on the path, root first: "/a/b/c/" → ["a", "b", "c"]. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean)
}
