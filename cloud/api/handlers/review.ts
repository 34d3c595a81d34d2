import * as z from 'zod/mini'
import { PeriodKeySchema } from '../../../src/core/schema/period'
import { periodYear } from '../../../src/core/period'
import { REPORT_STATUSES } from '../../../src/core/report'
import { ID_PATTERN, KEY_PATTERN } from '../../../src/core/patterns'
import { listOf, matching, prose, text, wholeBetween } from '../../../src/core/schema/builders'
import { VerdictSchema } from '../../../src/core/schema/target'
import { defineAction } from '../action'
import { CURSOR_PATTERN, parseCursor, reportCursor } from '../cursor'
import { unitLabelsByPath } from '../reviewScope'
import { ApiError } from '../../../src/core/errors'
import { writeReport } from '../reportWrite'
import { assertRead, canRead, canReview, requireCaller, requireReviewer } from '../scope'
import type { ApiContext, Caller } from '../context'

const ReviewInput = z.strictObject({
  reportId: text(120, 1),
  /** The version the reviewer looked at: approving something else is refused. */
  version: wholeBetween(1, 1e9),
  decision: z.enum(['approve', 'return', 'reopen']),
  comment: z._default(prose(500), ''),
  /** Fields the worker should look at again (return only). */
  fields: z._default(listOf(matching(KEY_PATTERN), 30), []),
  /** Judgements of qualitative targets (approve only). */
  verdicts: z._default(z.record(matching(KEY_PATTERN), VerdictSchema), {})
})

type ReviewRequest = z.infer<typeof ReviewInput>

/**
 * approve: locks the report; return: sends it back with a comment (the
 * worker's inbox and chat bring it up); reopen: unlocks an approved report
 * so it can be corrected. Each is a new version with a history entry.
 * Who may: core's mayReviewReport for the indicator's review chain; nobody
 * while a level above has signed off the unit's total (LOCKED).
 */
async function reviewOne(ctx: ApiContext, caller: Caller, input: ReviewRequest) {
  const existing = await ctx.store.getReport(input.reportId)
  // A report outside the caller's area answers like one that does not exist: ids reveal nothing.
  if (!existing || !canRead(caller, existing.unitPath)) throw new ApiError('NOT_FOUND', '没有找到这份填报')
  const ind = await ctx.store.getIndicator(existing.indicatorCode, periodYear(existing.period))
  const unit = await ctx.store.getOrgUnit(existing.orgUnitId)
  if (!ind || !unit) throw new ApiError('INTERNAL')
  if (!canReview(caller, existing.unitPath, ind.reviewChain)) {
    throw new ApiError('FORBIDDEN', ind.reviewChain ? '这项指标由下一级审核单条填报，本级签核汇总' : '只能审核下级单位的填报')
  }
  if (input.decision === 'return' && input.comment.trim() === '') throw new ApiError('BAD_INPUT', '退回时请写明原因', { issues: [{ path: 'comment', message: '退回时请写明原因' }] })
  const known = new Set(ind.fields.map((f) => f.key))
  const unknownField = input.fields.find((f) => !known.has(f))
  if (unknownField) throw new ApiError('BAD_INPUT', '退回的数据项不存在', { issues: [{ path: 'fields', message: unknownField }] })
  const qualitative = new Set(ind.targets.filter((t) => t.kind === 'qualitative').map((t) => t.id))
  const unknownTarget = Object.keys(input.verdicts).find((t) => !qualitative.has(t))
  if (unknownTarget) throw new ApiError('BAD_INPUT', '没有这项评定', { issues: [{ path: 'verdicts', message: unknownTarget }] })
  if (input.comment && (await ctx.text.check(input.comment, ctx.openid)) === 'risky') throw new ApiError('REJECTED_TEXT')

  const at = ctx.clock.now().toISOString()
  const result = await writeReport(ctx, {
    ind,
    unit,
    reportId: existing.id,
    actor: caller,
    action: input.decision,
    ...(input.comment ? { comment: input.comment } : {}),
    build(current) {
      if (!current) throw new ApiError('NOT_FOUND')
      if (current.version !== input.version) throw new ApiError('CONFLICT', '这份填报刚刚有更新，请刷新后再审核', { current })
      if (input.decision === 'reopen' && current.status !== 'approved') throw new ApiError('BAD_INPUT', '只有已通过的填报需要重新打开')
      if (input.decision !== 'reopen' && current.status === 'approved') throw new ApiError('LOCKED', '这份填报已通过，如需修改请先重新打开')
      const status = input.decision === 'approve' ? 'approved' : input.decision === 'return' ? 'returned' : 'submitted'
      return {
        ...current,
        status,
        version: current.version + 1,
        updatedAt: at,
        ...(input.decision === 'return' ? { reviewComment: input.comment, returnedFields: input.fields } : {}),
        verdicts: input.decision === 'approve' ? { ...current.verdicts, ...input.verdicts } : current.verdicts
      }
    }
  })
  return result.report
}

