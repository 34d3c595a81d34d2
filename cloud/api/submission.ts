import { chinaDate } from '../../src/core/clock'
import type { Indicator } from '../../src/core/indicator'
import { ORG_LEVEL_LABEL } from '../../src/core/org'
import { dueDate, openPeriods, periodRange, periodYear } from '../../src/core/period'
import { reportId, type ReportDraft } from '../../src/core/report'
import { checkDraft } from '../../src/core/validate'
import type { StoredReport } from '../store/types'
import type { ApiContext, Caller } from './context'
import { ApiError } from '../../src/core/errors'
import { writeReport } from './reportWrite'

export type SubmitOutcome = { status: 'accepted' | 'duplicate'; report: StoredReport }

async function loadIndicator(ctx: ApiContext, code: string, period: string): Promise<Indicator> {
  const ind = await ctx.store.getIndicator(code, periodYear(period))
  if (!ind) throw new ApiError('NOT_FOUND', '这一年的计划里没有这项指标')
  return ind
}

/**
 * One report from a worker, first delivery or retry alike. Order matters:
 * a retry of something already stored answers `duplicate` before any other
 * check, so a queue that resends after a lost reply never sees an error.
 */
export async function submitDraft(ctx: ApiContext, caller: Caller, draft: ReportDraft): Promise<SubmitOutcome> {
  const known = await ctx.store.submission(draft.clientId)
  if (known) {
    const report = await ctx.store.getReport(known.reportId)
    // A client id is the sender's own: one that names another unit's report
    // is refused without saying whose it is.
    if (report && report.orgUnitId !== caller.unit.id) throw new ApiError('BAD_INPUT', '提交编号无效，请重新提交')
    if (report) return { status: 'duplicate', report }
  }
  const now = ctx.clock.now()
  const today = chinaDate(now)
  if (periodRange(draft.period).start > today) throw new ApiError('BAD_INPUT', '这一期还没开始，不能提前填报')
  const ind = await loadIndicator(ctx, draft.indicatorCode, draft.period)
  if (draft.orgUnitId !== caller.unit.id) throw new ApiError('FORBIDDEN', '只能填报自己负责的单位')
  if (caller.unit.level !== ind.reportLevel) {
    throw new ApiError('FORBIDDEN', `这项指标由${ORG_LEVEL_LABEL[ind.reportLevel]}填报`)
  }
  const checked = checkDraft(ind, draft, today)
  if (!checked.ok) throw new ApiError('BAD_INPUT', checked.issues[0].message, { issues: checked.issues })
  if (!openPeriods(ind.period, ind.due, today, ctx.config.graceDays).includes(draft.period)) throw new ApiError('CLOSED')
  if (ctx.evidence && draft.evidence.length > 0) {
    const unknown = await ctx.evidence.unknown(draft.evidence.map((e) => e.id), caller)
    if (unknown.length > 0) throw new ApiError('BAD_INPUT', '附件无效，请重新上传照片或文件', { issues: unknown.map(() => ({ path: 'evidence', message: '附件无效，请重新上传' })) })
  }
  const text = [draft.narrative, ...Object.values(draft.reasons)].join('\n').trim()
  if (text && (await ctx.text.check(text, ctx.openid)) === 'risky') throw new ApiError('REJECTED_TEXT')

  const id = reportId(ind.code, caller.unit.id, draft.period)
  const at = now.toISOString()
  const result = await writeReport(ctx, {
    ind,
    unit: caller.unit,
    reportId: id,
    actor: caller,
    action: draft.baseVersion ? 'edit' : 'submit',
    clientId: draft.clientId,
    build(current) {
      if (current?.status === 'approved') throw new ApiError('LOCKED')
      if ((current?.version ?? undefined) !== draft.baseVersion) throw new ApiError('CONFLICT', undefined, { current })
      return {
        id,
        clientId: draft.clientId,
        indicatorCode: ind.code,
        orgUnitId: caller.unit.id,
        unitPath: caller.unit.path,
        period: draft.period,
        values: checked.values,
        dates: draft.dates,
        narrative: draft.narrative,
        evidence: draft.evidence,
        reasons: draft.reasons,
        ...(draft.declaredRate !== undefined ? { declaredRate: draft.declaredRate } : {}),
        status: 'submitted',
        version: (current?.version ?? 0) + 1,
        submittedBy: caller.person.id,
        submittedAt: current?.submittedAt ?? at,
        onTime: current ? current.onTime : today <= dueDate(draft.period, ind.due),
        updatedAt: at,
        returnedFields: [],
        verdicts: current?.verdicts ?? {}
      }
    }
  })
  return { status: result.kind === 'written' ? 'accepted' : 'duplicate', report: result.report }
}
