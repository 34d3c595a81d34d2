import { pathIds, type OrgUnit } from './org'

/**
 * A unit by name with its parents below the district, never as an id:
 * "长丰街 · 团结社区 · 第3网格". The district itself reads as its own name.
 * A unit missing from `units` (not yet loaded) shows as "未知单位" rather
 * than its id.
 */
export function unitLabel(unitPath: string, units: ReadonlyMap<string, Pick<OrgUnit, 'name' | 'level'>> | Record<string, Pick<OrgUnit, 'name' | 'level'>>): string {
  const get = (id: string) => (units instanceof Map ? units.get(id) : (units as Record<string, Pick<OrgUnit, 'name' | 'level'>>)[id])
  const chain = pathIds(unitPath).map(get)
  if (chain.length === 0) return '未知单位'
  const below = chain.filter((u, i) => i === chain.length - 1 || u?.level !== 'district')
  return below.map((u) => u?.name ?? '未知单位').join(' · ')
}
