import { isActiveIn, type Indicator } from '../indicator'
import type { OrgUnit } from '../org'
import { daysUntilDue, dueDate, openPeriods, periodYear } from '../period'
import { reportId, type ReportStatus } from '../report'

/**
 * What a unit owes, as reminders see it: the same open periods as the
 * 待办 list (`pending`), kept when they need doing — returned, overdue, or
 * due within a few days. Submitted and approved items are never reminded.
 */

export type ReminderState = 'returned' | 'overdue' | 'due'

export interface ReminderItem {
  unitId: string
  indicatorCode: string
  title: string
  period: string
  reportId: string
  dueDate: string
  /** Days from today to the due date; negative once overdue. */
  daysLeft: number
  state: ReminderState
}

/** One report a unit should have: the periods to look up before classifying. */
export interface Candidate {
  unit: OrgUnit
  indicator: Indicator
  period: string
  reportId: string
}

/**
 * The date math is the same for every unit of a city: remembered per
 * (indicator rule, period, day), so a run over 15,000 grids does it once
 * per indicator instead of once per grid. Pure; bounded.
 */
const memo = new Map<string, unknown>()
function remembered<T>(key: string, compute: () => T): T {
  if (memo.has(key)) return memo.get(key) as T
  if (memo.size > 5000) memo.clear()
  const value = compute()
  memo.set(key, value)
  return value
}
const ruleKey = (ind: Indicator) => `${ind.period}|${JSON.stringify(ind.due)}`

/** Every report `unit` is expected to make in the open periods of `today`. */
export function candidatesFor(unit: OrgUnit, indicators: readonly Indicator[], today: string, graceDays: number): Candidate[] {
  const out: Candidate[] = []
  for (const indicator of indicators) {
    if (indicator.reportLevel !== unit.level) continue
    const periods = remembered(`open|${ruleKey(indicator)}|${today}|${graceDays}`, () => openPeriods(indicator.period, indicator.due, today, graceDays))
    for (const period of periods) {
      if (!isActiveIn(indicator, periodYear(period))) continue
      out.push({ unit, indicator, period, reportId: reportId(indicator.code, unit.id, period) })
    }
  }
  return out
}

/**
 * The reminder for one candidate, or null when there is nothing to remind
 * of: already submitted or approved, or due later than `dueWithinDays`.
 */
export function classify(c: Candidate, status: ReportStatus | null, today: string, dueWithinDays: number): ReminderItem | null {
  const due = remembered(`due|${ruleKey(c.indicator)}|${c.period}|${today}`, () => ({ daysLeft: daysUntilDue(c.period, c.indicator.due, today), date: dueDate(c.period, c.indicator.due) }))
  const daysLeft = due.daysLeft
  let state: ReminderState
  if (status === 'returned') state = 'returned'
  else if (status) return null
  else if (daysLeft < 0) state = 'overdue'
  else if (daysLeft <= dueWithinDays) state = 'due'
  else return null
  return {
    unitId: c.unit.id,
    indicatorCode: c.indicator.code,
    title: c.indicator.title,
    period: c.period,
    reportId: c.reportId,
    dueDate: due.date,
    daysLeft,
    state
  }
}

const STATE_ORDER: Record<ReminderState, number> = { returned: 0, overdue: 1, due: 2 }

/** Most urgent first: returned, then overdue (longest first), then due (soonest first). */
export function byUrgency(a: ReminderItem, b: ReminderItem): number {
  return STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.daysLeft - b.daysLeft || a.indicatorCode.localeCompare(b.indicatorCode) || a.period.localeCompare(b.period) || a.unitId.localeCompare(b.unitId)
}

/** Overdue by more than `afterDays`: the reviewer above hears of it too. */
export function isEscalated(item: ReminderItem, afterDays: number): boolean {
  return item.state === 'overdue' && -item.daysLeft > afterDays
}
