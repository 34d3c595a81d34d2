import type { Field } from '../field'
import { fieldByKey } from '../indicator'
import { parseFigure } from '../quantity'
import { periodYear } from '../period'
import { readDate } from './answers/date'
import { quantityToValue, rangeQuestion, readQuantity } from './answers/number'
import type { Parsed } from './answers/parsed'
import { readNarrative, readReason } from './answers/text'
import { readYesNo } from './answers/yesno'
import { formatDate, formatFigure, formatValue, plainNumber, quote } from './format'
import { says } from './intents'
import { labelledFigures } from './match'
import { pairProblem } from './pairs'
import { ask, type Outbox } from './prompt'
import { stepDateBounds } from './questions'
import { dateSlot, EVIDENCE, isQualitative, NARRATIVE, numberFields, slotIdsFor, type Slot } from './slots'
import { commit, withIds, withoutIds, type Change, type ChatState } from './state'
import type { ChatContext } from './types'
import { carriesOver } from './unitTarget'
import { softWarningsFor } from './warnings'

/**
 * How one answer changes the state. Every handler commits through the undo
 * stack, then asks what comes next; a refused answer changes nothing and
 * re-asks with what was wrong.
 */

export interface Entry {
  field: Field
  value: Parsed<number>
  /** Said as an estimate (约1200, 200多): stored with the 约 mark. */
  approx?: boolean
  /** As written, when it differs from how the value reads (1.5万人 → 15000人). */
  said?: string
}

/** How each figure reads back: "网点 9个", after a correction "网点 8个 → 9个". */
function noteFor(state: ChatState, e: Entry, value: number, corrected: boolean): string {
  const before = state.values[e.field.key]
  const now = formatFigure(e.field, value, e.approx === true)
  const from = corrected && before !== undefined && before !== value ? `${formatFigure(e.field, before, (state.approx ?? []).includes(e.field.key))} → ` : ''
  return `${e.field.label} ${from}${now}`
}

/** 1.5万人 is stored as 15000人: say so, so the worker sees the conversion. */
function conversionNote(e: Entry, value: number): string | null {
  if (!e.said || e.field.kind === 'fraction' || !/[万亿千wWkK]/.test(e.said)) return null
  const stored = formatValue(e.field, value)
  return e.said.replace(/\s/g, '') === stored ? null : `“${e.said.trim()}”记为${stored}`
}

export interface FillOptions {
  errors?: string[]
  /** A correction: say what changed even at the field's own question. */
  corrected?: boolean
}

/**
 * Stores figures for one or more fields. Each is checked on its own: the
 * good ones are kept, the bad ones reported and asked again. Figures that
 * set off a soft warning are kept too, and a reason is asked for them.
 */
export function fill(ctx: ChatContext, state: ChatState, entries: Entry[], current: string | null, out: Outbox, opts: FillOptions | string[] = {}): ChatState {
  const { errors = [], corrected = false } = Array.isArray(opts) ? { errors: opts } : opts
  const ind = ctx.indicator
  const merged = { ...state.values }
  const accepted: Record<string, number> = {}
  const kept: Entry[] = []
  for (const entry of entries) {
    const { field, value } = entry
    if (!value.ok) {
      errors.push(value.error)
      continue
    }
    const pair = pairProblem(ind, { ...merged, [field.key]: value.value }, field.key)
    if (pair) {
      errors.push(`${pair}，请核对`)
      continue
    }
    merged[field.key] = value.value
    accepted[field.key] = value.value
    kept.push(entry)
  }
  const keys = Object.keys(accepted)
  let next = state
  if (keys.length) {
    const warned = keys.filter((k) => softWarningsFor(ctx, merged, k).length > 0)
    const approxNow = kept.filter((e) => e.approx).map((e) => e.field.key)
    const approx = withIds(withoutIds(state.approx ?? [], keys), approxNow)
    const change: Change = {
      values: accepted,
      reasons: Object.fromEntries(keys.map((k) => [k, null])),
      done: withIds(state.done, keys),
      awaitReason: withIds(withoutIds(state.awaitReason, keys), warned)
    }
    if (approx.join() !== (state.approx ?? []).join()) change.approx = approx
    const note = kept.map((e) => noteFor(state, e, accepted[e.field.key], corrected)).join('、')
    next = commit(state, change, note)
    const conversions = kept.map((e) => conversionNote(e, accepted[e.field.key])).filter((c): c is string => c !== null)
    const tail = conversions.length ? `（${conversions.join('，')}）` : ''
    if (corrected) out.say({ kind: 'info', text: `已改：${note}${tail}` })
    else if (keys.length > 1 || keys[0] !== current) out.say({ kind: 'info', text: `记下了：${note}${tail}` })
    else if (tail) out.say({ kind: 'info', text: `记下了：${note}${tail}` })
  }
  ask(ctx, next, out, errors.length ? { kind: 'error', text: errors.join('\n') } : undefined)
  return next
}

