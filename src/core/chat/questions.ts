import dayjs from 'dayjs'
import type { Field } from '../field'
import { fieldByKey } from '../indicator'
import { MAX_EVIDENCE } from '../report'
import { periodRange, periodYear } from '../period'
import { targetFields, type Target } from '../target'
import type { DateBounds } from './answers/date'
import { formatDate, formatFigure, formatValue, periodEndPhrase, periodShort, plainNumber } from './format'
import type { ChatState } from './state'
import type { Slot } from './slots'
import type { BotMessage, ChatContext, QuickReply } from './types'
import { carriesOver, unitTarget } from './unitTarget'
import { softWarningsFor } from './warnings'

/** A message before the engine numbers it. */
export type Draft = Omit<BotMessage, 'id'>

const SKIP: QuickReply = { label: '跳过', value: '跳过' }

/**
 * When a step may have been done: up to the period's end (and never after
 * today). Flows count what happened in the period, so from its start; for
 * running totals (every seed milestone) from the start of the year, since a
 * step done in an earlier quarter is still reported as done.
 */
export function stepDateBounds(ctx: ChatContext): DateBounds {
  const range = periodRange(ctx.period)
  const earliest = ctx.indicator.accumulation === 'cumulative' ? `${periodYear(ctx.period)}-01-01` : range.start
  return { earliest, latest: range.end < ctx.today ? range.end : ctx.today }
}

function targetsOf(ctx: ChatContext, key: string): Target[] {
  // A milestone is said once, on its first step.
  return ctx.indicator.targets.filter((t) => (t.kind === 'milestone' ? targetFields(t)[0] === key : targetFields(t).includes(key)))
}

/** "目标：新建服务网点8个，今年已报5个，还差3个". */
function targetLine(ctx: ChatContext, field: Field, t: Target): string {
  const ytd = ctx.yearToDate?.[field.key]
  const goal = unitTarget(ctx, t)
  if (t.kind === 'count' && goal === null) return `目标：${t.label}（全区目标，本单位未分解）`
  if (t.kind === 'count' && goal !== t.min && ytd === undefined) return `目标：${t.label}，本单位${formatValue(field, goal!)}`
  if ((t.kind !== 'count' && t.kind !== 'progress') || ytd === undefined || goal === null) return `目标：${t.label}`
  const left = goal - ytd
  return `目标：${t.label}，今年已报${formatValue(field, ytd)}，${left > 1e-9 ? `还差${formatValue(field, left)}` : '已达标'}`
}

/** The reply value that reads back as `value` for this field. */
function typedValue(field: Field, value: number): string {
  return field.kind === 'fraction' ? `${plainNumber(value * 100)}%` : plainNumber(value)
}

function numberReplies(ctx: ChatContext, state: ChatState, field: Field): QuickReply[] {
  const replies: QuickReply[] = []
  const current = state.values[field.key]
  // Carrying a per-period count over would count the same new builds twice.
  const previous = carriesOver(ctx.indicator) ? ctx.previous?.[field.key] : undefined
  if (current !== undefined) replies.push({ label: `不改（${formatFigure(field, current, (state.approx ?? []).includes(field.key))}）`, value: '不改' })
  if (previous !== undefined) replies.push({ label: `同上期（${formatValue(field, previous)}）`, value: '同上期' })
  const seen = (ctx.seen?.[field.key] ?? []).filter((v, i, all) => all.indexOf(v) === i && v !== current && v !== previous && v !== 0)
  for (const v of seen.slice(0, 3)) replies.push({ label: formatValue(field, v), value: typedValue(field, v) })
  replies.push({ label: field.kind === 'fraction' ? '0%' : '0', value: '0' }, SKIP)
  return replies
}

function yesNoReplies(ctx: ChatContext, state: ChatState, field: Field): QuickReply[] {
  const replies: QuickReply[] = []
  const current = state.values[field.key]
  const previous = ctx.previous?.[field.key]
  if (current !== undefined) replies.push({ label: `不改（${formatValue(field, current)}）`, value: '不改' })
  if (previous !== undefined) replies.push({ label: `同上期（${formatValue(field, previous)}）`, value: '同上期' })
  replies.push({ label: '是', value: '是' }, { label: '否', value: '否' }, SKIP)
  return replies
}

function dateReplies(ctx: ChatContext, state: ChatState, key: string): QuickReply[] {
  const bounds = stepDateBounds(ctx)
  const year = periodYear(ctx.period)
  const today = dayjs(ctx.today)
  const candidates: [string, string][] = [
    ['今天', ctx.today],
    ['昨天', today.subtract(1, 'day').format('YYYY-MM-DD')],
    ['本月初', today.startOf('month').format('YYYY-MM-DD')],
    // Reporting after the period ended: its last day is the likely answer.
    [formatDate(bounds.latest, year), bounds.latest]
  ]
  const replies: QuickReply[] = []
  const current = state.dates[key]
  if (current !== undefined) replies.push({ label: `不改（${formatDate(current, year)}）`, value: '不改' })
  const used = new Set<string>()
  for (const [label, date] of candidates) {
    if (date < bounds.earliest || date > bounds.latest || used.has(date)) continue
    used.add(date)
    replies.push({ label, value: date })
  }
  replies.push({ label: '记不清', value: '记不清' })
  return replies
}

