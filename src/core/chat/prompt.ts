import { questionFor, reasonQuestion, type Draft } from './questions'
import { nextSlot } from './slots'
import type { ChatState } from './state'
import { summaryMessage } from './summary'
import type { BotMessage, ChatContext } from './types'

/**
 * Collects one turn's messages and numbers them from the state's counter,
 * so ids are the same whenever the same inputs are replayed.
 */
export interface Outbox {
  say(draft: Draft): void
  readonly messages: BotMessage[]
  readonly seq: number
}

export function outbox(seq: number): Outbox {
  const messages: BotMessage[] = []
  let n = seq
  return {
    say(draft) {
      n += 1
      messages.push({ id: `m${n}`, ...draft })
    },
    messages,
    get seq() {
      return n
    }
  }
}

/** Something to say before the next question: what went wrong, in one bubble with it. */
export interface Lead {
  kind: 'error' | 'warning'
  text: string
}

/**
 * What the conversation waits for now: a reason for a warned figure first,
 * then the next unanswered slot, then the summary card. A lead (an error)
 * shares the bubble of a question, which is then asked in its short form.
 */
export function prompt(ctx: ChatContext, state: ChatState, lead?: Lead): Draft[] {
  const slot = state.awaitReason.length ? null : nextSlot(ctx.indicator, state.values, state.done)
  const question = state.awaitReason.length ? reasonQuestion(ctx, state, state.awaitReason[0]) : slot ? questionFor(ctx, state, slot, lead !== undefined) : null
  if (!question) return lead ? [{ kind: lead.kind, text: lead.text }, summaryMessage(ctx, state)] : [summaryMessage(ctx, state)]
  return lead ? [{ ...question, kind: lead.kind, text: `${lead.text}\n${question.text}` }] : [question]
}

export function ask(ctx: ChatContext, state: ChatState, out: Outbox, lead?: Lead): void {
  for (const d of prompt(ctx, state, lead)) out.say(d)
}

/** A short notice that keeps the current question's buttons on screen. */
export function notice(ctx: ChatContext, state: ChatState, out: Outbox, text: string): void {
  const drafts = prompt(ctx, state)
  const last = drafts[drafts.length - 1]
  out.say({ kind: 'info', text, quickReplies: last.quickReplies, expects: last.expects })
}

/** Whether every slot is answered and no reason is owed: the summary is showing. */
export function atSummary(ctx: ChatContext, state: ChatState): boolean {
  return state.awaitReason.length === 0 && nextSlot(ctx.indicator, state.values, state.done) === null
}
