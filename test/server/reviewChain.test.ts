import { reportId } from '../../src/core/report'
import { clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, STREET_REVIEWER, ADMIN, startServer, type Running } from './harness'
import { putChainedIndicator } from './chained'

/**
 * Review level by level over the real HTTP server (issue 13 point 7): the
 * community approves single reports, the street signs off the community's
 * total, a sign-off locks what is beneath it, a returned sign-off lets the
 * community return a report, and the worker's fix goes round again.
 */
let s: Running
const CODE = 'YL-CHAIN'
const PERIOD = '2020-12'
const COMMUNITY = 'qk-s11-c01'
let grids: string[] = []

beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  grids = await putChainedIndicator(s, CODE, 990)
})
afterAll(async () => {
  await s.stop()
})

const submit = (values: Record<string, number>, baseVersion?: number) =>
  s.call('submit', { report: { clientId: clientId('rc'), indicatorCode: CODE, orgUnitId: GRID_WORKER_UNIT, period: PERIOD, values, ...(baseVersion ? { baseVersion } : {}) } }, s.tokenFor(GRID_WORKER))
const sign = (who: string, unitId: string, decision: string, version: number, comment = '') =>
  s.call('signoff', { indicatorCode: CODE, period: PERIOD, unitId, decision, version, comment }, s.tokenFor(who))
const view = (who: string, unitId?: string) => s.call('signoff.view', { indicatorCode: CODE, period: PERIOD, ...(unitId ? { unitId } : {}) }, s.tokenFor(who))
const refusedUnchanged = async (call: () => Promise<{ status: number; body: any }>, code: string, message?: string | RegExp) => {
  const before = await fingerprint(s)
  const res = await call()
  expect(res.body.ok).toBe(false)
  expect(res.body.error.code).toBe(code)
  if (message) expect(res.body.error.message).toMatch(message)
  expect(await fingerprint(s)).toBe(before)
  return res
}

