import { fieldByKey } from '../indicator'
import { MAX_EVIDENCE, type Evidence } from '../report'
import { answerReason, answerSlot, fill, namedEntries, zeroQuestion } from './answer'
import { quantityToValue } from './answers/number'
import { readYesNo } from './answers/yesno'
import { lastAnswered, readCorrection } from './correction'
import { MAX_REASON } from './answers/text'
import { explainField, fieldAskedAbout, isQuestionBack } from './questionBack'
import { readConfirm } from './vocabulary'
import { formatValue, periodLabel } from './format'
import { readGlobalIntent, says } from './intents'
import { ask, atSummary, notice, outbox, prompt, type Outbox } from './prompt'
import { nextSlot, slotIdsFor, slotsLeft } from './slots'
import { commit, isChatState, undoLast, withIds, withoutIds, type Change, type ChatState } from './state'
import { initialState } from './start'
import { draftAnswers, EXACT_SUFFIX, hasContent, NOTE_REPLY, summaryMessage } from './summary'
import type { BotMessage, ChatContext, ChatInput, ChatOutcome } from './types'

/**
 * The conversation as a pure function: (context, state, input) → (state,
 * messages, outcome). The page renders the messages, saves the state as a
 * draft, and acts on the outcome; the same inputs always give the same
 * conversation.
 */
export interface ChatStep {
  state: ChatState
  messages: BotMessage[]
  outcome?: ChatOutcome
}

const HELP = [
  '可以这样填：',
  '· 直接回数字，如“8个”“两千人次”“1.5万”“50%”',
  '· 一句话填几项，如“网点2个，食堂1个”',
  '· 填错了直接说，如“不对，是9个”“网点改成9个”',
  '· 不明白就问，如“这是什么意思”',
  '· 点下方按钮：同上期、0、跳过',
  '· 说“撤销”退回上一步，“重填”从头来',
  '· 说“待办”看任务，“进度”看完成情况，“退出”保存后离开'
].join('\n')

/** A saved state, if it is sound and belongs to this indicator and period. */
function resumable(ctx: ChatContext, restored: unknown): ChatState | null {
  if (!isChatState(restored)) return null
  const s = restored
  return s.code === ctx.indicator.code && s.period === ctx.period && !s.submitted ? s : null
}

function greet(ctx: ChatContext, state: ChatState, out: Outbox): void {
  const left = slotsLeft(ctx.indicator, state.values, state.done)
  const r = ctx.returned
  if (r) {
    const names = r.fields
      .filter((n) => slotIdsFor(ctx.indicator, n).length > 0)
      .map((n) => (n === 'narrative' || n === '#narrative' ? '完成情况' : n === 'evidence' || n === '#evidence' ? '附件' : fieldByKey(ctx.indicator, n)!.label))
    const what = r.fields.length === 0 ? '要改的：全部内容' : names.length ? `要改的：${names.join('、')}。其他内容不变` : '请核对后重新提交'
    out.say({ kind: 'warning', text: `「${ctx.indicator.title}」被退回了，请修改。\n审核意见：${r.comment}\n${what}` })
    return
  }
  out.say({ kind: 'info', text: `开始填「${ctx.indicator.title}」\n${ctx.orgUnitName} · ${periodLabel(ctx.period)}，共${left}项\n不会填随时说“帮助”` })
}

/** Opens the conversation, or picks up a saved one where it stopped. */
export function startChat(ctx: ChatContext, restored?: unknown): ChatStep {
  const resumed = restored === undefined ? null : resumable(ctx, restored)
  const state = resumed ?? initialState(ctx)
  const out = outbox(state.seq)
  if (resumed) {
    const left = slotsLeft(ctx.indicator, state.values, state.done)
    out.say({ kind: 'info', text: left ? `接着上次的填，还剩${left}项` : '上次已经填完，请核对后提交' })
  } else {
    greet(ctx, state, out)
  }
  ask(ctx, state, out)
  return { state: { ...state, seq: out.seq }, messages: out.messages }
}

