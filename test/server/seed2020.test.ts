import { formatRate } from '../../src/core/completion'
import { ADMIN, clientId, COMMUNITY_REVIEWER, GRID_WORKER, GRID_WORKER_UNIT, startServer, STREET_REVIEWER, type Running } from './harness'

/**
 * The seed's 2020 自查表 figures, reported by the units that hold them, read
 * back as the district's progress: the same rates the core tests compute.
 */
let s: Running
let progress: any
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  // Two more street staff: the seed's mental-health network covers 六角亭 and 韩家墩.
  await s.server.store.putPeople([
    { id: 'u-street-lj', name: '六角亭街', role: 'street_reviewer', orgUnitId: 'qk-s08' },
    { id: 'u-street-hjd', name: '韩家墩街', role: 'street_reviewer', orgUnitId: 'qk-s02' }
  ])
  const submit = async (who: string, orgUnitId: string, indicatorCode: string, period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) => {
    const res = await s.call('submit', { report: { clientId: clientId('seed'), indicatorCode, orgUnitId, period, values, ...extra } }, s.tokenFor(who))
    if (!res.body.ok) throw new Error(`${indicatorCode}: ${JSON.stringify(res.body.error)}`)
    return res.body.data.report
  }
  await submit(GRID_WORKER, GRID_WORKER_UNIT, 'YL-133', '2020-12', { service_points: 8, canteens: 2, trainees: 2000 }, { declaredRate: 100 })
  await submit(GRID_WORKER, GRID_WORKER_UNIT, 'YL-BED', '2020-Q4', { beds: 3360 + 2100 + 342 + 3331, elderly: 155900 })
  const covid = await submit(STREET_REVIEWER, 'qk-s11', 'YL-COVID', '2020-Q4', {}, { narrative: '出台养老机构疫情防控应急预案，每周检查一次。' })
  await s.call('review', { reportId: covid.id, version: 1, decision: 'approve', verdicts: { prevention: 'met' } }, s.tokenFor(ADMIN))
  await submit(ADMIN, 'qk', 'FLY-2', '2020-Q4', { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 })
  await submit(ADMIN, 'qk', 'QH-BORDER', '2020-Q4', { info_progress: 1, border_progress: 1, atlas_done: 1 })
  await submit(COMMUNITY_REVIEWER, 'qk-s11-c01', 'SW-AFF', '2020-12', {
    homeless_placed: 54,
    homeless_total: 54,
    families_visited: 47,
    families_total: 47,
    donations_used: 60,
    donations_total: 60,
    marriages_ok: 3584,
    marriages_total: 3584
  })
  const aid = { temp_aided: 2150, temp_needed: 2150, dibao_helped: 69, dibao_total: 69, one_on_one_helped: 100, one_on_one_total: 100, subsidy_correct: 1000, subsidy_total: 1000 }
  await submit('u-street-lj', 'qk-s08', 'SW-AID', '2020-Q4', { ...aid, mental_covered: 1 })
  await submit('u-street-hjd', 'qk-s02', 'SW-AID', '2020-Q4', { ...aid, mental_covered: 1 })
  await submit(STREET_REVIEWER, 'qk-s11', 'SW-AID', '2020-Q4', { ...aid, mental_covered: 0 })
  await submit(COMMUNITY_REVIEWER, 'qk-s11-c01', 'SQ-GOV', '2020-Q4', { covenant_done: 1, counseling_projects: 16, new_social_orgs: 610 })
  progress = (await s.call('progress', { orgUnitId: 'qk', period: '2020' }, s.tokenFor(ADMIN))).body.data
})
afterAll(async () => {
  await s.stop()
})

const row = (code: string) => progress.indicators.find((r: any) => r.code === code)

test('indicator 1: 8 points, 2 of 3 canteens, 2000 trainees → 88.9, declared 100 kept beside it', () => {
  expect(row('YL-133').completion.targets.map((t: any) => formatRate(t.rate))).toEqual(['100', '66.7', '100'])
  expect(formatRate(row('YL-133').completion.rate)).toBe('88.9')
  expect(row('YL-133').declaredRate).toBe(null)
})

test('indicator 2: 9,133 beds for 155,900 elderly is 58.6 per 1,000 → 100', () => {
  expect(row('YL-BED').completion.targets[0].actual).toBeCloseTo(58.58, 2)
  expect(formatRate(row('YL-BED').completion.rate)).toBe('100')
})

test('indicator 3: the bureau judged the street narrative as met', () => {
  expect(formatRate(row('YL-COVID').completion.rate)).toBe('100')
})

test('indicators 5, 6 and 8 are complete; the stretch step is reported beside', () => {
  expect(formatRate(row('FLY-2').completion.rate)).toBe('100')
  expect(row('FLY-2').completion.targets[0].stretch).toEqual({ done: 0, total: 1 })
  expect(formatRate(row('SW-AFF').completion.rate)).toBe('100')
  expect(formatRate(row('QH-BORDER').completion.rate)).toBe('100')
})

test('indicator 7: mental-health coverage is 2 of the 11 streets (18.2%) against 20% → 98.2', () => {
  const mental = row('SW-AID').completion.targets.find((t: any) => t.targetId === 'mental_health')
  expect(formatRate(mental.actual)).toBe('18.2')
  expect(formatRate(row('SW-AID').completion.rate)).toBe('98.2')
})

test('indicator 9: covenant coverage counts all 136 communities, not only the one that reported', () => {
  const covenant = row('SQ-GOV').completion.targets.find((t: any) => t.targetId === 'covenant')
  expect(row('SQ-GOV').figures.community_count).toBe(136)
  expect(formatRate(covenant.actual)).toBe('0.7')
})

test('completeness per street: expected, received, on time', () => {
  expect(progress.children).toHaveLength(11)
  const changfeng = progress.children.find((c: any) => c.unit.name === '长丰街')
  const aid = changfeng.indicators.find((i: any) => i.code === 'SW-AID')
  expect(aid).toMatchObject({ expected: 4, received: 1, onTime: 1 })
  const bed = changfeng.indicators.find((i: any) => i.code === 'YL-BED')
  expect(bed.received).toBe(1)
  expect(bed.expected).toBeGreaterThan(100)
  const gutian = progress.children.find((c: any) => c.unit.name === '古田街')
  expect(gutian.indicators.find((i: any) => i.code === 'YL-133')).toMatchObject({ received: 0, rate: null })
})
