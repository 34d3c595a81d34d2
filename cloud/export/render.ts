import type { SelfInspectionTable } from '../../src/core/table'
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
 * never slow down the start of any other action.
 */
export async function renderTable(table: SelfInspectionTable, format: ExportFormat): Promise<{ buffer: Buffer; name: string; contentType: string }> {
  const buffer = format === 'xlsx' ? await writeXlsx(table) : await writeDocx(table)
  return { buffer, name: exportFileName(table, format), contentType: CONTENT_TYPES[format] }
}