function restart(ctx: ChatContext, state: ChatState, out: Outbox): ChatState {
  const init = initialState(ctx)
  const reset = <T>(now: Record<string, T>, to: Record<string, T>): Record<string, T | null> =>
    Object.fromEntries([...new Set([...Object.keys(now), ...Object.keys(to)])].map((k) => [k, k in to ? to[k] : null]))
  const next = commit(
    state,
    { values: reset(state.values, init.values), dates: reset(state.dates, init.dates), reasons: reset(state.reasons, init.reasons), narrative: init.narrative, done: init.done, awaitReason: [] },
    '重填'
  )
  out.say({ kind: 'info', text: '已清空，从头开始。附件保留，说“撤销”可以恢复' })
  ask(ctx, next, out)
  return next
}

function onSummaryText(ctx: ChatContext, state: ChatState, text: string, out: Outbox): { state: ChatState; outcome?: ChatOutcome } {
  const word = readConfirm(text)
  if (word === 'yes') {
    if (!hasContent(ctx, state)) {
      ask(ctx, state, out, { kind: 'error', text: '还没有填任何内容，不能提交' })
      return { state }
    }
    // Whether it went out or waits for the network is the page's to say.
    out.say({ kind: 'info', text: '好的，正在提交…' })
    // The page keeps the state before this step if sending fails.
    return { state: { ...state, submitted: true }, outcome: { submit: draftAnswers(ctx, state) } }
  }
  const named = namedEntries(ctx, text, null)
  if (named.entries.length) return { state: fill(ctx, state, named.entries, null, out, { errors: named.errors, corrected: true }) }
  const summary = summaryMessage(ctx, state)
  if (word === 'no') {
    out.say({ kind: 'info', text: '好的，先不提交，填的内容都保存着。要改哪项，点卡片上的那一项；要提交时说“提交”', quickReplies: summary.quickReplies, expects: 'none' })
    return { state }
  }
  const wantsChange = says(text, 'reenter') || ['否', '不对', '不是', '有错'].includes(text.trim())
  out.say({
    kind: wantsChange ? 'info' : 'error',
    text: wantsChange ? '要改哪项？点卡片上的那一项，或直接说“食堂改成2个”' : '请点“确认提交”；要改哪项，点卡片上的那一项，或直接说“食堂改成2个”',
    quickReplies: summary.quickReplies,
    expects: 'none'
  })
  return { state }
}

/**
 * "不对，是9个", "网点改成9个": changes the field named, or else the last
 * one answered, never the one being asked; then the conversation goes on
 * where it was (the summary shows the change).
 */