/**
 * Figures named in a sentence ("网点2个，食堂1个") fill their fields; a
 * single figure without a name answers the question asked. An empty list
 * means the sentence names none.
 */
export function namedEntries(ctx: ChatContext, text: string, current: Field | null): { entries: Entry[]; errors: string[] } {
  const { labelled, unlabelled } = labelledFigures(text, numberFields(ctx.indicator))
  if (labelled.length === 0) return { entries: [], errors: [] }
  const entry = (field: Field, q: (typeof unlabelled)[number]): Entry => ({ field, value: quantityToValue(field, q), approx: q.approx === true, said: q.text })
  const entries: Entry[] = labelled.map((l) => entry(l.field, l.quantity))
  const rest = [...unlabelled]
  if (current && rest.length && !entries.some((e) => e.field.key === current.key)) {
    entries.unshift(entry(current, rest.shift()!))
  }
  const errors = rest.length ? [`${rest.map((q) => quote(q.text)).join('、')}没说是哪一项，请写上名称`] : []
  return { entries, errors }
}

/** The quick replies under a span question: its two ends. */
function rangeReplies(field: Field, lo: number, hi: number) {
  const typed = (v: number) => (field.kind === 'fraction' ? `${plainNumber(v * 100)}%` : `${plainNumber(v)}${field.unit}`)
  return [lo, hi].map((v) => ({ label: typed(v), value: typed(v) }))
}

function answerNumber(ctx: ChatContext, state: ChatState, field: Field, text: string, out: Outbox): ChatState {
  const named = namedEntries(ctx, text, field)
  if (named.entries.length) return fill(ctx, state, named.entries, field.key, out, named.errors)
  const read = readQuantity(text, field)
  if (!read.ok) {
    ask(ctx, state, out, { kind: 'error', text: read.error })
    return state
  }
  const r = read.value
  if (r.kind === 'skip') return skipSlot(ctx, state, { id: field.key, kind: 'number', field }, out)
  if (r.kind === 'range') {
    // A span is never stored: the worker picks one number.
    const scale = field.kind === 'fraction' && r.range.unit === undefined ? asShareRange(r.range.range) : r.range.range
    out.say({ kind: 'question', text: rangeQuestion(field, { ...r.range, range: scale }), quickReplies: rangeReplies(field, scale[0], scale[1]), expects: 'number' })
    return state
  }
  const q = r.quantity
  return fill(ctx, state, [{ field, value: quantityToValue(field, q), approx: q.approx === true, said: text }], field.key, out)
}

function asShareRange([lo, hi]: [number, number]): [number, number] {
  return [lo / 100, hi / 100]
}

