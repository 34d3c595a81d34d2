import { formatRate, indicatorCompletion, targetCompletion } from '../../src/core/completion'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { Target } from '../../src/core/target'

const byCode = (code: string) => {
  const ind = SEED_INDICATORS.find((i) => i.code === code)
  if (!ind) throw new Error(`no indicator ${code}`)
  return ind
}

describe('target completion by kind', () => {
  const count: Target = { id: 'c', kind: 'count', label: '食堂3个', field: 'canteens', min: 3 }

  test('count: partial, met and over-achieved', () => {
    expect(targetCompletion(count, { canteens: 2 })).toMatchObject({ actual: 2, ratio: 2 / 3, rate: 2 / 3, met: false })
    expect(targetCompletion(count, { canteens: 3 })).toMatchObject({ rate: 1, met: true })
    const over = targetCompletion(count, { canteens: 4 })
    expect(over.ratio).toBeCloseTo(4 / 3)
    expect(over.rate).toBe(1)
  })

  test('missing data is unknown, never 0', () => {
    expect(targetCompletion(count, {})).toMatchObject({ actual: null, ratio: null, rate: null, met: null })
    expect(targetCompletion(count, { canteens: 0 })).toMatchObject({ actual: 0, rate: 0, met: false })
  })

  test('rate per population needs a positive denominator', () => {
    const t: Target = { id: 'r', kind: 'rate', label: '', numerator: 'beds', denominator: 'elderly', scale: 1000, min: 50 }
    expect(targetCompletion(t, { beds: 40, elderly: 1000 })).toMatchObject({ actual: 40, rate: 0.8, met: false })
    expect(targetCompletion(t, { beds: 40, elderly: 0 }).rate).toBeNull()
    expect(targetCompletion(t, { beds: 40 }).rate).toBeNull()
  })

  test('percentage with nothing to do counts as done; more done than needed is bad data', () => {
    const t: Target = { id: 'p', kind: 'percentage', label: '', numerator: 'placed', denominator: 'total', op: 'eq', percent: 1 }
    expect(targetCompletion(t, { placed: 0, total: 0 })).toMatchObject({ actual: 1, rate: 1 })
    expect(targetCompletion(t, { placed: 53, total: 54 }).rate).toBeCloseTo(53 / 54)
    expect(targetCompletion(t, { placed: 55, total: 54 }).rate).toBeNull()
  })

  test('progress compares a reported share', () => {
    const t: Target = { id: 'g', kind: 'progress', label: '', field: 'p', min: 0.25 }
    expect(targetCompletion(t, { p: 0.2 }).rate).toBeCloseTo(0.8)
    expect(targetCompletion(t, { p: 1 })).toMatchObject({ rate: 1, ratio: 4 })
  })

  test('milestones: required steps make the rate, stretch steps are reported beside it', () => {
    const t: Target = {
      id: 'm',
      kind: 'milestone',
      label: '',
      steps: [
        { field: 'a', required: true },
        { field: 'b', required: true },
        { field: 'c', required: false }
      ]
    }
    expect(targetCompletion(t, { a: 1, b: 0, c: 1 })).toMatchObject({ actual: 1, rate: 0.5, stretch: { done: 1, total: 1 } })
    expect(targetCompletion(t, { a: 1, b: 1 })).toMatchObject({ rate: 1, stretch: { done: 0, total: 1 } })
    expect(targetCompletion(t, { a: 1 }).rate).toBeNull()
  })

  test('qualitative targets follow the reviewer verdict', () => {
    const t: Target = { id: 'q', kind: 'qualitative', label: '' }
    expect(targetCompletion(t, {}).rate).toBeNull()
    expect(targetCompletion(t, {}, { q: 'met' }).rate).toBe(1)
    expect(targetCompletion(t, {}, { q: 'partial' }).rate).toBe(0.5)
    expect(targetCompletion(t, {}, { q: 'unmet' }).rate).toBe(0)
  })
})

