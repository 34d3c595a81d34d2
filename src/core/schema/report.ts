import * as z from 'zod/mini'
import { MAX_EVIDENCE, MAX_NARRATIVE, REPORT_STATUSES } from '../report'
import { CLIENT_ID_PATTERN, CODE_PATTERN, ID_PATTERN, KEY_PATTERN } from '../patterns'
import { between, listOf, matching, prose, text, wholeBetween } from './builders'
import { CalendarDateSchema, PeriodKeySchema } from './period'
import { VerdictSchema } from './target'

export const ReportStatusSchema = z.enum(REPORT_STATUSES)
export type ReportStatus = z.infer<typeof ReportStatusSchema>

/** A client-generated id: the report's identity across retries. */
export const ClientIdSchema = matching(CLIENT_ID_PATTERN)

/**
 * A photo or file stored by the transport (cloud fileID or local upload id).
 * `field` binds it to one figure (a field key of the indicator); absent, it
 * is evidence for the whole report.
 */
export const EvidenceSchema = z.strictObject({
  id: text(200, 1),
  name: z._default(prose(100), ''),
  kind: z._default(z.enum(['image', 'file']), 'image'),
  field: z.optional(matching(KEY_PATTERN))
})
export type Evidence = z.infer<typeof EvidenceSchema>

const FieldValuesSchema = z.record(matching(KEY_PATTERN), z.number())

/**
 * What a worker sends: the figures of one indicator for one unit and period.
 * Values are validated against the indicator's fields by `validateDraft`.
 */
export const ReportDraftSchema = z.strictObject({
  clientId: ClientIdSchema,
  indicatorCode: matching(CODE_PATTERN),
  orgUnitId: matching(ID_PATTERN),
  period: PeriodKeySchema,
  values: FieldValuesSchema,
  /** Completion dates of milestone steps, by step field key. */
  dates: z._default(z.record(matching(KEY_PATTERN), CalendarDateSchema), {}),
  narrative: z._default(prose(MAX_NARRATIVE), ''),
  evidence: z._default(listOf(EvidenceSchema, MAX_EVIDENCE), []),
  /** Why a figure that set off a soft warning is right, by field key. */
  reasons: z._default(z.record(matching(KEY_PATTERN), prose(200)), {}),
  /**
   * Fields whose figure is an estimate (约1200人次): shown with 约 to
   * reviewers and in the 自查表. Absent in reports stored before it.
   */
  approx: z.optional(listOf(matching(KEY_PATTERN), 30)),
  /** A returned report's fix: what the worker tells the reviewer; kept in the history. */
  note: z.optional(prose(200, 1)),
  /** 完成率 as the unit declares it, 0–100, when it states one. */
  declaredRate: z.optional(between(0, 100)),
  /** The server version this edit started from; absent for a first report. */
  baseVersion: z.optional(wholeBetween(1, 1e9))
})
export type ReportDraft = z.infer<typeof ReportDraftSchema>
export type ReportDraftInput = z.input<typeof ReportDraftSchema>

/** A report as stored: the draft plus what the server adds. */
export const ReportSchema = z.extend(z.omit(ReportDraftSchema, { baseVersion: true }), {
  id: z.string(),
  status: ReportStatusSchema,
  version: wholeBetween(1, 1e9),
  submittedBy: z.string(),
  /** When the first version arrived (ISO); on time is judged by it. */
  submittedAt: z.string(),
  onTime: z.boolean(),
  updatedAt: z.string(),
  reviewComment: z.optional(prose(500)),
  /** The fields a returning reviewer pointed at; empty means all. */
  returnedFields: z._default(z.array(z.string()), []),
  /** Reviewer judgements of qualitative targets, by target id. */
  verdicts: z._default(z.record(z.string(), VerdictSchema), {})
})
export type Report = z.infer<typeof ReportSchema>

