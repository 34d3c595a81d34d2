import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, type Running } from './harness'

/**
 * An estimate (约1200人次) and a worker's note, through the real local
 * server over SQLite: stored with the report, shown to the reviewer, written
 * into the 自查表 as "约…", and old reports without the mark still load.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const draft = (over: Record<string, unknown> = {}) => ({
  clientId: clientId(),
  indicatorCode: 'YL-133',
  orgUnitId: GRID_WORKER_UNIT,
  period: '2020-12',
  values: { service_points: 2, canteens: 1, trainees: 1200 },
  ...over
})

test('an old report without the mark loads, and a new one keeps its 约', async () => {
  const worker = s.tokenFor(GRID_WORKER)
  const old = await s.call('submit', { report: draft({ period: '2020-10' }) }, worker)
  expect(old.body.ok).toBe(true)
  expect(old.body.data.report.approx).toBeUndefined()
  const estimated = await s.call('submit', { report: draft({ period: '2020-11', approx: ['trainees'] }) }, worker)
  expect(estimated.body.data.report.approx).toEqual(['trainees'])
  const h = await s.call('history', { reportId: estimated.body.data.report.id }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(h.body.data.report.approx).toEqual(['trainees'])
  const o = await s.call('history', { reportId: old.body.data.report.id }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(o.body.ok).toBe(true)
})

test('the 自查表 writes 约 before a figure that rests on an estimate', async () => {
  const res = await s.call('export.table', { orgUnitId: GRID_WORKER_UNIT, year: 2020, signer: '' }, s.tokenFor(ADMIN))
  expect(res.body.ok).toBe(true)
  const row = res.body.data.table.rows.find((r: any) => r.narrative.includes('培训护理人员'))
  expect(row.narrative).toContain('培训护理人员约2400人次')
  expect(row.narrative).not.toContain('约4个')
})

test('约 on a field without a figure is refused, and nothing changes', async () => {
  const before = await fingerprint(s)
  const res = await s.call('submit', { report: draft({ period: '2020-12', values: { service_points: 2 }, approx: ['trainees'] }) }, s.tokenFor(GRID_WORKER))
  expect(res.body.ok).toBe(false)
  expect(res.body.error.code).toBe('BAD_INPUT')
  expect(res.body.error.message).toContain('没有填数')
  expect(await fingerprint(s)).toBe(before)
})

test('a note with a fixed report reaches the reviewer in the history', async () => {
  const worker = s.tokenFor(GRID_WORKER)
  const reviewer = s.tokenFor(COMMUNITY_REVIEWER)
  const sub = await s.call('submit', { report: draft({ period: '2020-12', values: { service_points: 1, canteens: 0, trainees: 5000 } }) }, worker)
  const id = sub.body.data.report.id
  await s.call('review', { reportId: id, version: 1, decision: 'return', comment: '培训人次偏高，请核对', fields: ['trainees'] }, reviewer)
  const fix = await s.call('submit', { report: draft({ period: '2020-12', baseVersion: 2, values: { service_points: 1, canteens: 0, trainees: 500 }, note: '已核对签到表，改为500人次' }) }, worker)
  expect(fix.body.ok).toBe(true)
  const h = await s.call('history', { reportId: id }, reviewer)
  const edit = h.body.data.entries.find((e: any) => e.action === 'edit')
  expect(edit).toMatchObject({ comment: '已核对签到表，改为500人次', changes: [{ field: 'trainees', from: 5000, to: 500 }] })
})
