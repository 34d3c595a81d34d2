/**
 * The conversation engine: asks an indicator's figures one at a time and
 * turns the answers into a report draft. Pure: no clock, no storage, no
 * platform; the page passes the context in and keeps the state.
 */
export { startChat, stepChat, type ChatStep } from './engine'
export { quickCheckin, type CheckinMatch } from './checkin'
export { chatStateProblem, isChatState, type ChatState } from './state'
export { summaryCard, draftAnswers } from './summary'
export type {
  BotMessage,
  ChatContext,
  ChatInput,
  ChatOutcome,
  DraftAnswers,
  Expect,
  MessageKind,
  QuickReply,
  ReturnedReport,
  SummaryCard,
  SummaryRow
} from './types'
