import { daysUntilDue, dueDate, isOverdue, nextPeriod, openPeriods, periodOf, periodRange, periodsOfYear, periodType, previousPeriod } from '../../src/core/period'
import { PeriodKeySchema } from '../../src/core/schema/period'

describe('period keys', () => {
  test.each([
    ['month', '2020-02-17', '2020-02'],
    ['quarter', '2020-02-17', '2020-Q1'],
    ['quarter', '2020-12-31', '2020-Q4'],
    ['year', '2020-07-01', '2020']
  ] as const)('%s containing %s is %s', (type, date, key) => {
    expect(periodOf(type, date)).toBe(key)
    expect(periodType(key)).toBe(type)
  })

  test('ranges, leap years included', () => {
    expect(periodRange('2020-02')).toEqual({ start: '2020-02-01', end: '2020-02-29' })
    expect(periodRange('2021-02')).toEqual({ start: '2021-02-01', end: '2021-02-28' })
    expect(periodRange('2020-Q3')).toEqual({ start: '2020-07-01', end: '2020-09-30' })
    expect(periodRange('2020')).toEqual({ start: '2020-01-01', end: '2020-12-31' })
  })

  test('previous and next cross year boundaries', () => {
    expect(previousPeriod('2021-01')).toBe('2020-12')
    expect(previousPeriod('2021-Q1')).toBe('2020-Q4')
    expect(previousPeriod('2021')).toBe('2020')
    expect(nextPeriod('2020-12')).toBe('2021-01')
    expect(nextPeriod('2020-Q4')).toBe('2021-Q1')
  })

  test('periods of a year', () => {
    expect(periodsOfYear('month', 2020)).toHaveLength(12)
    expect(periodsOfYear('month', 2020)[11]).toBe('2020-12')
    expect(periodsOfYear('quarter', 2020)).toEqual(['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4'])
  })

  test.each(['2020-13', '2020-Q5', '20', '2020-1', '2020-Q0', 'abcd', ''])('rejects malformed key %p', (key) => {
    expect(PeriodKeySchema.safeParse(key).success).toBe(false)
    expect(() => periodType(key)).toThrow()
  })
})

describe('due dates', () => {
  const rule = { daysAfterEnd: 5 }

  test('due five days after the month ends', () => {
    expect(dueDate('2020-11', rule)).toBe('2020-12-05')
    expect(isOverdue('2020-11', rule, '2020-12-05')).toBe(false)
    expect(isOverdue('2020-11', rule, '2020-12-06')).toBe(true)
    expect(daysUntilDue('2020-11', rule, '2020-12-01')).toBe(4)
    expect(daysUntilDue('2020-11', rule, '2020-12-08')).toBe(-3)
  })

  test('open periods: the current one and recent ones still within grace, oldest first', () => {
    expect(openPeriods('month', rule, '2020-12-10', 30)).toEqual(['2020-11', '2020-12'])
    expect(openPeriods('month', rule, '2020-12-10', 0)).toEqual(['2020-12'])
    expect(openPeriods('year', { daysAfterEnd: 15 }, '2021-01-10', 60)).toEqual(['2020', '2021'])
    expect(openPeriods('quarter', { daysAfterEnd: 10 }, '2021-03-01', 60)).toEqual(['2020-Q4', '2021-Q1'])
  })
})