test('the community approves a report in a batch; the street may not approve it itself', async () => {
  const sub = await submit({ service_points: 1, canteens: 2, trainees: 10 })
  expect(sub.body.ok).toBe(true)
  const r = sub.body.data.report
  await refusedUnchanged(() => s.call('review', { reportId: r.id, version: r.version, decision: 'approve' }, s.tokenFor(STREET_REVIEWER)), 'FORBIDDEN', '这项指标由下一级审核单条填报')
  const batch = await s.call('review.batch', { items: [{ reportId: r.id, version: r.version }] }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(batch.body.data).toMatchObject({ approved: 1, results: [{ reportId: r.id, status: 'done', report: { status: 'approved' } }] })
})

test('a sign-off waits for every grid: approved or marked 未报 with a reason', async () => {
  const res = await refusedUnchanged(() => sign(STREET_REVIEWER, COMMUNITY, 'sign', 0), 'BAD_INPUT', /还有 \d+ 个单位未通过或未标记未报/)
  expect(res.body.error.issues.length).toBe(grids.length - 1)
  // Labels, never ids.
  expect(res.body.error.message).not.toMatch(/qk-/)
  const v = await view(COMMUNITY_REVIEWER)
  expect(v.body.data.rows.map((r: any) => r.unitId)).toEqual(grids)
  expect(v.body.data.rows[0]).toMatchObject({ state: 'approved', reportStatus: 'approved' })
  expect(v.body.data.rows[0].label).toMatch(/ · .* · /)
  await refusedUnchanged(() => sign(COMMUNITY_REVIEWER, grids[1], 'missing', 0, '  '), 'BAD_INPUT', '标记未报时请写明原因')
  await refusedUnchanged(() => sign(COMMUNITY_REVIEWER, GRID_WORKER_UNIT, 'missing', 0, '没报'), 'BAD_INPUT', '已有填报')
  for (const g of grids.slice(1)) expect((await sign(COMMUNITY_REVIEWER, g, 'missing', 0, '本月网格员空缺')).body.ok).toBe(true)
  const street = await view(STREET_REVIEWER)
  const row = street.body.data.rows.find((r: any) => r.unitId === COMMUNITY)
  expect(row).toMatchObject({ canSign: true, below: { expected: grids.length, done: grids.length, waiting: [] }, totals: { canteens: 2 } })
})

test('sign-offs outside one\'s level or area are refused and change nothing', async () => {
  await refusedUnchanged(() => sign(COMMUNITY_REVIEWER, COMMUNITY, 'sign', 0), 'FORBIDDEN', '只能签核本级负责的下级单位')
  await refusedUnchanged(() => sign(STREET_REVIEWER, 'qk-s01-c01', 'sign', 0), 'NOT_FOUND')
  await refusedUnchanged(() => sign(COMMUNITY_REVIEWER, 'qk-s11-c02', 'sign', 0), 'NOT_FOUND')
  await refusedUnchanged(() => sign(ADMIN, COMMUNITY, 'sign', 0), 'FORBIDDEN')
  await refusedUnchanged(() => sign(STREET_REVIEWER, COMMUNITY, 'sign', 3), 'CONFLICT')
  await refusedUnchanged(() => sign(STREET_REVIEWER, COMMUNITY, 'approve', 0), 'BAD_INPUT')
  await refusedUnchanged(() => sign(STREET_REVIEWER, COMMUNITY, 'return', 0, ''), 'BAD_INPUT', '退回时请写明原因')
  await refusedUnchanged(() => s.call('signoff', { indicatorCode: 'YL-133', period: PERIOD, unitId: COMMUNITY, decision: 'sign', version: 0 }, s.tokenFor(STREET_REVIEWER)), 'BAD_INPUT', '不分级审核')
  await refusedUnchanged(() => s.call('signoff.batch', { indicatorCode: CODE, period: PERIOD, items: [{ unitId: COMMUNITY, version: 0 }, { unitId: COMMUNITY, version: 0 }] }, s.tokenFor(STREET_REVIEWER)), 'BAD_INPUT', '同一个单位列了两次')
})

test('the street signs off (in a batch); that locks the reports for the worker and the community', async () => {
  const res = await s.call('signoff.batch', { indicatorCode: CODE, period: PERIOD, items: [{ unitId: COMMUNITY, version: 0 }] }, s.tokenFor(STREET_REVIEWER))
  expect(res.body.data).toMatchObject({ signed: 1, results: [{ unitId: COMMUNITY, status: 'done', signOff: { status: 'signed', version: 1, totals: { canteens: 2 } } }] })
  const report = (await s.server.store.getReport(reportId(CODE, GRID_WORKER_UNIT, PERIOD)))!
  await refusedUnchanged(() => s.call('review', { reportId: report.id, version: report.version, decision: 'reopen' }, s.tokenFor(COMMUNITY_REVIEWER)), 'LOCKED', '已由上级签核')
  await refusedUnchanged(() => sign(COMMUNITY_REVIEWER, grids[1], 'return', 1, '改一下'), 'LOCKED')
  await refusedUnchanged(() => submit({ service_points: 1, canteens: 3, trainees: 10 }, report.version), 'LOCKED')
})

test('the street returns the sign-off with a comment; the community returns the report; the worker fixes it; both approve', async () => {
  await refusedUnchanged(() => sign(STREET_REVIEWER, COMMUNITY, 'sign', 1), 'BAD_INPUT', '已经签核过了')
  const ret = await sign(STREET_REVIEWER, COMMUNITY, 'return', 1, '食堂数与台账不符，请核对')
  expect(ret.body.data.signOff).toMatchObject({ status: 'returned', comment: '食堂数与台账不符，请核对', version: 2 })
  const own = await view(COMMUNITY_REVIEWER)
  expect(own.body.data.own).toMatchObject({ status: 'returned', comment: '食堂数与台账不符，请核对', byName: '陈卫东' })
  let r = (await s.server.store.getReport(reportId(CODE, GRID_WORKER_UNIT, PERIOD)))!
  r = (await s.call('review', { reportId: r.id, version: r.version, decision: 'reopen' }, s.tokenFor(COMMUNITY_REVIEWER))).body.data.report
  const back = await s.call('review', { reportId: r.id, version: r.version, decision: 'return', comment: '食堂应为3个', fields: ['canteens'] }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(back.body.data.report.status).toBe('returned')
  const pending = await s.call('pending', {}, s.tokenFor(GRID_WORKER))
  expect(pending.body.data.items.find((i: any) => i.indicatorCode === CODE)).toMatchObject({ state: 'returned', reviewComment: '食堂应为3个' })
  const fixed = await submit({ service_points: 1, canteens: 3, trainees: 10 }, back.body.data.report.version)
  expect(fixed.body.data.report.status).toBe('submitted')
  const ok = await s.call('review', { reportId: r.id, version: fixed.body.data.report.version, decision: 'approve' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(ok.body.data.report.status).toBe('approved')
  const signed = await sign(STREET_REVIEWER, COMMUNITY, 'sign', 2)
  expect(signed.body.data.signOff).toMatchObject({ status: 'signed', version: 3, totals: { canteens: 3 } })
})

test('pending.toReview pages past 100, and reports pages by (updatedAt, id) with rows sharing a timestamp', async () => {
  const store = s.server.store
  const at = '2021-01-05T00:00:00.000Z'
  const unit = (await store.getOrgUnit('qk-s11-c01-g2'))!
  const ids: string[] = []
  // 130 submitted reports written in the same millisecond: one grid, one indicator, 130 months.
  for (let i = 0; i < 130; i++) {
    const period = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
    const id = reportId('YL-133', unit.id, period)
    ids.push(id)
    const { stamp } = await store.unitYear('YL-133', unit.id, Number(period.slice(0, 4)))
    const out = await store.writeReport({
      report: { id, clientId: `bulk-${i}`, indicatorCode: 'YL-133', orgUnitId: unit.id, unitPath: unit.path, period, values: { canteens: 1 }, dates: {}, narrative: '', evidence: [], reasons: {}, status: 'submitted', version: 1, submittedBy: 'u-grid-2', submittedAt: at, onTime: true, updatedAt: at, returnedFields: [], verdicts: {} },
      expectedVersion: 0,
      clientId: `bulk-${i}`,
      expectedYearStamp: stamp,
      rollupUnitIds: [],
      deltas: [],
      counted: {},
      history: { reportId: id, at, actorId: 'u-grid-2', actorName: '刘洋', action: 'submit', version: 1, changes: [] }
    })
    expect(out.kind).toBe('ok')
  }
  const seen: string[] = []
  let after: string | null = null
  let first = true
  while (first || after) {
    const res: any = await s.call('pending', after ? { reviewAfter: after } : {}, s.tokenFor(COMMUNITY_REVIEWER))
    expect(res.body.ok).toBe(true)
    if (first) expect(res.body.data.counts.toReview).toBeGreaterThanOrEqual(130)
    expect(res.body.data.toReview.length).toBeLessThanOrEqual(100)
    seen.push(...res.body.data.toReview.map((r: any) => r.reportId))
    after = res.body.data.toReviewNext
    first = false
  }
  expect(new Set(seen).size).toBe(seen.length)
  for (const id of ids) expect(seen).toContain(id)

  const listed: string[] = []
  let before: string | null = null
  do {
    const res: any = await s.call('reports', { orgUnitId: unit.id, status: 'submitted', limit: 30, ...(before ? { before } : {}) }, s.tokenFor(COMMUNITY_REVIEWER))
    listed.push(...res.body.data.reports.map((r: any) => r.id))
    before = res.body.data.next
  } while (before)
  expect(listed.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort())
  expect(new Set(listed).size).toBe(listed.length)
  await refusedUnchanged(() => s.call('reports', { before: 'yesterday' }, s.tokenFor(COMMUNITY_REVIEWER)), 'BAD_INPUT')
  await refusedUnchanged(() => s.call('pending', { reviewAfter: '2021|x|y' }, s.tokenFor(COMMUNITY_REVIEWER)), 'BAD_INPUT')
})