function answerYesNo(ctx: ChatContext, state: ChatState, field: Field, text: string, out: Outbox): ChatState {
  const key = field.key
  const same = says(text, 'same')
  const previous = ctx.previous?.[key]
  const read = same ? null : readYesNo(text)
  if (read && !read.ok) {
    ask(ctx, state, out, { kind: 'error', text: read.error })
    return state
  }
  const value = read ? read.value : previous!
  const change: Change = { values: { [key]: value }, reasons: { [key]: null }, done: withIds(state.done, [key]) }
  if (field.kind === 'step' && value !== 1) change.dates = { [key]: null }
  const previousDate = ctx.previousDates?.[key]
  // 同上期 on a step done before keeps its date: nothing new to ask.
  if (field.kind === 'step' && same && value === 1 && previousDate) {
    change.dates = { [key]: previousDate }
    change.done = withIds(change.done!, [dateSlot(key)])
  }
  const warned = softWarningsFor(ctx, { ...state.values, [key]: value }, key).length > 0
  change.awaitReason = warned ? withIds(state.awaitReason, [key]) : withoutIds(state.awaitReason, [key])
  const next = commit(state, change, `${field.label} ${formatValue(field, value)}`)
  ask(ctx, next, out)
  return next
}

function answerDate(ctx: ChatContext, state: ChatState, field: Field, text: string, out: Outbox): ChatState {
  const year = periodYear(ctx.period)
  const date = readDate(text, year, ctx.today, stepDateBounds(ctx))
  if (!date.ok) {
    ask(ctx, state, out, { kind: 'error', text: date.error })
    return state
  }
  const next = commit(state, { dates: { [field.key]: date.value }, done: withIds(state.done, [dateSlot(field.key)]) }, `${field.label}完成日期 ${formatDate(date.value, year)}`)
  ask(ctx, next, out)
  return next
}

function answerNarrative(ctx: ChatContext, state: ChatState, text: string, out: Outbox): ChatState {
  const narrative = readNarrative(text)
  if (!narrative.ok) {
    ask(ctx, state, out, { kind: 'error', text: narrative.error })
    return state
  }
  const next = commit(state, { narrative: narrative.value, done: withIds(state.done, [NARRATIVE]) }, '完成情况')
  ask(ctx, next, out)
  return next
}

/**
 * Photos arrive as their own inputs; here the worker says they are done,
 * or, for a qualitative target, keeps writing: longer text is added to the
 * narrative, as people tend to send several short messages.
 */
function answerEvidence(ctx: ChatContext, state: ChatState, text: string, out: Outbox): ChatState {
  const yesNo = readYesNo(text)
  if (says(text, 'finished') || says(text, 'skip') || (yesNo.ok && yesNo.value === 0)) {
    const next = commit(state, { done: withIds(state.done, [EVIDENCE]) }, '附件')
    ask(ctx, next, out)
    return next
  }
  if (isQualitative(ctx.indicator) && text.trim().length >= 4 && !yesNo.ok) {
    const narrative = state.narrative ? `${state.narrative}\n${text.trim()}` : text.trim()
    const checked = readNarrative(narrative)
    if (checked.ok) {
      const next = commit(state, { narrative: checked.value }, '补充说明')
      out.say({ kind: 'info', text: '已补充到完成情况里' })
      ask(ctx, next, out)
      return next
    }
  }
  ask(ctx, state, out, { kind: 'error', text: '请点“上传”添加照片或文件；没有就点“跳过”' })
  return state
}

/** 跳过, 还没统计: the slot is left empty and the next one asked. */
export function skipSlot(ctx: ChatContext, state: ChatState, slot: Slot, out: Outbox): ChatState {
  const field = slot.field
  const key = field?.key
  const change: Change = { done: withIds(state.done, [slot.id]) }
  if (slot.kind === 'date') change.dates = { [key!]: null }
  else if (slot.kind === 'narrative') change.narrative = ''
  else if (key) {
    Object.assign(change, { values: { [key]: null }, reasons: { [key]: null }, awaitReason: withoutIds(state.awaitReason, [key]) })
    if ((state.approx ?? []).includes(key)) change.approx = withoutIds(state.approx ?? [], [key])
    if (slot.kind === 'step') change.dates = { [key]: null }
  }
  const next = commit(state, change, `跳过${field ? `「${field.label}」` : ''}`)
  ask(ctx, next, out)
  return next
}

