import type { OrgUnit } from '../../../src/core/org'
import type { Person } from '../../../src/core/person'
import type { ErrorCode } from '../../../src/core/errors'
import { ADMIN, clientId, COMMUNITY_REVIEWER, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER, STREET_REVIEWER, type Running } from '../harness'

/**
 * The authorization matrix's vocabulary: roles, who plays them, their own
 * and other units, the outcomes a cell can have, and fixtures cells share.
 */export const OTHER_DISTRICT: OrgUnit[] = [
  { id: 'xx', name: '外区', level: 'district', parentId: null, path: '/xx/' },
  { id: 'xx-s01', name: '外区街', level: 'street', parentId: 'xx', path: '/xx/xx-s01/' },
  { id: 'xx-s01-c01', name: '外区社区', level: 'community', parentId: 'xx-s01', path: '/xx/xx-s01/xx-s01-c01/' },
  { id: 'xx-s01-c01-g1', name: '外区网格', level: 'grid', parentId: 'xx-s01-c01', path: '/xx/xx-s01/xx-s01-c01/xx-s01-c01-g1/' }
]
export const OTHER_DISTRICT_WORKER: Person = { id: 'u-xx-grid', name: '外区网格员', role: 'grid_worker', orgUnitId: 'xx-s01-c01-g1' }

export async function submitAs(s: Running, who: string, indicatorCode: string, orgUnitId: string, period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) {
  const res = await s.call('submit', { report: { clientId: clientId('f'), indicatorCode, orgUnitId, period, values, ...extra } }, s.tokenFor(who))
  if (!res.body.ok) throw new Error(`fixture ${indicatorCode} ${orgUnitId} ${period}: ${JSON.stringify(res.body.error)}`)
  return res.body.data.report as { id: string; version: number }
}

/** A grid worker at `gridId` (created when the demo has none) and one YL-133 report of theirs. */
export async function gridReport(s: Running, gridId: string, period = '2020-12') {
  const id = `u-f-${gridId}`
  if (!(await s.server.store.getPerson(id))) await s.server.store.putPeople([{ id, name: '网格员', role: 'grid_worker', orgUnitId: gridId }])
  return submitAs(s, id, 'YL-133', gridId, period, { canteens: 1 })
}

export type Role = 'grid_worker' | 'community_reviewer' | 'street_reviewer' | 'admin' | 'none'
export const ROLES: Role[] = ['grid_worker', 'community_reviewer', 'street_reviewer', 'admin', 'none']
export const PERSON: Record<Role, string | null> = {
  grid_worker: GRID_WORKER,
  community_reviewer: COMMUNITY_REVIEWER,
  street_reviewer: STREET_REVIEWER,
  admin: ADMIN,
  none: null
}
export type Signed = Exclude<Role, 'none'>
/** The caller's own unit, and a unit of the same level that is not theirs. */
export const OWN: Record<Signed, string> = { grid_worker: GRID_WORKER_UNIT, community_reviewer: 'qk-s11-c01', street_reviewer: 'qk-s11', admin: 'qk' }
export const OTHER: Record<Signed, string> = { grid_worker: 'qk-s11-c01-g2', community_reviewer: 'qk-s11-c02', street_reviewer: 'qk-s01', admin: 'xx' }

/**
 * What a cell must answer. ok: 200 with ok true. code: that error code
 * with its HTTP status and no change. item: a 200 batch whose one item is
 * rejected with that code, and no change.
 */
export type Outcome = { ok: true } | { code: ErrorCode } | { item: ErrorCode }
export const OK: Outcome = { ok: true }
export const FORBIDDEN: Outcome = { code: 'FORBIDDEN' }
export const UNAUTH: Outcome = { code: 'UNAUTHENTICATED' }
export const BAD: Outcome = { code: 'BAD_INPUT' }
export const NOT_FOUND: Outcome = { code: 'NOT_FOUND' }

export interface Fixtures {
  s: Running
  /** Reports, by scope, that the refusals aim at (created once; refusals change nothing). */
  reportIn: Record<Signed, string>
  reportOut: Record<Signed, string>
  usedInvite: string
}

export interface Cell {
  payload(fx: Fixtures): Promise<unknown> | unknown
  expect: Outcome
  /** Why the outcome is what it is, when it is not plain. */
  note?: string
}
export type Spec = (role: Role) => { in: Cell; out: Cell }

