import type { OrgUnit } from '../../core/org'

/**
 * Choosing units by name on the people screen. A real install's unit ids
 * are generated (`d1-s01-c02`), so an admin knows names, not ids: the
 * invite form finds communities by name and reads 网格 in its lines as a
 * grid's name within the chosen community (an id still works).
 */
export type UnitLite = Pick<OrgUnit, 'id' | 'name' | 'level' | 'parentId'> & { retiredAt?: string | null }

const active = (u: UnitLite) => !u.retiredAt

/** "长丰街 · 团结社区": the unit's name after its parents below the district. */
export function crumb(u: UnitLite, byId: ReadonlyMap<string, UnitLite>): string {
  const names: string[] = []
  for (let x: UnitLite | undefined = u; x && x.level !== 'district'; x = x.parentId ? byId.get(x.parentId) : undefined) names.unshift(x.name)
  return names.join(' · ')
}

/** Active units of `level` whose name contains the query (or whose id it is), at most `limit`. */
export function findUnits(units: readonly UnitLite[], level: OrgUnit['level'], query: string, limit = 8): UnitLite[] {
  const q = query.trim()
  if (!q) return []
  return units.filter((u) => u.level === level && active(u) && (u.name.includes(q) || u.id === q)).slice(0, limit)
}

/** A line's 网格: a grid of `communityId` with that name → its id; anything else is sent as typed (the server names what is wrong). */
export function gridIdFor(units: readonly UnitLite[], communityId: string, typed: string): string {
  const grid = units.find((u) => u.parentId === communityId && u.level === 'grid' && active(u) && u.name === typed)
  return grid ? grid.id : typed
}
