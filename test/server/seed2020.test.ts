import { formatRate } from '../../src/core/completion'
import { reportSeed2020 } from '../export/reportSeed2020'
import { ADMIN, startServer, type Running } from './harness'

/**
 * The seed's 2020 自查表 figures, reported by the units that hold them (the
 * same fixture the export tests use), read back as the district's progress:
 * the same rates the core tests compute.
 */
let s: Running
let progress: any
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  await reportSeed2020(s)
  progress = (await s.call('progress', { orgUnitId: 'qk', period: '2020' }, s.tokenFor(ADMIN))).body.data
})
afterAll(async () => {
  await s.stop()
})

const row = (code: string) => progress.indicators.find((r: any) => r.code === code)

test('indicator 1: 2 of 3 canteens → 88.9; a grid’s declared rate is not the district’s', () => {
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
  const zongguan = progress.children.find((c: any) => c.unit.name === '宗关街')
  expect(zongguan.indicators.find((i: any) => i.code === 'YL-133')).toMatchObject({ received: 0, rate: null })
})
