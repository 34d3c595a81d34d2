import type { SelfInspectionRow } from '../core/table/model'
import type { exportFile as exportFileAction, exportNarrative, exportNarrativeHistory, exportTable as exportTableAction } from '../../cloud/api/handlers/export'
import type { completeness as completenessAction, completenessFile as completenessFileAction, completenessRemind as completenessRemindAction } from '../../cloud/api/handlers/completeness'
import type { CompletenessStatus } from '../core/completeness'
import { ApiFailure } from './api'
import { getServices } from '.'

/**
 * The 自查表 export actions (docs/api.md, export.*), typed for the review
 * subpackage. They go over the same transport as every other call
 * (`api.transport.call`) and throw ApiFailure on `{ ok: false }`, like
 * `api.ts`. Only the review subpackage imports this file, so it stays out
 * of the main package; the handler types are type-only imports.
 */

type Data<A extends { run: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<A['run']>>

/** `{ unit, table, edits }`: the table as it would be exported, and who rewrote which rows. */
export type ExportTableData = Data<typeof exportTableAction>
export type ExportTable = ExportTableData['table']
export type ExportRow = SelfInspectionRow
export type ExportEdit = ExportTableData['edits'][number]
export type ExportFormat = 'xlsx' | 'docx'
/** A generated file: `url` is relative to the server locally ("/exports/…"), a temporary https link in the cloud. */
export type ExportFile = Data<typeof exportFileAction>
export type NarrativeData = Data<typeof exportNarrative>

async function call<T>(action: string, payload: unknown): Promise<T> {
  const res = await getServices().api.transport.call<T>(action, payload)
  if (!res.ok) throw new ApiFailure(res.error)
  return res.data
}

/** A unit's table for a year; no unit: the caller's own. */
/** `approved`: the official version, from approved figures only. */
export type TableVersion = 'all' | 'approved'
export interface TableQuery {
  orgUnitId?: string
  year: number
  signer?: string
  version?: TableVersion
}

export function exportTable(query: TableQuery): Promise<ExportTableData> {
  return call<ExportTableData>('export.table', query)
}

/** Replaces one row's 完成情况; `text: null` goes back to the drafted text. */
export function saveNarrative(input: { indicatorCode: string; orgUnitId: string; year: number; text: string | null }): Promise<NarrativeData> {
  return call<NarrativeData>('export.narrative', input)
}

/** Builds the xlsx or docx and answers where to fetch it, for an hour. */
export function exportFile(query: TableQuery & { format: ExportFormat }): Promise<ExportFile> {
  return call<ExportFile>('export.file', query)
}

export type NarrativeHistoryData = Data<typeof exportNarrativeHistory>
export type NarrativeChange = NarrativeHistoryData['changes'][number]

/** Every change to one row's 完成情况, oldest first (`text: null`: cleared back to the draft). */
export function narrativeHistory(query: { indicatorCode: string; orgUnitId: string; year: number }): Promise<NarrativeHistoryData> {
  return call<NarrativeHistoryData>('export.narrativeHistory', query)
}

export type CompletenessData = Data<typeof completenessAction>
export type CompletenessGridRow = CompletenessData['rows'][number]
export interface CompletenessQuery {
  indicatorCode: string
  year: number
  streetId?: string
  status?: CompletenessStatus
  after?: string
  limit?: number
}

/** One page of units × periods for an indicator; `next` continues it. */
export function completeness(query: CompletenessQuery): Promise<CompletenessData> {
  return call<CompletenessData>('completeness', query)
}

/** The whole grid (same filters) as an xlsx behind a download link. */
export function completenessFile(query: Omit<CompletenessQuery, 'after' | 'limit'>): Promise<Data<typeof completenessFileAction>> {
  return call('completeness.file', query)
}

export type RemindResult = Data<typeof completenessRemindAction>

/** "立即提醒": remind one unit's people now (once a day per person). */
export function remindUnit(orgUnitId: string): Promise<RemindResult> {
  return call<RemindResult>('completeness.remind', { orgUnitId })
}
