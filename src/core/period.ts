import dayjs from 'dayjs'
import type { DueRule, PeriodType } from './schema/period'

export type { DueRule, PeriodType }

/**
 * Periods are keyed by plain strings that sort in time order within a type:
 * "2020" (year), "2020-Q3" (quarter), "2020-07" (month).
 */
export const PERIOD_TYPES = ['month', 'quarter', 'year'] as const

export const YEAR = /^(\d{4})$/
export const QUARTER = /^(\d{4})-Q([1-4])$/
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/


export interface PeriodRange {
  /** First day, YYYY-MM-DD. */
  start: string
  /** Last day, YYYY-MM-DD. */
  end: string
}

export function periodType(key: string): PeriodType {
  if (YEAR.test(key)) return 'year'
  if (QUARTER.test(key)) return 'quarter'
  if (MONTH.test(key)) return 'month'
  throw new Error(`not a period key: ${key}`)
}

/** The period of `type` that contains `date` (YYYY-MM-DD or a Date). */
export function periodOf(type: PeriodType, date: string | Date): string {
  const d = dayjs(date)
  const y = d.year()
  if (type === 'year') return String(y)
  if (type === 'quarter') return `${y}-Q${Math.floor(d.month() / 3) + 1}`
  return d.format('YYYY-MM')
}

// periodRange and dueDate are called for every unit × period of a table or a
// completeness grid (100k calls for a district): the answers depend only on
// the key, so they are kept (a few hundred distinct keys ever occur; the cap
// only guards against a caller that makes up keys).
const RANGES = new Map<string, PeriodRange>()
const DUES = new Map<string, string>()
const CACHE_CAP = 5000

function kept<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key)
  if (v === undefined) {
    if (cache.size >= CACHE_CAP) cache.clear()
    cache.set(key, (v = make()))
  }
  return v
}

export function periodRange(key: string): PeriodRange {
  return kept(RANGES, key, () => Object.freeze(computeRange(key)))
}

function computeRange(key: string): PeriodRange {
  const type = periodType(key)
  let start: dayjs.Dayjs
  let months: number
  if (type === 'year') {
    start = dayjs(`${key}-01-01`)
    months = 12
  } else if (type === 'quarter') {
    const [, y, q] = QUARTER.exec(key)!
    start = dayjs(`${y}-01-01`).add((Number(q) - 1) * 3, 'month')
    months = 3
  } else {
    start = dayjs(`${key}-01`)
    months = 1
  }
  return {
    start: start.format('YYYY-MM-DD'),
    end: start.add(months, 'month').subtract(1, 'day').format('YYYY-MM-DD')
  }
}

export function previousPeriod(key: string): string {
  const type = periodType(key)
  const start = dayjs(periodRange(key).start)
  const unit = type === 'year' ? 12 : type === 'quarter' ? 3 : 1
  return periodOf(type, start.subtract(unit, 'month').toDate())
}

export function nextPeriod(key: string): string {
  const type = periodType(key)
  return periodOf(type, dayjs(periodRange(key).end).add(1, 'day').toDate())
}

/** The year a period belongs to: targets are annual. */
export function periodYear(key: string): number {
  return Number(key.slice(0, 4))
}

/** Every period of `type` within a year, in order. */
export function periodsOfYear(type: PeriodType, year: number): string[] {
  if (type === 'year') return [String(year)]
  if (type === 'quarter') return [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
}

/** The last day on which a report for `key` is on time, YYYY-MM-DD. */
export function dueDate(key: string, rule: DueRule): string {
  return kept(DUES, `${key}|${rule.daysAfterEnd}`, () => dayjs(periodRange(key).end).add(rule.daysAfterEnd, 'day').format('YYYY-MM-DD'))
}

/** `today` is a local calendar date, YYYY-MM-DD (UTC+8 for WeChat users). */
export function isOverdue(key: string, rule: DueRule, today: string): boolean {
  return today > dueDate(key, rule)
}

/** Whole days from `today` until the due date; negative once overdue. */
export function daysUntilDue(key: string, rule: DueRule, today: string): number {
  return dayjs(dueDate(key, rule)).diff(dayjs(today), 'day')
}

/**
 * The periods a unit may still report for on `today`: the current one and
 * past ones of the same year whose due date is at most `graceDays` behind,
 * plus last year's final period until it is `graceDays` overdue (a December
 * report is written in January). Oldest first.
 */
export function openPeriods(type: PeriodType, rule: DueRule, today: string, graceDays = 60): string[] {
  const current = periodOf(type, today)
  const open: string[] = []
  let key = current
  for (let i = 0; i < 24; i++) {
    if (i > 0 && daysUntilDue(key, rule, today) < -graceDays) break
    open.unshift(key)
    key = previousPeriod(key)
  }
  return open
}

/** A period key in one of the three shapes. */
export function isPeriodKey(key: string): boolean {
  return YEAR.test(key) || QUARTER.test(key) || MONTH.test(key)
}