export const review = defineAction('review', ReviewInput, async (ctx, input) => {
  const caller = requireReviewer(ctx)
  return { report: await reviewOne(ctx, caller, input) }
})

const BatchInput = z.strictObject({
  /** The reports the confirmation listed, each at the version shown. */
  items: listOf(z.strictObject({ reportId: text(120, 1), version: wholeBetween(1, 1e9) }), 50, 1)
})

/**
 * 批量通过: approves each listed report as `review` would, one by one. Each
 * item answers on its own (ok with the report, or the error), so one report
 * changed meanwhile does not hold up the rest, and nothing unlisted moves.
 */
export const reviewBatch = defineAction('review.batch', BatchInput, async (ctx, { items }) => {
  const caller = requireReviewer(ctx)
  if (new Set(items.map((i) => i.reportId)).size !== items.length) throw new ApiError('BAD_INPUT', '同一份填报列了两次', { issues: [{ path: 'items', message: '同一份填报列了两次' }] })
  const results = []
  for (const item of items) {
    try {
      const report = await reviewOne(ctx, caller, { ...item, decision: 'approve', comment: '', fields: [], verdicts: {} })
      results.push({ reportId: item.reportId, status: 'done' as const, report })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      const { current: _current, ...error } = e.toBody()
      results.push({ reportId: item.reportId, status: 'rejected' as const, error })
    }
  }
  return { results, approved: results.filter((r) => r.status === 'done').length }
})

const ListInput = z.strictObject({
  status: z.optional(z.enum(REPORT_STATUSES)),
  indicatorCode: z.optional(matching(/^[A-Z0-9-]{1,16}$/)),
  period: z.optional(PeriodKeySchema),
  orgUnitId: z.optional(matching(ID_PATTERN)),
  /** The `next` of the previous page: `<updatedAt>|<id>` of its last row (a bare updatedAt still works). */
  before: z.optional(matching(CURSOR_PATTERN)),
  limit: z._default(wholeBetween(1, 100), 30)
})

/** Reports in scope, newest first, for reviewer pages; pages by `before`. */
export const reports = defineAction('reports', ListInput, async (ctx, q) => {
  const caller = requireCaller(ctx)
  let path = caller.unit.path
  if (q.orgUnitId) {
    const unit = await ctx.store.getOrgUnit(q.orgUnitId)
    if (!unit) throw new ApiError('NOT_FOUND', '没有这个单位')
    assertRead(caller, unit.path)
    path = unit.path
  }
  const rows = await ctx.store.queryReports({
    underPath: path,
    limit: q.limit,
    ...(q.status ? { status: q.status } : {}),
    ...(q.indicatorCode ? { indicatorCode: q.indicatorCode } : {}),
    ...(q.period ? { period: q.period } : {}),
    ...(q.before ? { after: parseCursor(q.before) } : {})
  })
  const last = rows[rows.length - 1]
  // Every row's unit by name with its parents (长丰街 · 团结社区 · 第3网格), so no page shows an id.
  const units = [...new Map(rows.map((r) => [r.orgUnitId, r])).values()].map((r) => ({ id: r.orgUnitId, path: r.unitPath }))
  const labels = await unitLabelsByPath(ctx.store, units)
  return { reports: rows, labels, next: rows.length === q.limit ? reportCursor(last) : null }
})

/** One report with who changed which figure when. */
export const history = defineAction('history', z.strictObject({ reportId: text(120, 1) }), async (ctx, { reportId }) => {
  const caller = requireCaller(ctx)
  const report = await ctx.store.getReport(reportId)
  if (!report || !canRead(caller, report.unitPath)) throw new ApiError('NOT_FOUND', '没有找到这份填报')
  return { report, entries: await ctx.store.history(reportId) }
})
