import type { Indicator } from '../../src/core/indicator'
import { pathIds, type OrgUnit } from '../../src/core/org'
import { lockingSignOff, type SignOff } from '../../src/core/reviewChain'
import { unitLabel } from '../../src/core/unitLabel'
import { ApiError } from '../../src/core/errors'
import type { ReportQuery, Store, StoredReport } from '../store/types'

/**
 * The sign-off that locks a unit's figures for an indicator and period: one
 * signed on the unit itself (`withSelf`, for its reports) or on a unit above
 * it. Indicators without a review chain have no sign-offs.
 */
export async function signedAbove(store: Store, ind: Indicator, unit: OrgUnit, period: string, withSelf: boolean): Promise<SignOff | null> {
  if (!ind.reviewChain) return null
  const ids = pathIds(unit.path)
  return lockingSignOff(await store.signOffs(ind.code, period, withSelf ? ids : ids.slice(0, -1)))
}

export const SIGNED_MESSAGE = '这一期已由上级签核，不能再修改；如需修改，请上级先退回签核'

export async function assertNotSigned(store: Store, ind: Indicator, unit: OrgUnit, period: string, withSelf: boolean): Promise<void> {
  if (await signedAbove(store, ind, unit, period, withSelf)) throw new ApiError('LOCKED', SIGNED_MESSAGE)
}

/** Every report matching `q`, paged by the stable cursor (no cap). */
export async function allReports(store: Store, q: Omit<ReportQuery, 'limit' | 'after'>, page = 200): Promise<StoredReport[]> {
  const out: StoredReport[] = []
  for (;;) {
    const last = out[out.length - 1]
    const rows = await store.queryReports({ ...q, limit: page, ...(last ? { after: { updatedAt: last.updatedAt, id: last.id } } : {}) })
    out.push(...rows)
    if (rows.length < page) return out
  }
}

/** Labels ("长丰街 · 团结社区 · 第3网格") of units, from the units on their paths. */
export async function labelsOf(store: Store, units: OrgUnit[]): Promise<Map<string, string>> {
  const known = new Map<string, OrgUnit>()
  for (const u of units) known.set(u.id, u)
  for (const id of new Set(units.flatMap((u) => pathIds(u.path)))) {
    if (known.has(id)) continue
    const u = await store.getOrgUnit(id)
    if (u) known.set(id, u)
  }
  return new Map(units.map((u) => [u.id, unitLabel(u.path, known)]))
}

/** Labels by unit id for units known by id and path only (report rows). */
export async function unitLabelsByPath(store: Store, units: { id: string; path: string }[]): Promise<Record<string, string>> {
  const known = new Map<string, OrgUnit>()
  for (const id of new Set(units.flatMap((u) => pathIds(u.path)))) {
    const u = await store.getOrgUnit(id)
    if (u) known.set(id, u)
  }
  return Object.fromEntries(units.map((u) => [u.id, unitLabel(u.path, known)]))
}
