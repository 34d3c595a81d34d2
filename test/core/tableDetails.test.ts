import { formatRate, indicatorCompletion } from '../../src/core/completion'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { draftNarrative, formatNumber } from '../../src/core/table'

/** Table details from the seed comparison (issue 11, point 9). */
const YL133 = SEED_INDICATORS.find((i) => i.code === 'YL-133')!

test('an indicator never prints 100 while a target under it is not fully met', () => {
  expect(formatRate(0.9996)).toBe('99.9')
  expect(formatRate(0.99949)).toBe('99.9')
  expect(formatRate(1)).toBe('100')
  expect(formatRate(1.2)).toBe('120')
  const figures = { service_points: 8, canteens: 3, trainees: 1999 }
  const c = indicatorCompletion(YL133, figures)
  expect(c.rate).toBeLessThan(1)
  expect(formatRate(c.rate)).toBe('99.9')
})

test('a target met exactly says 完成目标; large counts read in 万', () => {
  const figures = { service_points: 8, canteens: 3, trainees: 155900 }
  const text = draftNarrative(YL133, figures, indicatorCompletion(YL133, figures))
  expect(text).toBe('新建服务网点8个，完成目标；新建幸福食堂3个，完成目标；培训护理人员15.59万人次，超额完成（目标2000人次）。')
  expect(formatNumber(155900)).toBe('15.59万')
  expect(formatNumber(100000)).toBe('10万')
  expect(formatNumber(99999)).toBe('99999')
  expect(formatNumber(7907.944)).toBe('7907.94')
})