/** "本期新增是0吗？": asked when 同上 is said for a figure that is counted afresh each period. */
export function zeroQuestion(field: Field) {
  return {
    kind: 'question' as const,
    text: `「${field.label}」按每期新增填，不能照搬上期。本期新增是0吗？`,
    quickReplies: [{ label: '是，本期是0', value: '是' }, { label: '不是，我来填', value: '不是' }],
    expects: 'yesno' as const
  }
}

/** Slot-level words first (不改, 跳过, 同上期), then the answer for its kind. */
export function answerSlot(ctx: ChatContext, state: ChatState, slot: Slot, text: string, out: Outbox): ChatState {
  const field = slot.field
  const key = field?.key
  const has = slot.kind === 'date' ? state.dates[key!] !== undefined : slot.kind === 'narrative' ? state.narrative !== '' : key !== undefined && state.values[key] !== undefined
  if (says(text, 'keep') && has) {
    // Keeping a done step keeps its date as well.
    const ids = slot.kind === 'step' && state.dates[key!] ? [slot.id, dateSlot(key!)] : [slot.id]
    const next = commit(state, { done: withIds(state.done, ids) }, `不改${field ? `「${field.label}」` : ''}`)
    ask(ctx, next, out)
    return next
  }
  if (says(text, 'skip') && slot.kind !== 'evidence') return skipSlot(ctx, state, slot, out)
  if (says(text, 'same') && field && slot.kind !== 'date') {
    if (slot.kind === 'number' && !carriesOver(ctx.indicator)) {
      out.say(zeroQuestion(field))
      return { ...state, confirmZero: field.key }
    }
    const previous = ctx.previous?.[field.key]
    if (previous === undefined) {
      ask(ctx, state, out, { kind: 'error', text: '没有上期的数，请直接填' })
      return state
    }
    if (slot.kind === 'number') return fill(ctx, state, [{ field, value: { ok: true, value: previous }, approx: (ctx.previousApprox ?? []).includes(field.key) }], field.key, out)
  }
  switch (slot.kind) {
    case 'number':
      return answerNumber(ctx, state, field!, text, out)
    case 'flag':
    case 'step':
      return answerYesNo(ctx, state, field!, text, out)
    case 'date':
      return answerDate(ctx, state, field!, text, out)
    case 'narrative':
      return answerNarrative(ctx, state, text, out)
    case 'evidence':
      return answerEvidence(ctx, state, text, out)
  }
}

/**
 * The worker's answer to a soft warning: a reason, 改一下 to re-enter the
 * figure, or simply a corrected figure.
 */
export function answerReason(ctx: ChatContext, state: ChatState, text: string, out: Outbox): ChatState {
  const key = state.awaitReason[0]
  const field = fieldByKey(ctx.indicator, key)
  if (!field) {
    // The indicator changed under a saved draft: nothing to explain any more.
    const next = { ...state, awaitReason: state.awaitReason.slice(1) }
    ask(ctx, next, out)
    return next
  }
  if (says(text, 'reenter')) {
    const change: Change = {
      values: { [key]: null },
      reasons: { [key]: null },
      done: withoutIds(state.done, slotIdsFor(ctx.indicator, key)),
      awaitReason: withoutIds(state.awaitReason, [key])
    }
    if (field.kind === 'step') change.dates = { [key]: null }
    const next = commit(state, change, `改「${field.label}」`)
    ask(ctx, next, out)
    return next
  }
  const q = field.kind === 'step' || field.kind === 'flag' ? null : parseFigure(text)
  if (q) return fill(ctx, state, [{ field, value: quantityToValue(field, q), approx: q.approx === true, said: text }], key, out)
  const reason = readReason(text)
  if (!reason.ok) {
    ask(ctx, state, out, { kind: 'error', text: reason.error })
    return state
  }
  const next = commit(state, { reasons: { [key]: reason.value }, awaitReason: withoutIds(state.awaitReason, [key]) }, `「${field.label}」的原因`)
  out.say({ kind: 'info', text: '好的，原因已记下' })
  ask(ctx, next, out)
  return next
}
