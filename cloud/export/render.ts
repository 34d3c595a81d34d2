import type { SelfInspectionTable } from '../../src/core/table'
import type { CompletenessSheet } from '../completeness/xlsx'
import { writeDocx } from './docx'
import { exportFileName } from './layout'
import { writeXlsx } from './xlsx'

export type ExportFormat = 'xlsx' | 'docx'

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
}

/**
 * The table as a file: bytes, name and content type. The export handler
 * loads this module only when a file is asked for, so exceljs and docx
 * (large, and installed beside the cloud function rather than bundled)
 * never slow down the start of any other action. The xlsx gets the
 * completeness grid as its second sheet when it is given.
 */
export async function renderTable(table: SelfInspectionTable, format: ExportFormat, completeness?: CompletenessSheet): Promise<{ buffer: Buffer; name: string; contentType: string }> {
  const buffer = format === 'xlsx' ? await writeXlsx(table, completeness) : await writeDocx(table)
  return { buffer, name: exportFileName(table, format), contentType: CONTENT_TYPES[format] }
}
