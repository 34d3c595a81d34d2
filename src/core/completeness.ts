import { dueDate, periodRange, type DueRule } from './period'
import type { ReportStatus } from './report'

/**
 * Completeness: for one unit and one indicator, what each period of the
 * year stands at. One rule, used by every consumer (the `completeness`
 * action and its page, the xlsx second sheet, the completeness sheet
 * download), so a cell never reads differently in two places.
 *
 * - `on_time`: a report that counts (submitted or approved) whose first
 *   version came by the due date (the report's `onTime`, judged once at
 *   submit by `today <= dueDate`);
 * - `late`: a counting report that came after its due date (through a late
 *   window, `period.open`, or a back-fill);
 * - `returned`: the report was sent back and is not fixed yet (it does not
 *   count until it is);
 * - `missing`: no report and the due date has passed. `openUntil` says a
 *   reviewer has opened the period for this unit again (it may still come
 *   in, late);
 * - `not_due`: no report yet and the due date has not passed (or the
 *   period has not begun: `begun: false`).
 */
export const COMPLETENESS_STATUSES = ['on_time', 'late', 'returned', 'missing', 'not_due'] as const
export type CompletenessStatus = (typeof COMPLETENESS_STATUSES)[number]

export const COMPLETENESS_LABEL: Record<CompletenessStatus, string> = {
  on_time: '按时',
  late: '迟报',
  returned: '退回',
  missing: '未报',
  not_due: '未到期'
}

/** What completeness reads of a report. */
export interface ReportTiming {
  period: string
  status: ReportStatus
  onTime: boolean
}

/** A late window: the period may still be reported until `until` (China date, inclusive). */
export interface OpeningWindow {
  period: string
  until: string
}

export interface CompletenessCell {
  period: string
  status: CompletenessStatus
  /** The last on-time day. */
  due: string
  /** The period has begun on `today`. */
  begun: boolean
  /** A missing period opened again for this unit, open until this day. */
  openUntil?: string
}

export function cellStatus(report: ReportTiming | null, due: string, today: string): CompletenessStatus {
  if (report) {
    if (report.status === 'returned') return 'returned'
    return report.onTime ? 'on_time' : 'late'
  }
  return today > due ? 'missing' : 'not_due'
}

/**
 * One unit's row: a cell per period (in the order given), from its reports
 * of the indicator, the due rule and the late windows opened for it.
 * Reports of other periods are ignored.
 */
export function completenessRow(periods: readonly string[], rule: DueRule, today: string, reports: readonly ReportTiming[], openings: readonly OpeningWindow[] = []): CompletenessCell[] {
  const byPeriod = new Map(reports.map((r) => [r.period, r]))
  const openBy = new Map(openings.filter((o) => o.until >= today).map((o) => [o.period, o.until]))
  return periods.map((period) => {
    const due = dueDate(period, rule)
    const status = cellStatus(byPeriod.get(period) ?? null, due, today)
    const cell: CompletenessCell = { period, status, due, begun: periodRange(period).start <= today }
    const until = openBy.get(period)
    if (status === 'missing' && until) cell.openUntil = until
    return cell
  })
}

/** Periods whose cell may need a late window looked up: past due and no report. */
export function missingPeriods(periods: readonly string[], rule: DueRule, today: string, reports: readonly ReportTiming[]): string[] {
  const have = new Set(reports.map((r) => r.period))
  return periods.filter((p) => !have.has(p) && today > dueDate(p, rule))
}

export type CompletenessCounts = Record<CompletenessStatus, number>

export function countCells(rows: readonly (readonly CompletenessCell[])[]): CompletenessCounts {
  const out = Object.fromEntries(COMPLETENESS_STATUSES.map((s) => [s, 0])) as CompletenessCounts
  for (const row of rows) for (const c of row) out[c.status] += 1
  return out
}

/** A row matches a status filter when any of its cells has that status. */
export function rowHas(row: readonly CompletenessCell[], status: CompletenessStatus | undefined): boolean {
  return !status || row.some((c) => c.status === status)
}

/** The short text a cell prints (the xlsx sheet, the page): "按时", "未报（补开至12-31）". */
export function cellText(cell: CompletenessCell): string {
  const base = COMPLETENESS_LABEL[cell.status]
  return cell.openUntil ? `${base}（补开至${cell.openUntil.slice(5)}）` : base
}
