import { clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, type Running } from './harness'

/**
 * A late year can be completed: on 12-20 September is closed for good, a
 * reviewer opens it for one grid with a reason and an end date, the grid
 * reports, the report counts and shows as late; after the end date it is
 * closed again.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
})
afterAll(async () => {
  await s.stop()
})

const draft = (period: string, over: Record<string, unknown> = {}) => ({
  clientId: clientId('late'),
  indicatorCode: 'YL-133',
  orgUnitId: GRID_WORKER_UNIT,
  period,
  values: { service_points: 1, canteens: 0, trainees: 10 },
  ...over
})
const opening = { indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-09', until: '2020-12-31', reason: '网格员病假，补报九月数据' }

test('refused opening requests say why and change nothing', async () => {
  const before = await fingerprint(s)
  const cases: [Record<string, unknown>, string, string][] = [
    [{ ...opening, period: '2020-12' }, COMMUNITY_REVIEWER, '这一期还在填报时间内，不需要补开'],
    [{ ...opening, until: '2020-12-19' }, COMMUNITY_REVIEWER, '截止日期不能早于今天'],
    [{ ...opening, until: '2021-06-30' }, COMMUNITY_REVIEWER, '截止日期最多在90天以内'],
    [{ ...opening, period: '2021-01' }, COMMUNITY_REVIEWER, '2021年的计划里没有这项指标'],
    [{ ...opening, period: '2020-Q3' }, COMMUNITY_REVIEWER, '这项指标按月填报'],
    [{ ...opening, reason: '   ' }, COMMUNITY_REVIEWER, '请写明补开的原因']
  ]
  for (const [payload, who, message] of cases) {
    const res = await s.call('period.open', payload, s.tokenFor(who))
    expect(res.body.error).toMatchObject({ code: 'BAD_INPUT', message })
  }
  expect((await s.call('period.open', opening, s.tokenFor(GRID_WORKER))).body.error.code).toBe('FORBIDDEN')
  expect((await s.call('period.open', { ...opening, orgUnitId: 'qk-s01-c01-g1' }, s.tokenFor(COMMUNITY_REVIEWER))).body.error.code).toBe('FORBIDDEN')
  expect(await fingerprint(s)).toBe(before)
})

test('a closed period opened for one grid takes its report until the end date, which counts and shows late', async () => {
  expect((await s.call('submit', { report: draft('2020-09') }, s.tokenFor(GRID_WORKER))).body.error.code).toBe('CLOSED')
  const opened = await s.call('period.open', opening, s.tokenFor(COMMUNITY_REVIEWER))
  expect(opened.body).toMatchObject({ ok: true, data: { opening: { ...opening, byName: '王芳' } } })

  const pending = (await s.call('pending', {}, s.tokenFor(GRID_WORKER))).body.data
  expect(pending.items.find((i: any) => i.period === '2020-09')).toMatchObject({ indicatorCode: 'YL-133', dueDate: '2020-12-31', daysLeft: 11, state: 'overdue', late: { until: '2020-12-31', reason: '网格员病假，补报九月数据' } })

  const res = await s.call('submit', { report: draft('2020-09') }, s.tokenFor(GRID_WORKER))
  expect(res.body).toMatchObject({ ok: true, data: { status: 'accepted', report: { period: '2020-09', onTime: false } } })
  // Only this grid: its neighbour's September stays closed.
  const other = await s.call('submit', { report: draft('2020-09', { orgUnitId: 'qk-s11-c01-g2' }) }, s.tokenFor('u-grid-2'))
  expect(other.body.error.code).toBe('CLOSED')

  const progress = (await s.call('progress', { period: '2020' }, s.tokenFor(COMMUNITY_REVIEWER))).body.data
  expect(progress.indicators.find((r: any) => r.code === 'YL-133')).toMatchObject({ received: 1, onTime: 0, figures: { service_points: 1 } })

  s.clock.set('2021-01-01T09:00:00+08:00')
  const again = await s.call('submit', { report: draft('2020-09', { baseVersion: 1, values: { service_points: 2, canteens: 0, trainees: 10 } }) }, s.tokenFor(GRID_WORKER))
  expect(again.body.error.code).toBe('CLOSED')
  expect((await s.call('pending', {}, s.tokenFor(GRID_WORKER))).body.data.items.some((i: any) => i.period === '2020-09')).toBe(false)
})