function onCorrection(ctx: ChatContext, state: ChatState, text: string, out: Outbox): { state: ChatState } | null {
  const c = readCorrection(ctx, state, text)
  if (!c) return null
  const asking = state.awaitReason.length ? undefined : nextSlot(ctx.indicator, state.values, state.done)
  if (!c.field) {
    if (c.quantity === undefined && c.yesNo === undefined) return null
    ask(ctx, state, out, { kind: 'error', text: '还没有填过的数可改。要改哪一项？请带上名称，如“网点改成9个”' })
    return { state }
  }
  const field = c.field
  // At a date, a narrative or the evidence step, words like 改成 are part of
  // the answer ("旧仓库改成了老年食堂"): only a figure makes them a correction.
  const textAnswer = asking !== null && asking !== undefined && (asking.kind === 'date' || asking.kind === 'narrative' || asking.kind === 'evidence')
  if (textAnswer && !c.quantity) return null
  if (c.unreadable) {
    ask(ctx, state, out, { kind: 'error', text: `要把「${field.label}」改成多少？请说一个数，如“${field.label}改成9${field.unit}”` })
    return { state }
  }
  if (c.quantity) {
    if (!(field.kind === 'count' || field.kind === 'amount' || field.kind === 'fraction')) return null
    return { state: fill(ctx, state, [{ field, value: quantityToValue(field, c.quantity), approx: c.quantity.approx === true, said: text }], null, out, { corrected: true }) }
  }
  if (c.yesNo !== undefined) {
    const change: Change = { values: { [field.key]: c.yesNo }, reasons: { [field.key]: null }, done: withIds(state.done, [field.key]) }
    if (field.kind === 'step' && c.yesNo !== 1) change.dates = { [field.key]: null }
    const next = commit(state, change, `${field.label} ${field.kind === 'step' ? (c.yesNo ? '已完成' : '未完成') : c.yesNo ? '是' : '否'}`)
    out.say({ kind: 'info', text: `已改：${field.label} ${field.kind === 'step' ? (c.yesNo ? '已完成' : '未完成') : c.yesNo ? '是' : '否'}` })
    ask(ctx, next, out)
    return { state: next }
  }
  // Just "那个写错了": at the summary or a warning the worker picks what to change.
  if (!c.named && (asking === null || state.awaitReason.length)) return null
  if (!c.named && asking?.field?.key === field.key) return null
  const ids = slotIdsFor(ctx.indicator, field.key)
  const next = commit(state, { done: withoutIds(state.done, ids), awaitReason: withoutIds(state.awaitReason, [field.key]) }, `修改「${field.label}」`)
  out.say({ kind: 'info', text: `好的，重新填「${field.label}」` })
  ask(ctx, next, out)
  return { state: next }
}

/** "这是什么意思", "怎么算": the field explained, then the same question again. */
function onQuestionBack(ctx: ChatContext, state: ChatState, text: string, out: Outbox): ChatState {
  const slot = state.awaitReason.length ? null : nextSlot(ctx.indicator, state.values, state.done)
  const current = state.awaitReason.length ? fieldByKey(ctx.indicator, state.awaitReason[0]) : slot?.field
  out.say(explainField(ctx, fieldAskedAbout(ctx, text, current)))
  if (state.confirmZero) {
    const f = fieldByKey(ctx.indicator, state.confirmZero)
    if (f) {
      out.say(zeroQuestion(f))
      return state
    }
  }
  ask(ctx, state, out)
  return state
}

/** The answer to "本期新增是0吗？". */
function onZeroAnswer(ctx: ChatContext, state: ChatState, key: string, text: string, out: Outbox): ChatState {
  const field = fieldByKey(ctx.indicator, key)
  const cleared = { ...state }
  delete cleared.confirmZero
  if (!field) {
    ask(ctx, cleared, out)
    return cleared
  }
  const yn = readYesNo(text)
  if (yn.ok && yn.value === 1) return fill(ctx, cleared, [{ field, value: { ok: true, value: 0 } }], key, out)
  if (yn.ok && yn.value === 0) {
    ask(ctx, cleared, out, { kind: 'error', text: `那请填${ctx.period.includes('Q') ? '本季度' : '本期'}新增的「${field.label}」` })
    return cleared
  }
  return answerSlot(ctx, cleared, { id: key, kind: 'number', field }, text, out)
}

/** "培训护理人员是准数": the estimate becomes the exact figure. */
function onExact(ctx: ChatContext, state: ChatState, text: string, out: Outbox): ChatState | null {
  const t = text.trim()
  if (!t.endsWith(EXACT_SUFFIX) && t !== '准数' && t !== '是确切数') return null
  const approx = state.approx ?? []
  const label = t.endsWith(EXACT_SUFFIX) ? t.slice(0, -EXACT_SUFFIX.length) : ''
  const field = label ? ctx.indicator.fields.find((f) => f.label === label || f.aliases.includes(label)) : lastAnswered(ctx, state)
  if (!field || !approx.includes(field.key)) return null
  const next = commit(state, { approx: withoutIds(approx, [field.key]) }, `「${field.label}」改为准数`)
  out.say({ kind: 'info', text: `好的，「${field.label}」按准数${formatValue(field, state.values[field.key])}记` })
  ask(ctx, next, out)
  return next
}

