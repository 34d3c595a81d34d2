import * as z from 'zod/mini'
import { ID_PATTERN, matching, text } from './schema'

/** The four levels of the civil-affairs tree, top down. */
export const ORG_LEVELS = ['district', 'street', 'community', 'grid'] as const
export const OrgLevelSchema = z.enum(ORG_LEVELS)
export type OrgLevel = z.infer<typeof OrgLevelSchema>

export const ORG_LEVEL_LABEL: Record<OrgLevel, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格'
}

/**
 * An org unit. `path` is the materialised chain of ids from the root, each
 * wrapped in slashes ("/qk/qk-s01/qk-s01-c01/"), so "everything under X" is
 * a prefix match: one indexed range scan in SQLite, one regexp in CloudBase.
 */
export const OrgUnitSchema = z.object({
  id: matching(ID_PATTERN),
  name: text(40, 1),
  level: OrgLevelSchema,
  parentId: z.nullable(z.string()),
  path: z.string().check(z.regex(/^(\/[a-z0-9-]+)+\/$/))
})
export type OrgUnit = z.infer<typeof OrgUnitSchema>

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
