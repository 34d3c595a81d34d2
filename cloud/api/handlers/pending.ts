import { chinaDate } from '../../../src/core/clock'
import { isActiveIn } from '../../../src/core/indicator'
import { isReviewer } from '../../../src/core/person'
import { daysUntilDue, dueDate, openPeriods, periodYear } from '../../../src/core/period'
import { reportId } from '../../../src/core/report'
import * as z from 'zod/mini'
import type { Indicator } from '../../../src/core/indicator'
import { matching } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import { CURSOR_PATTERN, parseCursor, reportCursor } from '../cursor'
import { allReports } from '../reviewScope'
import { canReview, requireCaller } from '../scope'

export type PendingState = 'due' | 'overdue' | 'returned' | 'submitted' | 'approved'

export interface PendingItem {
  indicatorCode: string
  title: string
  period: string
  dueDate: string
  daysLeft: number
  state: PendingState
  reportId: string
  version: number | null
  reviewComment?: string
  returnedFields?: string[]
  /** A closed period opened again for the unit: report by `until`; it counts as late. */
  late?: { until: string; reason: string }
}

const daysUntil = (day: string, today: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86400_000)

/**
 * What the caller owes for the open periods, and for reviewers what waits
 * for their review. `actionable` counts what the badge shows: due, overdue
 * and returned items, plus reports to review. `toReview` lists 100 at a
 * time (page on with `reviewAfter`); `counts.toReview` counts them all.
 */
const REVIEW_PAGE = 100

const PendingInput = z._default(
  z.strictObject({
    /** The `toReviewNext` of the previous answer: the next page of reports to review. */
    reviewAfter: z.optional(matching(CURSOR_PATTERN))
  }),
  {}
)

export const pending = defineAction('pending', PendingInput, async (ctx, input) => {
  const caller = requireCaller(ctx)
  const { person, unit } = caller
  const today = chinaDate(ctx.clock.now())
  const items: PendingItem[] = []
  const year = Number(today.slice(0, 4))
  for (const ind of [...(await ctx.store.listIndicators(year - 1)), ...(await ctx.store.listIndicators(year))]) {
    if (ind.reportLevel !== unit.level) continue
    for (const period of openPeriods(ind.period, ind.due, today, ctx.config.graceDays)) {
      if (!isActiveIn(ind, periodYear(period))) continue
      const id = reportId(ind.code, unit.id, period)
      const report = await ctx.store.getReport(id)
      const daysLeft = daysUntilDue(period, ind.due, today)
      const state: PendingState = report ? report.status : daysLeft < 0 ? 'overdue' : 'due'
      items.push({
        indicatorCode: ind.code,
        title: ind.title,
        period,
        dueDate: dueDate(period, ind.due),
        daysLeft,
        state,
        reportId: id,
        version: report?.version ?? null,
        ...(report?.status === 'returned' ? { reviewComment: report.reviewComment, returnedFields: report.returnedFields } : {})
      })
    }
  }
  // Closed periods a reviewer opened again for this unit, until their end date.
  for (const o of await ctx.store.periodOpeningsOf(unit.id, today)) {
    if (items.some((i) => i.indicatorCode === o.indicatorCode && i.period === o.period)) continue
    const ind = await ctx.store.getIndicator(o.indicatorCode, periodYear(o.period))
    if (!ind || ind.reportLevel !== unit.level) continue
    const id = reportId(ind.code, unit.id, o.period)
    const report = await ctx.store.getReport(id)
    const daysLeft = daysUntil(o.until, today)
    items.push({
      indicatorCode: ind.code,
      title: ind.title,
      period: o.period,
      dueDate: o.until,
      daysLeft,
      state: report ? report.status : 'overdue',
      reportId: id,
      version: report?.version ?? null,
      late: { until: o.until, reason: o.reason },
      ...(report?.status === 'returned' ? { reviewComment: report.reviewComment, returnedFields: report.returnedFields } : {})
    })
  }
  const order: Record<PendingState, number> = { returned: 0, overdue: 1, due: 2, submitted: 3, approved: 4 }
  items.sort((a, b) => order[a.state] - order[b.state] || a.daysLeft - b.daysLeft || a.indicatorCode.localeCompare(b.indicatorCode))
  // Everything waiting for this reviewer (no cap), in the reports' stable order; one page of it listed.
  const waiting = isReviewer(person.role) ? await allReports(ctx.store, { underPath: unit.path, status: 'submitted' }) : []
  const chains = new Map<string, Indicator['reviewChain'] | null>()
  const reviewable: typeof waiting = []
  for (const r of waiting) {
    const key = `${r.indicatorCode}~${periodYear(r.period)}`
    if (!chains.has(key)) chains.set(key, (await ctx.store.getIndicator(r.indicatorCode, periodYear(r.period)))?.reviewChain ?? null)
    if (canReview(caller, r.unitPath, chains.get(key) ?? undefined)) reviewable.push(r)
  }
  const after = input.reviewAfter ? parseCursor(input.reviewAfter) : null
  const start = after ? reviewable.findIndex((r) => r.updatedAt < after.updatedAt || (r.updatedAt === after.updatedAt && after.id !== undefined && r.id > after.id)) : 0
  const page = start < 0 ? [] : reviewable.slice(start, start + REVIEW_PAGE)
  const more = start >= 0 && start + REVIEW_PAGE < reviewable.length
  const counts = {
    due: items.filter((i) => i.state === 'due').length,
    overdue: items.filter((i) => i.state === 'overdue').length,
    returned: items.filter((i) => i.state === 'returned').length,
    toReview: reviewable.length
  }
  return {
    today,
    now: ctx.clock.now().toISOString(),
    items,
    toReview: page.map((r) => ({ reportId: r.id, indicatorCode: r.indicatorCode, orgUnitId: r.orgUnitId, period: r.period, updatedAt: r.updatedAt })),
    /** Pass as `reviewAfter` for the next page of `toReview`; null on the last. */
    toReviewNext: more ? reportCursor(page[page.length - 1]) : null,
    counts,
    actionable: counts.due + counts.overdue + counts.returned + counts.toReview
  }
})