/** Returned reports: a note for the reviewer, asked at the summary. */
function onNote(ctx: ChatContext, state: ChatState, text: string, out: Outbox): ChatState | null {
  if (!ctx.returned) return null
  if (text.trim() === NOTE_REPLY) {
    out.say({ kind: 'question', text: '想对审核人说什么？如“已按意见核对，改为9个”', quickReplies: state.note ? [{ label: '删除留言', value: '删除留言' }] : [], expects: 'text' })
    return { ...state, awaitNote: true }
  }
  if (!state.awaitNote) return null
  const next = { ...state, awaitNote: false }
  const t = text.trim()
  if (t === '删除留言') {
    delete next.note
    out.say({ kind: 'info', text: '留言已删除' })
  } else if (t.length < 2 || !/[\u4e00-\u9fff]/.test(t) || t.length > MAX_REASON) {
    out.say({ kind: 'error', text: `留言请用几个字说明，${MAX_REASON}字以内`, expects: 'text' })
    return { ...state }
  } else {
    next.note = t
    out.say({ kind: 'info', text: '留言已记下，提交后审核人能看到' })
  }
  ask(ctx, next, out)
  return next
}

function onText(ctx: ChatContext, state: ChatState, raw: string, out: Outbox): { state: ChatState; outcome?: ChatOutcome } {
  const text = raw.trim()
  if (!text) {
    ask(ctx, state, out)
    return { state }
  }
  switch (readGlobalIntent(text)) {
    case 'help':
      out.say({ kind: 'info', text: HELP })
      ask(ctx, state, out)
      return { state }
    case 'inbox':
      out.say({ kind: 'info', text: '好的，草稿已保存，去看待办' })
      return { state, outcome: { navigate: 'inbox' } }
    case 'progress':
      out.say({ kind: 'info', text: '好的，草稿已保存，去看进度' })
      return { state, outcome: { navigate: 'progress' } }
    case 'exit':
      out.say({ kind: 'info', text: '好的，草稿已保存，下次接着填' })
      return { state, outcome: { exit: true } }
    case 'undo': {
      const undone = undoLast(state)
      out.say({ kind: 'info', text: undone ? `已撤销：${undone.note}` : '没有可以撤销的了' })
      const next = undone ? undone.state : state
      ask(ctx, next, out)
      return { state: next }
    }
    case 'restart':
      return { state: restart(ctx, state, out) }
    default:
      break
  }
  for (const reader of READERS) {
    const read = reader.read(ctx, state, text, out)
    if (read) return read
  }
  const slot = nextSlot(ctx.indicator, state.values, state.done)
  return slot ? { state: answerSlot(ctx, state, slot, text, out) } : onSummaryText(ctx, state, text, out)
}

/**
 * One way of reading a typed line; null lets the next one try. Whoever
 * answers first handles the line, and nothing else sees it.
 */
export interface TextReader {
  name: string
  read(ctx: ChatContext, state: ChatState, text: string, out: Outbox): { state: ChatState; outcome?: ChatOutcome } | null
}

const wrap = (s: ChatState | null) => (s ? { state: s } : null)

/**
 * The read order after the global commands, when words could mean two
 * things: a pending note to the reviewer, a correction, a question back,
 * then answers (准数, 本期新增是0吗？, a warning's reason); the slot's own
 * value and yes/no reading come last. A new intent (e.g. 加照片) goes in
 * this list at its place; nothing else needs to change.
 */
