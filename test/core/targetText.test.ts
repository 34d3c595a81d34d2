import { indicatorCompletion } from '../../src/core/completion'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { actualText, overText } from '../../src/core/targetText'

const ind = (code: string) => SEED_INDICATORS.find((i) => i.code === code)!

test('counts carry their unit; unknown is 未填报, never 0', () => {
  const yl = ind('YL-133')
  const c = indicatorCompletion(yl, { service_points: 10, canteens: 2 })
  expect(c.targets.map((t) => actualText(t, yl))).toEqual(['10个', '2个', '未填报'])
  expect(overText(c.targets[0])).toBe('125%')
  expect(overText(c.targets[1])).toBeNull()
  expect(actualText(c.targets[0])).toBe('10')
})

test('rates per thousand and percentages', () => {
  const bed = ind('YL-BED')
  const c = indicatorCompletion(bed, { beds: 586, elderly: 10000 })
  expect(actualText(c.targets[0], bed)).toBe('每千人58.6张')
  const aff = ind('SW-AFF')
  const a = indicatorCompletion(aff, { homeless_placed: 17, homeless_total: 20 })
  expect(actualText(a.targets[0], aff)).toBe('85%')
})

test('milestones and judgements', () => {
  const fly = ind('FLY-2')
  const m = indicatorCompletion(fly, { land_done: 1, tender_done: 1, survey_done: 0, start_done: 0 })
  expect(actualText(m.targets[0], fly)).toMatch(/^完成\d\/\d步/)
  const covid = ind('YL-COVID')
  expect(actualText(indicatorCompletion(covid, {}).targets[0], covid)).toBe('待评定')
  expect(actualText(indicatorCompletion(covid, {}, { [covid.targets[0].id]: 'met' }).targets[0], covid)).toBe('达标')
  expect(actualText(indicatorCompletion(covid, {}, { [covid.targets[0].id]: 'partial' }).targets[0], covid)).toBe('基本达标')
})
