import { periodYear } from '../period'
import { formatDate, formatFigure, periodLabel } from './format'
import type { Draft } from './questions'
import { askableFields, isQualitative, NARRATIVE } from './slots'
import type { ChatState } from './state'
import type { ChatContext, DraftAnswers, QuickReply, SummaryCard, SummaryRow } from './types'

/**
 * What is sent, as the worker sees it before sending and as the server
 * receives it. Fixed fields are filled here, never shown: the worker
 * cannot change them.
 */
export function draftAnswers(ctx: ChatContext, state: ChatState): DraftAnswers {
  const values: DraftAnswers['values'] = {}
  const dates: DraftAnswers['dates'] = {}
  const reasons: DraftAnswers['reasons'] = {}
  for (const f of ctx.indicator.fields) {
    const v = f.fixed ?? state.values[f.key]
    if (v === undefined) continue
    values[f.key] = v
    if (f.kind === 'step' && v === 1 && state.dates[f.key]) dates[f.key] = state.dates[f.key]
    if (state.reasons[f.key] && f.fixed === undefined) reasons[f.key] = state.reasons[f.key]
  }
  const approx = (state.approx ?? []).filter((k) => values[k] !== undefined && ctx.indicator.fields.some((f) => f.key === k && f.fixed === undefined))
  const answers: DraftAnswers = { values, dates, narrative: state.narrative.trim(), evidence: state.evidence, reasons, approx }
  if (ctx.returned && state.note) answers.note = state.note
  return answers
}

/** A report needs at least one typed figure or a narrative, as the server requires too. */
export function hasContent(ctx: ChatContext, state: ChatState): boolean {
  return askableFields(ctx.indicator).some((f) => state.values[f.key] !== undefined) || state.narrative.trim() !== ''
}

function rowsOf(ctx: ChatContext, state: ChatState): SummaryRow[] {
  const year = periodYear(ctx.period)
  const before = ctx.returned
  const rows: SummaryRow[] = askableFields(ctx.indicator).map((f) => {
    const v = state.values[f.key]
    const date = state.dates[f.key]
    const approx = v !== undefined && (state.approx ?? []).includes(f.key)
    const value = v === undefined ? '未填' : f.kind === 'step' && v === 1 && date ? `已完成（${formatDate(date, year)}）` : formatFigure(f, v, approx)
    const row: SummaryRow = { field: f.key, label: f.label, value, missing: v === undefined }
    if (approx) row.approx = true
    if (state.reasons[f.key]) row.reason = state.reasons[f.key]
    if (before) row.changed = before.values[f.key] !== v || before.dates?.[f.key] !== date || (before.approx ?? []).includes(f.key) !== approx
    return row
  })
  if (isQualitative(ctx.indicator)) {
    const row: SummaryRow = { field: NARRATIVE, label: '完成情况', value: state.narrative || '未填', missing: !state.narrative }
    if (before) row.changed = (before.narrative ?? '') !== state.narrative
    rows.push(row)
  }
  return rows
}

export function summaryCard(ctx: ChatContext, state: ChatState): SummaryCard {
  return {
    title: ctx.indicator.title,
    subtitle: `${ctx.orgUnitName} · ${periodLabel(ctx.period)}`,
    rows: rowsOf(ctx, state),
    evidence: state.evidence,
    canSubmit: hasContent(ctx, state)
  }
}

/** The card before sending; its text repeats the rows for screen readers and tests. */
export function summaryMessage(ctx: ChatContext, state: ChatState): Draft {
  const card = summaryCard(ctx, state)
  const lines = ['请核对：']
  for (const r of card.rows) lines.push(`${r.label}：${r.value}${r.reason ? `（原因：${r.reason}）` : ''}`)
  if (card.evidence.length) lines.push(`附件：${card.evidence.length}个`)
  if (ctx.returned && state.note) lines.push(`给审核人的留言：${state.note}`)
  const missing = card.rows.filter((r) => r.missing).length
  if (!card.canSubmit) lines.push('还没有填任何内容，不能提交。点要填的项，或说“重填”')
  else lines.push(`${missing ? `有${missing}项未填，也可以先提交。` : ''}没问题点“确认提交”；要改哪项，点哪项`)
  return {
    kind: 'summary',
    text: lines.join('\n'),
    summary: card,
    quickReplies: [...(card.canSubmit ? [{ label: '确认提交', value: '确认' }] : []), ...exactReplies(card), ...noteReplies(ctx, state), { label: '撤销', value: '撤销' }],
    expects: 'none'
  }
}

/** One tap turns an estimate into the exact figure: "培训护理人员是准数". */
export const EXACT_SUFFIX = '是准数'

function exactReplies(card: SummaryCard): QuickReply[] {
  return card.rows.filter((r) => r.approx).slice(0, 3).map((r) => ({ label: `${r.label}${EXACT_SUFFIX}`, value: `${r.label}${EXACT_SUFFIX}` }))
}

/** Returned reports: the worker may answer the reviewer. */
export const NOTE_REPLY = '给审核人留言'

function noteReplies(ctx: ChatContext, state: ChatState): QuickReply[] {
  return ctx.returned ? [{ label: state.note ? '改留言' : NOTE_REPLY, value: NOTE_REPLY }] : []
}