export const READERS: TextReader[] = [
  { name: 'note', read: (ctx, state, text, out) => wrap(onNote(ctx, state, text, out)) },
  { name: 'correction', read: (ctx, state, text, out) => onCorrection(ctx, state, text, out) },
  { name: 'questionBack', read: (ctx, state, text, out) => (isQuestionBack(text) ? { state: onQuestionBack(ctx, state, text, out) } : null) },
  { name: 'exact', read: (ctx, state, text, out) => wrap(onExact(ctx, state, text, out)) },
  { name: 'zero', read: (ctx, state, text, out) => (state.confirmZero ? { state: onZeroAnswer(ctx, state, state.confirmZero, text, out) } : null) },
  { name: 'reason', read: (ctx, state, text, out) => (state.awaitReason.length ? { state: answerReason(ctx, state, text, out) } : null) }
]

/** A tapped summary row: that item is asked again, with 不改 offered. */
function onEdit(ctx: ChatContext, state: ChatState, name: string, out: Outbox): ChatState {
  const ids = slotIdsFor(ctx.indicator, name)
  if (!ids.length) {
    ask(ctx, state, out, { kind: 'error', text: '没有这一项' })
    return state
  }
  const label = fieldByKey(ctx.indicator, name)?.label ?? (ids[0] === '#narrative' ? '完成情况' : '附件')
  const next = state.done.some((id) => ids.includes(id)) ? commit(state, { done: withoutIds(state.done, ids) }, `修改「${label}」`) : state
  ask(ctx, next, out)
  return next
}

function onEvidence(ctx: ChatContext, state: ChatState, evidence: Evidence, out: Outbox): ChatState {
  if (state.evidence.some((e) => e.id === evidence.id)) {
    notice(ctx, state, out, '这个附件已经收到了')
    return state
  }
  if (state.evidence.length >= MAX_EVIDENCE) {
    notice(ctx, state, out, `最多${MAX_EVIDENCE}个附件，已经满了`)
    return state
  }
  const next = { ...state, evidence: [...state.evidence, evidence] }
  const waiting = prompt(ctx, next)
  // At the evidence question or the summary, the refreshed prompt says it all.
  if (waiting[0].expects === 'evidence') ask(ctx, next, out)
  else if (atSummary(ctx, next)) {
    out.say({ kind: 'info', text: `收到附件（共${next.evidence.length}个）` })
    ask(ctx, next, out)
  } else notice(ctx, next, out, `收到附件（共${next.evidence.length}个）`)
  return next
}

function onRemoveEvidence(ctx: ChatContext, state: ChatState, id: string, out: Outbox): ChatState {
  const next = { ...state, evidence: state.evidence.filter((e) => e.id !== id) }
  if (next.evidence.length === state.evidence.length) notice(ctx, state, out, '没有这个附件')
  else if (atSummary(ctx, next)) ask(ctx, next, out)
  else notice(ctx, next, out, `已删除附件（还有${next.evidence.length}个）`)
  return next
}

export function stepChat(ctx: ChatContext, state: ChatState, input: ChatInput): ChatStep {
  const out = outbox(state.seq)
  let result: { state: ChatState; outcome?: ChatOutcome } = { state }
  if (state.submitted) out.say({ kind: 'info', text: '这份已经提交了' })
  else if (input.type === 'text') result = onText(ctx, state, input.text, out)
  else if (input.type === 'quick') result = onText(ctx, state, input.value, out)
  else if (input.type === 'confirm') {
    if (atSummary(ctx, state)) result = onText(ctx, state, '确认', out)
    else ask(ctx, state, out, { kind: 'error', text: '还没填完，请先回答这一项' })
  } else if (input.type === 'edit') result = { state: onEdit(ctx, state, input.field, out) }
  else if (input.type === 'evidence') result = { state: onEvidence(ctx, state, input.evidence, out) }
  else result = { state: onRemoveEvidence(ctx, state, input.id, out) }
  const step: ChatStep = { state: { ...result.state, seq: out.seq }, messages: out.messages }
  if (result.outcome) step.outcome = result.outcome
  return step
}