function numberQuestion(ctx: ChatContext, state: ChatState, field: Field, brief: boolean): Draft {
  const head = `请填「${field.label}」${field.unit ? `（${field.unit}）` : ''}`
  const lines = [head]
  if (!brief) {
    const scope = ctx.indicator.accumulation === 'cumulative' ? `填截至${periodEndPhrase(ctx.period)}的${field.kind === 'fraction' ? '进度，如 50%' : '总数'}` : `只填${periodShort(ctx.period)}这一期的`
    lines.push(scope)
    for (const t of targetsOf(ctx, field.key)) lines.push(targetLine(ctx, field, t))
    const previous = ctx.previous?.[field.key]
    if (previous !== undefined) lines.push(`上期：${formatValue(field, previous)}`)
    if (field.hint) lines.push(field.hint)
    const current = state.values[field.key]
    if (current !== undefined) lines.push(`原来填的：${formatFigure(field, current, (state.approx ?? []).includes(field.key))}`)
  }
  return { kind: 'question', text: lines.join('\n'), quickReplies: numberReplies(ctx, state, field), expects: 'number' }
}

function yesNoQuestion(ctx: ChatContext, state: ChatState, field: Field, brief: boolean): Draft {
  const lines: string[] = []
  if (field.kind === 'step') {
    const stretch = ctx.indicator.targets.some((t) => t.kind === 'milestone' && t.steps.some((s) => s.field === field.key && !s.required))
    lines.push(`「${field.label}」完成了吗？${stretch ? '（争取项）' : ''}`)
  } else {
    lines.push(`「${field.label}」，是吗？`)
  }
  if (!brief) {
    for (const t of targetsOf(ctx, field.key)) lines.push(`目标：${t.label}`)
    const previous = ctx.previous?.[field.key]
    if (previous !== undefined) lines.push(`上期：${formatValue(field, previous)}`)
    if (field.hint) lines.push(field.hint)
  }
  return { kind: 'question', text: lines.join('\n'), quickReplies: yesNoReplies(ctx, state, field), expects: 'yesno' }
}

function dateQuestion(ctx: ChatContext, state: ChatState, field: Field, brief: boolean): Draft {
  const lines = [`「${field.label}」是哪天完成的？`]
  if (!brief) lines.push('点“今天”，或填日期，如“12月19日”')
  return { kind: 'question', text: lines.join('\n'), quickReplies: dateReplies(ctx, state, field.key), expects: 'date' }
}

function narrativeQuestion(ctx: ChatContext, state: ChatState, brief: boolean): Draft {
  const lines = [`请说说「${ctx.indicator.title}」的完成情况：做了什么、效果怎样`]
  if (!brief) {
    for (const t of ctx.indicator.targets) if (t.kind === 'qualitative') lines.push(`目标：${t.label}`)
    if (state.narrative) lines.push(`原来写的：${state.narrative.length > 40 ? `${state.narrative.slice(0, 40)}…` : state.narrative}`)
  }
  const quickReplies = state.narrative ? [{ label: '不改', value: '不改' }] : []
  return { kind: 'question', text: lines.join('\n'), quickReplies, expects: 'text' }
}

function evidenceQuestion(state: ChatState): Draft {
  const n = state.evidence.length
  return n === 0
    ? { kind: 'question', text: `有照片或文件能证明吗？点“上传”添加，最多${MAX_EVIDENCE}个`, quickReplies: [SKIP], expects: 'evidence' }
    : { kind: 'question', text: `已收到${n}个附件。还有就继续传，传好了点“好了”`, quickReplies: [{ label: '好了', value: '好了' }], expects: 'evidence' }
}

/** The question for a slot; `brief` is its first line only, after an error. */
export function questionFor(ctx: ChatContext, state: ChatState, slot: Slot, brief = false): Draft {
  const field = slot.field
  switch (slot.kind) {
    case 'number':
      return numberQuestion(ctx, state, field!, brief)
    case 'flag':
    case 'step':
      return yesNoQuestion(ctx, state, field!, brief)
    case 'date':
      return dateQuestion(ctx, state, field!, brief)
    case 'narrative':
      return narrativeQuestion(ctx, state, brief)
    case 'evidence':
      return evidenceQuestion(state)
  }
}

/** Asks why a figure that set off a soft warning is right. */
export function reasonQuestion(ctx: ChatContext, state: ChatState, key: string): Draft {
  const field = fieldByKey(ctx.indicator, key)
  const value = state.values[key]
  const found = softWarningsFor(ctx, state.values, key)
  const said = field && value !== undefined ? formatValue(field, value) : ''
  const head = !field || !said ? '这个数' : field.kind === 'step' || field.kind === 'flag' ? `「${field.label}」选了“${said}”` : `「${field.label}」填了${said}`
  const why = found.length ? `，${found.join('；')}` : '，看起来不太对'
  return {
    kind: 'warning',
    text: `${head}${why}。\n数没错的话，请说明原因；填错了就说“改一下”`,
    quickReplies: [{ label: '改一下', value: '改一下' }],
    expects: 'text'
  }
}
