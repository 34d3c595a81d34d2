import { fieldByKey } from '../indicator'
import { MAX_EVIDENCE, type Evidence } from '../report'
import { answerReason, answerSlot, fill, namedEntries } from './answer'
import { periodLabel } from './format'
import { readGlobalIntent, says } from './intents'
import { ask, atSummary, notice, outbox, prompt, type Outbox } from './prompt'
import { nextSlot, slotIdsFor, slotsLeft } from './slots'
import { commit, isChatState, undoLast, withoutIds, type ChatState } from './state'
import { initialState } from './start'
import { draftAnswers, hasContent, summaryMessage } from './summary'
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
  if (says(text, 'confirm')) {
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
  if (named.entries.length) return { state: fill(ctx, state, named.entries, null, out, named.errors) }
  const wantsChange = says(text, 'reenter') || ['否', '不对', '不是', '有错'].includes(text.trim())
  const summary = summaryMessage(ctx, state)
  out.say({
    kind: wantsChange ? 'info' : 'error',
    text: wantsChange ? '要改哪项？点卡片上的那一项，或直接说“食堂2个”' : '请点“确认提交”；要改哪项，点卡片上的那一项',
    quickReplies: summary.quickReplies,
    expects: 'none'
  })
  return { state }
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
  if (state.awaitReason.length) return { state: answerReason(ctx, state, text, out) }
  const slot = nextSlot(ctx.indicator, state.values, state.done)
  return slot ? { state: answerSlot(ctx, state, slot, text, out) } : onSummaryText(ctx, state, text, out)
}

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
