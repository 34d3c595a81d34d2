import type { Figures } from '../figures'
import type { Indicator } from '../indicator'
import { quickCheckin } from './checkin'
import { formatFigure, periodLabel } from './format'
import { readGlobalIntent } from './intents'
import { afterSubmit, greeting, LOBBY_HELP, OPEN_PREFIX, type LobbyItem } from './lobby'
import type { BotMessage, QuickReply } from './types'
import { carriesOver } from './unitTarget'
import { readConfirm } from './vocabulary'

/**
 * The assistant before a report is open, as a pure step like the report
 * engine: the lobby (greeting, picking an item, quick check-in), the
 * "继续上次填写？" question and the one-tap confirm card. The page only
 * does the loading and sending these steps ask for.
 */
export interface LobbyEntry extends LobbyItem {
  indicatorCode: string
  version?: number | null
}

export interface LobbyContext {
  name: string
  items: LobbyEntry[]
  indicators: Indicator[]
}

/** A confirm card waiting for yes or no: the figures it would send. */
export interface PendingConfirm {
  reportId: string
  indicatorCode: string
  values: Figures
  approx: string[]
}

export type LobbyState = { kind: 'idle' } | { kind: 'resume'; reportId: string } | ({ kind: 'confirm' } & PendingConfirm)

export type LobbyOutcome =
  /** Open this item (fresh, or ask to resume its draft). */
  | { open: string }
  /** The answer to 继续上次填写？. */
  | { resume: string; fresh: boolean }
  /** A quick check-in matched: load the report's current figures, then show the card. */
  | { checkin: { reportId: string; indicatorCode: string; field: string; value: number; approx: boolean } }
  /** The card was confirmed: send these figures. */
  | { submit: PendingConfirm }
  | { navigate: 'inbox' | 'progress' }

export interface LobbyStep {
  state: LobbyState
  messages: BotMessage[]
  outcome?: LobbyOutcome
}

export const RESUME = 'resume'
export const FRESH = 'fresh'
const CONFIRM = 'checkin:confirm'
const CANCEL = 'checkin:cancel'

const IDLE: LobbyState = { kind: 'idle' }

function msg(text: string, kind: BotMessage['kind'] = 'info', quickReplies?: QuickReply[]): BotMessage {
  return { id: '', text, kind, ...(quickReplies ? { quickReplies } : {}) }
}

function lobbyText(ctx: LobbyContext, text: string): LobbyStep {
  if (text.startsWith(OPEN_PREFIX)) {
    const item = ctx.items.find((i) => i.reportId === text.slice(OPEN_PREFIX.length))
    return item ? { state: IDLE, messages: [], outcome: { open: item.reportId } } : { state: IDLE, messages: [msg('这一项已经不在待办里了。')] }
  }
  const intent = readGlobalIntent(text)
  if (intent === 'inbox' || intent === 'progress') return { state: IDLE, messages: [], outcome: { navigate: intent } }
  if (intent === 'help') return { state: IDLE, messages: [msg(LOBBY_HELP)] }
  const reportable = ctx.indicators.filter((i) => ctx.items.some((it) => it.indicatorCode === i.code))
  const match = quickCheckin(text, reportable)
  if (match) {
    const item = [...ctx.items].reverse().find((i) => i.indicatorCode === match.indicator.code && i.state !== 'approved')
    if (!item) return { state: IDLE, messages: [msg(`${match.indicator.title}这一期已审核通过，不能再修改。`)] }
    return { state: IDLE, messages: [], outcome: { checkin: { reportId: item.reportId, indicatorCode: match.indicator.code, field: match.field.key, value: match.value, approx: match.approx } } }
  }
  const named = ctx.items.filter((i) => text.length >= 2 && i.title.includes(text))
  if (named.length === 1) return { state: IDLE, messages: [], outcome: { open: named[0].reportId } }
  return { state: IDLE, messages: [{ ...greeting(ctx.name, ctx.items, ''), text: '没太明白。可以点下面的事项开始填写，或者说“帮助”。', kind: 'info' }] }
}

/** One typed line or tapped reply while no report is open. */
export function lobbyStep(ctx: LobbyContext, state: LobbyState, raw: string): LobbyStep {
  const text = raw.trim()
  if (state.kind === 'resume') {
    const fresh = text === FRESH || text.includes('重新')
    return { state: IDLE, messages: [], outcome: { resume: state.reportId, fresh } }
  }
  if (state.kind === 'confirm') {
    const { kind: _k, ...pending } = state
    const word = text === CONFIRM ? 'yes' : text === CANCEL ? 'no' : readConfirm(text)
    if (word === 'yes') return { state: IDLE, messages: [], outcome: { submit: pending } }
    if (word === 'no') return { state: IDLE, messages: [afterSubmit(ctx.items, '', '好的，没有提交。')] }
    // A command or a new check-in leaves the card; anything else asks again.
    const next = lobbyText(ctx, text)
    if (next.outcome || readGlobalIntent(text) !== null) return next
    return { state, messages: [msg('请回答“确认”或“取消”。', 'question', [{ label: '确认提交', value: CONFIRM }, { label: '取消', value: CANCEL }])] }
  }
  return lobbyText(ctx, text)
}

/** "继续上次填写？" for an item with a saved draft. */
export function resumeQuestion(ind: Indicator, item: LobbyEntry): LobbyStep {
  return {
    state: { kind: 'resume', reportId: item.reportId },
    messages: [msg(`${ind.title}（${periodLabel(item.period)}）有上次没填完的内容。继续上次填写？`, 'question', [
      { label: '继续', value: RESUME },
      { label: '重新开始', value: FRESH }
    ])]
  }
}

/** The one-tap confirm card of a quick check-in or 同上期, listing what it would send. */
export function confirmCard(ind: Indicator, item: LobbyEntry, values: Figures, approx: string[], lead: string): LobbyStep {
  const listed = ind.fields
    .filter((f) => values[f.key] !== undefined && f.fixed === undefined)
    .map((f) => `${f.label} ${formatFigure(f, values[f.key], approx.includes(f.key))}`)
    .join('，')
  return {
    state: { kind: 'confirm', reportId: item.reportId, indicatorCode: ind.code, values, approx },
    messages: [msg(`${lead}：${ind.title}（${periodLabel(item.period)}）\n${listed}\n确认提交吗？`, 'question', [
      { label: '确认提交', value: CONFIRM },
      { label: '取消', value: CANCEL }
    ])]
  }
}

/** 同上期 from the inbox: only where a figure may be carried over. */
export function sameAsLastCard(ind: Indicator, item: LobbyEntry, previous: { values: Figures; approx?: string[] } | null): LobbyStep {
  const fill = [{ label: '逐项填写', value: OPEN_PREFIX + item.reportId }]
  if (!carriesOver(ind)) return { state: IDLE, messages: [msg(`「${ind.title}」按每期新增填，不能“同上期”，请逐项填写。`, 'info', fill)] }
  if (!previous) return { state: IDLE, messages: [msg('上期没有填报，不能“同上期”，请逐项填写。', 'info', fill)] }
  return confirmCard(ind, item, previous.values, previous.approx ?? [], '与上期相同')
}
