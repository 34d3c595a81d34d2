import { dateLabel, daysLeftLabel, periodLabel, periodShortLabel } from '../../src/core/periodLabel'

test('period keys read as Chinese periods', () => {
  expect(periodLabel('2020-12')).toBe('2020年12月')
  expect(periodLabel('2020-03')).toBe('2020年3月')
  expect(periodLabel('2020-Q4')).toBe('2020年第4季度')
  expect(periodLabel('2020')).toBe('2020年')
  expect(periodLabel('oops')).toBe('oops')
})

test('short labels within a year', () => {
  expect(periodShortLabel('2020')).toBe('全年')
  expect(periodShortLabel('2020-Q1')).toBe('第1季度')
  expect(periodShortLabel('2020-07')).toBe('7月')
})

test('dates drop the year of today', () => {
  expect(dateLabel('2021-01-10', '2021-01-05')).toBe('1月10日')
  expect(dateLabel('2020-12-10', '2021-01-05')).toBe('2020年12月10日')
  expect(dateLabel('2020-12-10')).toBe('2020年12月10日')
})

test('days left, due today and overdue', () => {
  expect(daysLeftLabel(3)).toBe('还剩3天')
  expect(daysLeftLabel(0)).toBe('今天截止')
  expect(daysLeftLabel(-5)).toBe('逾期5天')
})
