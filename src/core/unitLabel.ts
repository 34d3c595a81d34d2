import { pathIds, type OrgUnit } from './org'

/**
 * A unit by name with its parents below the district, never as an id:
 * "长丰街 · 团结社区 · 第3网格". The district itself reads as its own name.
 * A unit missing from `units` (not yet loaded) shows as "未知单位" rather
 * than its id; parents missing from it are left out.
 */
export function unitLabel(unitPath: string, units: ReadonlyMap<string, Pick<OrgUnit, 'name' | 'level'>> | Record<string, Pick<OrgUnit, 'name' | 'level'>>): string {
  const get = (id: string) => (units instanceof Map ? units.get(id) : (units as Record<string, Pick<OrgUnit, 'name' | 'level'>>)[id])
  const ids = pathIds(unitPath)
  const self = ids.length ? get(ids[ids.length - 1]) : undefined
  if (!self) return '未知单位'
  // Parents not known here are left out rather than shown as ids.
  const parents = ids.slice(0, -1).map(get).filter((u): u is Pick<OrgUnit, 'name' | 'level'> => u !== undefined && u.level !== 'district')
  return [...parents, self].map((u) => u.name).join(' · ')
}