describe('the seed 自查表, 2020 figures', () => {
  test('indicator 1: 8 service points, 2 of 3 canteens, 2000 trainees', () => {
    const c = indicatorCompletion(byCode('YL-133'), { service_points: 8, canteens: 2, trainees: 2000 })
    expect(c.targets.map((t) => formatRate(t.rate))).toEqual(['100', '66.7', '100'])
    // Equal-weight mean of capped rates: (1 + 2/3 + 1) / 3.
    expect(formatRate(c.rate)).toBe('88.9')
    expect(c.overAchieved).toBe(false)
  })

  test('the extra service point stays visible without lifting the rate past 100', () => {
    const c = indicatorCompletion(byCode('YL-133'), { service_points: 9, canteens: 3, trainees: 2000 })
    expect(c.rate).toBe(1)
    expect(c.overAchieved).toBe(true)
    expect(c.targets[0].ratio).toBeCloseTo(9 / 8)
  })

  test('indicator 2: 9,133 beds for 15.59万 elderly is 58.6 per 1,000', () => {
    const c = indicatorCompletion(byCode('YL-BED'), { beds: 3360 + 2100 + 342 + 3331, elderly: 155900 })
    expect(c.targets[0].actual).toBeCloseTo(58.58, 2)
    expect(c.targets[0].met).toBe(true)
    expect(formatRate(c.rate)).toBe('100')
    // 7,795 beds is exactly the 50-per-1,000 line the report computed.
    expect(indicatorCompletion(byCode('YL-BED'), { beds: 7795, elderly: 155900 }).rate).toBe(1)
    expect(formatRate(indicatorCompletion(byCode('YL-BED'), { beds: 7000, elderly: 155900 }).rate)).toBe('89.8')
  })

  test('indicator 3 is unknown until a reviewer judges it', () => {
    expect(indicatorCompletion(byCode('YL-COVID'), {}).rate).toBeNull()
    expect(indicatorCompletion(byCode('YL-COVID'), {}, { prevention: 'met' }).rate).toBe(1)
  })

  test('indicator 5: land, tender and survey done, construction not started', () => {
    const c = indicatorCompletion(byCode('FLY-2'), { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 })
    expect(c.rate).toBe(1)
    expect(c.targets[0].stretch).toEqual({ done: 0, total: 1 })
  })

  test('indicator 6: 54 of 54 placed, 47 of 47 visited, 60 of 60 donations, marriages all compliant', () => {
    const c = indicatorCompletion(byCode('SW-AFF'), {
      homeless_placed: 54,
      homeless_total: 54,
      families_visited: 47,
      families_total: 47,
      donations_used: 60,
      donations_total: 60,
      marriages_ok: 3584,
      marriages_total: 3584
    })
    expect(c.rate).toBe(1)
  })

  test('indicator 7: mental-health coverage of 2 of the 11 streets falls short of 20%', () => {
    const c = indicatorCompletion(byCode('SW-AID'), {
      temp_aided: 2150,
      temp_needed: 2150,
      dibao_helped: 69,
      dibao_total: 69,
      one_on_one_helped: 100,
      one_on_one_total: 100,
      subsidy_correct: 1000,
      subsidy_total: 1000,
      mental_covered: 2,
      street_count: 11
    })
    const mental = c.targets.find((t) => t.targetId === 'mental_health')!
    expect(formatRate(mental.actual)).toBe('18.2')
    expect(formatRate(mental.rate)).toBe('90.9')
    expect(mental.met).toBe(false)
    // The table declared 100; computed: (4 × 100 + 90.9) / 5.
    expect(formatRate(c.rate)).toBe('98.2')
  })

  test('indicator 8: progress reported at 100% against 50% and 25%, atlas compiled', () => {
    const c = indicatorCompletion(byCode('QH-BORDER'), { info_progress: 1, border_progress: 1, atlas_done: 1 })
    expect(c.rate).toBe(1)
    expect(c.targets.map((t) => t.ratio)).toEqual([2, 4, 1])
    expect(c.overAchieved).toBe(true)
  })

  test('indicator 9: all 136 covenants, 16 projects, 610 new organisations', () => {
    const c = indicatorCompletion(byCode('SQ-GOV'), { covenant_done: 136, community_count: 136, counseling_projects: 16, new_social_orgs: 610 })
    expect(c.rate).toBe(1)
    expect(c.targets[2].ratio).toBeCloseTo(610 / 110)
  })

  test('a missing figure leaves the indicator unknown but shows the known part', () => {
    const c = indicatorCompletion(byCode('YL-133'), { service_points: 8, canteens: 2 })
    expect(c.rate).toBeNull()
    expect(c.knownTargets).toBe(2)
    expect(formatRate(c.rateOfKnown)).toBe('83.3')
  })
})

test('formatRate', () => {
  expect(formatRate(null)).toBe('—')
  expect(formatRate(1)).toBe('100')
  expect(formatRate(2 / 3)).toBe('66.7')
  expect(formatRate(0)).toBe('0')
})
