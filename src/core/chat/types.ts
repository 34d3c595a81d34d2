import type { Figures } from '../figures'
import type { Indicator } from '../indicator'
import type { Evidence } from '../report'

/** A report the reviewer sent back, as the page loads it from the server. */
export interface ReturnedReport {
  comment: string
  /**
   * Field keys the reviewer pointed at; empty means all of them. "narrative"
   * and "evidence" may be named too.
   */
  fields: string[]
  values: Figures
  dates?: Record<string, string>
  narrative?: string
  evidence?: Evidence[]
  reasons?: Record<string, string>
  approx?: string[]
}

/**
 * Everything the conversation reads but does not own. It is passed again with
 * every call, so the saved state never needs a copy of the indicator.
 */
export interface ChatContext {
  indicator: Indicator
  orgUnitName: string
  /** Period key: "2020-12", "2020-Q4", "2020". */
  period: string
  /** The worker's calendar date, YYYY-MM-DD: the engine never reads a clock. */
  today: string
  /** Last period's values: for 同上期 and the soft warnings. */
  previous?: Figures
  /** Last period's estimated fields, so 同上期 keeps their 约. */
  previousApprox?: string[]
  /** Last period's step dates, so 同上期 on a done step keeps its date. */
  previousDates?: Record<string, string>
  /** This year's figures so far, to say what is left of a target. */
  yearToDate?: Figures
  /** Values the worker entered before, by field, most recent first. */
  seen?: Record<string, number[]>
  returned?: ReturnedReport
  /**
   * This unit's own share of a target, by target id, once yearly plans
   * allocate them; absent: the indicator's target (see unitTarget.ts).
   */
  unitTargets?: Record<string, number>
}

export type ChatInput =
  | { type: 'text'; text: string }
  /** A tapped quick reply: its `value`, read like typed text. */
  | { type: 'quick'; value: string }
  /** A row of the summary card was tapped. */
  | { type: 'edit'; field: string }
  | { type: 'evidence'; evidence: Evidence }
  | { type: 'removeEvidence'; id: string }
  | { type: 'confirm' }

export interface QuickReply {
  label: string
  /** What the engine receives back; plain words, so typing them works too. */
  value: string
}

/** What the input bar should offer next; 'evidence' means show the upload button. */
export type Expect = 'number' | 'text' | 'date' | 'yesno' | 'evidence' | 'none'

export type MessageKind = 'question' | 'info' | 'warning' | 'error' | 'summary' | 'done'

export interface SummaryRow {
  /** What to send back in an edit input. */
  field: string
  label: string
  /** Ready to show: "8个", "已完成（12月19日）", "未填". */
  value: string
  missing: boolean
  /** Said as an estimate: the value reads "约…". */
  approx?: boolean
  reason?: string
  /** Returned reports only: differs from what was sent back. */
  changed?: boolean
}

export interface SummaryCard {
  title: string
  /** Unit and period: "古田街第3网格 · 2020年12月". */
  subtitle: string
  rows: SummaryRow[]
  evidence: Evidence[]
  canSubmit: boolean
}

export interface BotMessage {
  /** Deterministic: a counter kept in the state. */
  id: string
  text: string
  kind: MessageKind
  quickReplies?: QuickReply[]
  expects?: Expect
  summary?: SummaryCard
}

/** The content of a ReportDraft; the page adds clientId, indicatorCode, orgUnitId and period. */
export interface DraftAnswers {
  values: Figures
  dates: Record<string, string>
  narrative: string
  evidence: Evidence[]
  reasons: Record<string, string>
  /** Fields whose figure is an estimate. */
  approx: string[]
  /** Returned reports: the worker's note to the reviewer. */
  note?: string
}

export type ChatOutcome = { submit: DraftAnswers } | { navigate: 'inbox' | 'progress' } | { exit: true }
