import type { Figures } from '../../src/core/figures'
import type { Target } from '../../src/core/target'
import { indicatorCompletion, targetCompletion } from '../../src/core/completion'
import { projectRollups, readRollup } from '../../src/core/rollup'
import { draftNarrative } from '../../src/core/table/narrative'
import { actualText } from '../../src/core/targetText'
import { IndicatorSchema } from '../../src/core/schema/indicator'
import { DB15, UNIT_BY_ID } from '../rollup/world'

const [avg, max, share] = DB15.targets

describe('ceiling completion: 100 at or under the ceiling, max / value above it', () => {
  const rows: [Target, Figures, number, boolean][] = [
    [avg, { avg_days: 12 }, 1, true],
    [avg, { avg_days: 15 }, 1, true],
    [avg, { avg_days: 30 }, 0.5, false],
    [avg, { avg_days: 20 }, 0.75, false],
    [share, { late_cases: 1, cases: 40 }, 1, true],
    [share, { late_cases: 4, cases: 40 }, 0.5, false],
    // Nothing decided, nothing late.
    [share, { late_cases: 0, cases: 0 }, 1, true]
  ]
  test.each(rows.map(([t, ...rest]) => [t.id, JSON.stringify(rest[0]), t, ...rest] as const))('%s %s', (_id, _f, t, figures, rate, met) => {
    const c = targetCompletion(t, figures)
    expect(c.rate).toBeCloseTo(rate, 9)
    expect(c.ratio).toBe(c.rate)
    expect(c.met).toBe(met)
  })

  test('unknown is unknown, never 0 or 100', () => {
    expect(targetCompletion(avg, {}).rate).toBeNull()
    expect(targetCompletion(share, { late_cases: 1 }).rate).toBeNull()
    expect(targetCompletion(share, { late_cases: 1, cases: 0 }).rate).toBeNull()
  })

  test('a ceiling of 0 (零事故): met at 0, 0 above it', () => {
    const zero = { ...max, max: 0 }
    expect(targetCompletion(zero, { max_days: 0 }).rate).toBe(1)
    expect(targetCompletion(zero, { max_days: 3 }).rate).toBe(0)
  })

  test('staying under a ceiling is never over-achievement', () => {
    expect(indicatorCompletion(DB15, { cases: 10, late_cases: 0, avg_days: 3, max_days: 5 }).overAchieved).toBe(false)
  })
})

describe('wording', () => {
  test('actual text and narrative say 控制在…以内 or 超过上限', () => {
    const within = { cases: 40, late_cases: 1, avg_days: 12.5, max_days: 18 }
    const c = indicatorCompletion(DB15, within)
    expect(c.targets.map((t) => actualText(t, DB15))).toEqual(['12.5个工作日', '18个工作日', '2.5%'])
    expect(draftNarrative(DB15, within, c)).toBe('平均审核时限12.5个工作日，控制在15个工作日以内；最长审核时限18个工作日，控制在20个工作日以内；超时率2.5%（1/40），控制在5%以内。')
    const over = { cases: 40, late_cases: 4, avg_days: 16, max_days: 25 }
    expect(draftNarrative(DB15, over, indicatorCompletion(DB15, over))).toBe('平均审核时限16个工作日，超过上限15个工作日；最长审核时限25个工作日，超过上限20个工作日；超时率10%（4/40），超过上限5%。')
    expect(draftNarrative(DB15, {}, indicatorCompletion(DB15, {}))).toBe('平均审核时限未填报（不超过15个工作日）；最长审核时限未填报（不超过20个工作日）；超时率未填报（不超过5%）。')
  })
})

describe('combine rules across units', () => {
  test('a district reads the sum, the weighted mean and the maximum of its grids', () => {
    const report = (orgUnitId: string, values: Record<string, number>) => ({ orgUnitId, period: '2020-10', values, verdicts: {}, status: 'submitted' as const, onTime: true })
    const rolled = projectRollups(DB15, UNIT_BY_ID, [
      report('d-s1-c1-g1', { cases: 30, late_cases: 0, avg_days: 10, max_days: 14 }),
      report('d-s1-c1-g2', { cases: 10, late_cases: 2, avg_days: 20, max_days: 25 }),
      report('d-s2-c1-g1', { cases: 0, late_cases: 0, avg_days: 3, max_days: 3 })
    ])
    const district = readRollup(DB15, rolled.get('d')!.get('2020-10')!)
    // (30×10 + 10×20 + 0×3) / 40 = 12.5, not the plain mean 11.
    expect(district.figures).toEqual({ cases: 40, late_cases: 2, avg_days: 12.5, max_days: 25 })
    expect(readRollup(DB15, rolled.get('d-s2')!.get('2020-10')!).figures).toEqual({ cases: 0, late_cases: 0, avg_days: 3, max_days: 3 })
    // The year of one grid: its months by the same rules.
    const year = projectRollups(DB15, UNIT_BY_ID, [
      report('d-s1-c1-g1', { cases: 30, late_cases: 0, avg_days: 10, max_days: 14 }),
      { ...report('d-s1-c1-g1', { cases: 10, late_cases: 1, avg_days: 14, max_days: 30 }), period: '2020-11' }
    ])
    expect(readRollup(DB15, year.get('d')!.get('2020')!).figures).toEqual({ cases: 40, late_cases: 1, avg_days: 11, max_days: 30 })
  })

  test('the plan must say how a ceiling field combines, and a mean names a count field', () => {
    const input = JSON.parse(JSON.stringify(DB15))
    delete input.fields[3].combine
    expect(IndicatorSchema.safeParse(input).success).toBe(false)
    const badWeight = JSON.parse(JSON.stringify(DB15))
    badWeight.fields[2].combine = { rule: 'mean', weight: 'max_days_x' }
    expect(IndicatorSchema.safeParse(badWeight).success).toBe(false)
    const both = JSON.parse(JSON.stringify(DB15))
    both.targets[0].numerator = 'late_cases'
    expect(IndicatorSchema.safeParse(both).success).toBe(false)
    expect(IndicatorSchema.safeParse(DB15).success).toBe(true)
  })
})
