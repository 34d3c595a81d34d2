import { Workbook } from 'exceljs'
import { ApiError } from '../../src/core/errors'
import { BACKFILL_LAYOUT } from '../../src/core/import/backfill'
import { cellText, MAX_IMPORT_BYTES, openZip } from './read'

/**
 * Opens a back-fill sheet, xlsx (its first worksheet) or csv (UTF-8, with
 * or without a BOM; comma separated, quotes as Excel writes them), as rows
 * of text for src/core/import/backfill. The xlsx goes through the same zip
 * checks as plan.import (size, macros, zip bombs).
 */
const refuse = (message: string): ApiError => new ApiError('BAD_INPUT', message, { issues: [{ path: 'file', message }] })

export type BackfillFormat = 'xlsx' | 'csv'

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
export function csvRows(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** A date cell (Excel turns "2020-03" into a date) reads as its month. */
function backfillCellText(value: unknown): string {
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`
  return cellText(value)
}

export async function readBackfillFile(name: string, bytes: Buffer): Promise<{ format: BackfillFormat; rows: string[][] }> {
  if (bytes.length > MAX_IMPORT_BYTES) throw refuse('文件超过10MB，请分成几个文件补录')
  if (bytes.length === 0) throw refuse('文件是空的')
  if (/\.csv$/i.test(name)) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
    if (text.includes('\uFFFD')) throw refuse('csv 文件要用 UTF-8 编码保存（Excel 里选“CSV UTF-8”）')
    return { format: 'csv', rows: csvRows(text) }
  }
  if (!/\.xlsx$/i.test(name)) throw refuse(`请上传 xlsx 或 csv 文件。${BACKFILL_LAYOUT}`)
  const zip = await openZip(bytes)
  if (!zip.file('xl/workbook.xml')) throw refuse(`这个文件不是 xlsx。${BACKFILL_LAYOUT}`)
  const wb = new Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer).catch(() => {
    throw refuse('表格文件已损坏，无法打开')
  })
  const ws = wb.worksheets[0]
  if (!ws) throw refuse(`表格里没有工作表。${BACKFILL_LAYOUT}`)
  const rows: string[][] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const cells: string[] = []
    for (let c = 1; c <= ws.columnCount; c++) cells.push(backfillCellText(row.getCell(c).value))
    rows.push(cells)
  }
  return { format: 'xlsx', rows }
}
