import type { OrgUnit } from '../../core/org'

/** The org tree as the page reads it: units by id and children by parent, in path order. */
export interface TreeIndex {
  byId: Map<string, OrgUnit>
  children: Map<string, OrgUnit[]>
  root: OrgUnit | null
}

export function indexTree(units: readonly OrgUnit[]): TreeIndex {
  const byId = new Map(units.map((u) => [u.id, u]))
  const children = new Map<string, OrgUnit[]>()
  let root: OrgUnit | null = null
  for (const u of units) {
    if (!u.parentId || !byId.has(u.parentId)) root = root ?? u
    else children.set(u.parentId, [...(children.get(u.parentId) ?? []), u])
  }
  return { byId, children, root }
}

/** "长丰街 · 团结社区 · 第3网格": the unit by name with its parents (the district left out). */
export function unitCrumb(unit: OrgUnit, byId: ReadonlyMap<string, OrgUnit>): string {
  const names: string[] = []
  for (let u: OrgUnit | undefined = unit; u && u.level !== 'district'; u = u.parentId ? byId.get(u.parentId) : undefined) names.unshift(u.name)
  return names.join(' · ') || unit.name
}