export const signedIn = (role: Role, outcome: Outcome): Outcome => (role === 'none' ? UNAUTH : outcome)
export const adminOnly = (role: Role): Outcome => (role === 'none' ? UNAUTH : role === 'admin' ? OK : FORBIDDEN)
export const asSigned = (role: Role): Signed => (role === 'none' ? 'grid_worker' : role)

/** The report a role submits for its own unit, and the period it uses (distinct per action so cells never collide). */
export function ownDraft(role: Signed, purpose: 'submit' | 'sync', unit = OWN[role]) {
  const base = { clientId: clientId('m'), orgUnitId: unit }
  switch (role) {
    case 'grid_worker':
      return { ...base, indicatorCode: 'YL-133', period: purpose === 'submit' ? '2020-12' : '2020-11', values: { canteens: 1 } }
    case 'community_reviewer':
      return { ...base, indicatorCode: 'SW-AFF', period: purpose === 'submit' ? '2020-12' : '2020-11', values: { homeless_placed: 1, homeless_total: 1 } }
    case 'street_reviewer':
      return purpose === 'submit'
        ? { ...base, indicatorCode: 'SW-AID', period: '2020-Q4', values: { temp_aided: 1, temp_needed: 1 } }
        : { ...base, indicatorCode: 'YL-COVID', period: '2020-Q4', values: {}, narrative: '建立常态防控机制' }
    case 'admin':
      return purpose === 'submit'
        ? { ...base, indicatorCode: 'FLY-2', period: '2020-Q4', values: { land_done: 1 }, dates: { land_done: '2020-10-15' } }
        : { ...base, indicatorCode: 'QH-BORDER', period: '2020-Q4', values: { info_progress: 0.5 } }
  }
}

/** A submitted report a reviewer may approve, fresh per cell (approving changes it). */
export const REVIEWABLE_GRID: Record<Signed, string> = {
  grid_worker: GRID_WORKER_UNIT,
  community_reviewer: 'qk-s11-c01-g3',
  street_reviewer: 'qk-s11-c01-g4',
  admin: 'qk-s11-c01-g5'
}

/** A fresh unit name for the org cells (names are unique among siblings). */
export const orgName = () => `矩阵${clientId('o').replace(/[^a-z0-9]/gi, '').slice(-10)}`
/** A fresh unit under `parentId`, made by the admin, for an org cell to act on. */
export async function freshUnit(fx: { s: Running }, parentId: string): Promise<string> {
  const res = await fx.s.call('org.create', { parentId, name: orgName() }, fx.s.tokenFor(ADMIN))
  if (!res.body.ok) throw new Error(JSON.stringify(res.body))
  return res.body.data.unit.id
}
export const freshGrid = (fx: { s: Running }) => freshUnit(fx, 'qk-s11-c01')
/** A unit outside the admin's district: NOT_FOUND for the admin (not revealed), refused by role for the rest. */
export const outsideTree = (role: Role) => ({
  expect: role === 'admin' ? ({ code: 'NOT_FOUND' } as Outcome) : adminOnly(role),
  ...(role === 'admin' ? { note: 'a unit outside the admin’s district is NOT_FOUND (not revealed)' } : {})
})

export const noPayloadSpec: Spec = (role) => ({
  in: { payload: () => ({}), expect: signedIn(role, OK) },
  // No target to choose: whose data it is comes from the session alone, and
  // a body that names someone is refused as input.
  out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: signedIn(role, BAD), note: 'no target exists: a body naming another person is BAD_INPUT' }
})

/** The 自查表 actions: reviewers and the bureau, within their subtree; never grid workers. */
export const tableEditor = (role: Role, outcome: Outcome): Outcome => (role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : outcome)
export const exportSpec =
  (extra: Record<string, unknown>): Spec =>
  (role) => ({
    in: { payload: () => ({ orgUnitId: OWN[asSigned(role)], year: 2020, ...extra }), expect: tableEditor(role, OK), ...(role === 'grid_worker' ? { note: 'grid workers neither export nor rewrite the table' } : {}) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)], year: 2020, ...extra }), expect: tableEditor(role, FORBIDDEN) }
  })
