import { reportId } from '../../src/core/report'
import type { SignOff } from '../../src/core/reviewChain'
import type { SignOffBasis } from '../../cloud/store/types'
import { clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, STREET_REVIEWER, startServer, type Running } from './harness'
import { putChainedIndicator } from './chained'

/**
 * The sign-off's readiness check (every grid approved or marked 未报) and
 * its write are one step: a reopen that lands after the
 * check and before the write makes the sign-off CONFLICT and nothing is
 * signed (the 未报 mark's own basis, no report, is in the store contract);
 * a sign-off that lands after a report write's lock check and before its
 * write makes that write LOCKED. The write in between is made for real,
 * over HTTP, from inside the real store's write, just before it runs.
 */
let s: Running
const CODE = 'YL-RACE'
const PERIOD = '2020-12'
const COMMUNITY = 'qk-s11-c01'
let grids: string[] = []

beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  grids = await putChainedIndicator(s, CODE, 991)
})
afterAll(async () => {
  await s.stop()
})

const sign = (who: string, unitId: string, decision: string, version: number, comment = '') =>
  s.call('signoff', { indicatorCode: CODE, period: PERIOD, unitId, decision, version, comment }, s.tokenFor(who))

/** Runs `meanwhile` once, right before the store's next report write. */
function beforeNextReportWrite(meanwhile: () => Promise<void>) {
  const store = s.server.store
  const real = store.writeReport.bind(store)
  store.writeReport = async (w) => {
    store.writeReport = real
    await meanwhile()
    return real(w)
  }
}

/** Runs `meanwhile` once, right before the store's next sign-off write. */
function beforeNextSignOffWrite(meanwhile: () => Promise<void>) {
  const store = s.server.store
  const real = store.putSignOff.bind(store)
  store.putSignOff = async (so: SignOff, basis?: SignOffBasis) => {
    store.putSignOff = real
    await meanwhile()
    return real(so, basis)
  }
}

test('a reopen between the readiness check and the write: the sign-off is CONFLICT and nothing is signed', async () => {
  const sub = await s.call('submit', { report: { clientId: clientId('race'), indicatorCode: CODE, orgUnitId: GRID_WORKER_UNIT, period: PERIOD, values: { service_points: 1, canteens: 2, trainees: 10 } } }, s.tokenFor(GRID_WORKER))
  const approved = await s.call('review', { reportId: sub.body.data.report.id, version: sub.body.data.report.version, decision: 'approve' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(approved.body.data.report.status).toBe('approved')
  for (const g of grids.slice(1)) expect((await sign(COMMUNITY_REVIEWER, g, 'missing', 0, '本月网格员空缺')).body.ok).toBe(true)

  let reopened: any = null
  beforeNextSignOffWrite(async () => {
    const r = approved.body.data.report
    reopened = (await s.call('review', { reportId: r.id, version: r.version, decision: 'reopen' }, s.tokenFor(COMMUNITY_REVIEWER))).body
  })
  const res = await sign(STREET_REVIEWER, COMMUNITY, 'sign', 0)
  // The reopen went through (it came first); the sign-off, checked before it, did not.
  expect(reopened).toMatchObject({ ok: true, data: { report: { status: 'submitted' } } })
  expect(res.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '签核状态或下级的填报刚刚有更新，请刷新后再操作' } })
  expect(await s.server.store.signOffs(CODE, PERIOD, [COMMUNITY])).toEqual([])
  // The reopened report is open to the community again (not locked by a sign-off).
  const report = (await s.server.store.getReport(reportId(CODE, GRID_WORKER_UNIT, PERIOD)))!
  expect(report.status).toBe('submitted')
  // Asked again, the street is told what is waiting, and still nothing changes.
  const before = await fingerprint(s)
  const again = await sign(STREET_REVIEWER, COMMUNITY, 'sign', 0)
  expect(again.body.error).toMatchObject({ code: 'BAD_INPUT' })
  expect(again.body.error.message).toMatch(/还有 1 个单位未通过或未标记未报/)
  expect(await fingerprint(s)).toBe(before)
  // Approved again, the sign-off goes through.
  await s.call('review', { reportId: report.id, version: report.version, decision: 'approve' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect((await sign(STREET_REVIEWER, COMMUNITY, 'sign', 0)).body.data.signOff).toMatchObject({ status: 'signed', version: 1 })
})

test('a sign-off between a reopen\'s lock check and its write: the reopen is LOCKED and the signed total stands', async () => {
  const report = (await s.server.store.getReport(reportId(CODE, GRID_WORKER_UNIT, PERIOD)))!
  const signed = (await s.server.store.signOffs(CODE, PERIOD, [COMMUNITY]))[0]
  // The street returns the total; the community approves nothing new, and the street signs again while a reopen is under way.
  expect((await sign(STREET_REVIEWER, COMMUNITY, 'return', signed.version, '请再核对')).body.ok).toBe(true)
  let signedAgain: any = null
  beforeNextReportWrite(async () => {
    signedAgain = (await sign(STREET_REVIEWER, COMMUNITY, 'sign', signed.version + 1)).body
  })
  const res = await s.call('review', { reportId: report.id, version: report.version, decision: 'reopen' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(signedAgain).toMatchObject({ ok: true, data: { signOff: { status: 'signed' } } })
  expect(res.body).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  expect(await s.server.store.getReport(report.id)).toEqual(report)
})
