import type { SelfInspectionRow } from '../core/table/model'
import type { exportFile as exportFileAction, exportNarrative, exportTable as exportTableAction } from '../../cloud/api/handlers/export'
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
export function exportTable(query: { orgUnitId?: string; year: number }): Promise<ExportTableData> {
  return call<ExportTableData>('export.table', query)
}

/** Replaces one row's 完成情况; `text: null` goes back to the drafted text. */
export function saveNarrative(input: { indicatorCode: string; orgUnitId: string; year: number; text: string | null }): Promise<NarrativeData> {
  return call<NarrativeData>('export.narrative', input)
}

/** Builds the xlsx or docx and answers where to fetch it, for an hour. */
export function exportFile(query: { orgUnitId?: string; year: number; format: ExportFormat }): Promise<ExportFile> {
  return call<ExportFile>('export.file', query)
}
