import { chinaDate } from '../../../src/core/clock'
import { isActiveIn } from '../../../src/core/indicator'
import { isReviewer } from '../../../src/core/person'
import { daysUntilDue, dueDate, openPeriods, periodYear } from '../../../src/core/period'
import { reportId } from '../../../src/core/report'
import { defineAction, NoInput } from '../action'
import { requireCaller } from '../scope'

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
}

/**
 * What the caller owes for the open periods, and for reviewers what waits
 * for their review. `actionable` counts what the badge shows: due, overdue
 * and returned items, plus reports to review.
 */
export const pending = defineAction('pending', NoInput, async (ctx) => {
  const { person, unit } = requireCaller(ctx)
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
  const order: Record<PendingState, number> = { returned: 0, overdue: 1, due: 2, submitted: 3, approved: 4 }
  items.sort((a, b) => order[a.state] - order[b.state] || a.daysLeft - b.daysLeft || a.indicatorCode.localeCompare(b.indicatorCode))
  const toReview = isReviewer(person.role) ? await ctx.store.queryReports({ underPath: unit.path, status: 'submitted', limit: 100 }) : []
  const reviewable = toReview.filter((r) => r.unitPath !== unit.path || person.role === 'admin')
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
    toReview: reviewable.map((r) => ({ reportId: r.id, indicatorCode: r.indicatorCode, orgUnitId: r.orgUnitId, period: r.period, updatedAt: r.updatedAt })),
    counts,
    actionable: counts.due + counts.overdue + counts.returned + counts.toReview
  }
})
