import { startChat, stepChat, type ChatStep } from '../../src/core/chat'
import type { ChatState } from '../../src/core/chat/state'
import type { BotMessage, ChatContext, ChatInput, ChatOutcome } from '../../src/core/chat/types'
import type { Indicator } from '../../src/core/indicator'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'

export function indicator(code: string): Indicator {
  const found = SEED_INDICATORS.find((i) => i.code === code)
  if (!found) throw new Error(`no seed indicator ${code}`)
  return found
}

const PERIOD_OF: Record<string, string> = { month: '2020-12', quarter: '2020-Q4', year: '2020' }

export function contextFor(code: string, extra: Partial<ChatContext> = {}): ChatContext {
  const ind = indicator(code)
  return { indicator: ind, orgUnitName: '古田街古一社区第3网格', period: PERIOD_OF[ind.period], today: '2020-12-21', ...extra }
}

/** A scripted conversation: plain strings are typed text. */
export type Script = (string | ChatInput)[]

export function toInput(x: string | ChatInput): ChatInput {
  return typeof x === 'string' ? { type: 'text', text: x } : x
}

/** Drives the engine like the page does and keeps the whole transcript. */
export class Convo {
  state: ChatState
  log: BotMessage[] = []
  /** Messages of the last turn only. */
  last: BotMessage[] = []
  outcome?: ChatOutcome

  constructor(public ctx: ChatContext, restored?: unknown) {
    const s = startChat(ctx, restored)
    this.state = s.state
    this.record(s)
  }

  private record(step: ChatStep): ChatStep {
    this.state = step.state
    this.last = step.messages
    this.log.push(...step.messages)
    this.outcome = step.outcome
    return step
  }

  send(x: string | ChatInput): ChatStep {
    return this.record(stepChat(this.ctx, this.state, toInput(x)))
  }

  run(script: Script): this {
    for (const x of script) this.send(x)
    return this
  }

  /** The last message shown: what the worker is looking at. */
  get current(): BotMessage {
    return this.log[this.log.length - 1]
  }

  get lastText(): string {
    return this.last.map((m) => m.text).join('\n')
  }

  quickLabels(): string[] {
    return (this.current.quickReplies ?? []).map((q) => q.label)
  }

  quick(label: string): ChatStep {
    const reply = (this.current.quickReplies ?? []).find((q) => q.label === label || q.label.startsWith(label))
    if (!reply) throw new Error(`no quick reply ${label} in ${JSON.stringify(this.current.quickReplies)}`)
    return this.send({ type: 'quick', value: reply.value })
  }

  /** The submitted draft, after 确认. */
  submitted() {
    const o = this.outcome
    if (!o || !('submit' in o)) throw new Error(`not submitted: ${JSON.stringify(o)}\n${this.lastText}`)
    return o.submit
  }
}

export function transcript(c: Convo): string {
  return c.log.map((m) => `[${m.id} ${m.kind}] ${m.text}${m.quickReplies ? `  {${m.quickReplies.map((q) => q.label).join(' | ')}}` : ''}`).join('\n')
}
