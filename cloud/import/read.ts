import { Workbook } from 'exceljs'
import JSZip from 'jszip'
import { ApiError } from '../../src/core/errors'
import type { Table } from '../../src/core/import/draftPlan'
import { EXPECTED_LAYOUT } from '../../src/core/import/draftPlan'
import { wordTables } from './wordXml'

/**
 * Opens an uploaded docx or xlsx and returns its tables as text, for
 * src/core/import/draftPlan. It refuses, before reading anything, what the
 * bureau should never have to trust: files over 10 MB, anything that is not
 * an OOXML zip (old .doc / .xls included), macro-enabled files, and zips
 * that would unpack to more than MAX_UNPACKED. The handler loads this
 * module on demand, so jszip and exceljs load only when a file comes.
 */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
const MAX_UNPACKED = 200 * 1024 * 1024

const refuse = (message: string): ApiError => new ApiError('BAD_INPUT', message, { issues: [{ path: 'file', message }] })

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

export type ImportFormat = 'docx' | 'xlsx'

/** Size, name and bytes checks that need no unpacking. */
export function checkUpload(name: string, bytes: Buffer): void {
  if (bytes.length > MAX_IMPORT_BYTES) throw refuse('文件超过10MB，请删去图片等内容后再上传')
  if (bytes.length === 0) throw refuse('文件是空的')
  if (/\.(docm|xlsm|dotm|xltm|xlsb)$/i.test(name)) throw refuse('不接受带宏的文件（docm、xlsm），请另存为 docx 或 xlsx 后再上传')
  if (bytes.subarray(0, 4).equals(OLE_MAGIC)) throw refuse('这是旧版 doc 或 xls 文件，请在 Word 或 Excel 中另存为 docx 或 xlsx 后再上传')
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw refuse(`这个文件不是 docx 或 xlsx。${EXPECTED_LAYOUT}`)
}

export async function openZip(bytes: Buffer): Promise<JSZip> {
  const zip = await JSZip.loadAsync(bytes).catch(() => null)
  if (!zip) throw refuse(`文件已损坏，无法打开。${EXPECTED_LAYOUT}`)
  let unpacked = 0
  for (const entry of Object.values(zip.files)) {
    if (/(^|\/)vba[^/]*\.bin$/i.test(entry.name)) {
      throw refuse('文件里带有宏，不能导入。请另存为不带宏的 docx 或 xlsx 后再上传')
    }
    // JSZip keeps each entry's declared size from the central directory.
    unpacked += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0
  }
  if (unpacked > MAX_UNPACKED) throw refuse('文件解压后太大，不能导入')
  const types = await zip.file('[Content_Types].xml')?.async('string')
  if (!types) throw refuse(`这个文件不是 docx 或 xlsx。${EXPECTED_LAYOUT}`)
  if (/macroEnabled/i.test(types)) throw refuse('文件里带有宏，不能导入。请另存为不带宏的 docx 或 xlsx 后再上传')
  return zip
}

async function xlsxTables(bytes: Buffer): Promise<Table[]> {
  const wb = new Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer).catch(() => {
    throw refuse(`表格文件已损坏，无法打开。${EXPECTED_LAYOUT}`)
  })
  return wb.worksheets.map((ws) => {
    const rows: Table = []
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r)
      const cells: string[] = []
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c)
        // A cell merged over by another reads '' here, as in Word.
        cells.push(cell.isMerged && cell.master !== cell ? '' : cellText(cell.value))
      }
      rows.push(cells)
    }
    return rows
  })
}

/** Strings, numbers, rich text and formula results as text; dates and errors as nothing. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown }
    if (Array.isArray(v.richText)) return v.richText.map((p) => p.text).join('')
    if ('result' in v) return cellText(v.result)
    if (typeof v.text === 'string') return v.text
  }
  return ''
}

/** The tables of an uploaded file, with the format found from its contents. */
export async function readUploadTables(name: string, bytes: Buffer): Promise<{ format: ImportFormat; tables: Table[] }> {
  checkUpload(name, bytes)
  const zip = await openZip(bytes)
  const document = zip.file('word/document.xml')
  if (document) return { format: 'docx', tables: joinContinued(wordTables(await document.async('string'))) }
  if (zip.file('xl/workbook.xml')) return { format: 'xlsx', tables: await xlsxTables(bytes) }
  throw refuse(`这个文件不是 docx 或 xlsx。${EXPECTED_LAYOUT}`)
}

/**
 * Consecutive tables opening with the same header row are one table split
 * over pages (our own docx export writes one table per page, each with the
 * header row, so the 类型 label repeats): their rows are joined, the
 * repeated header rows dropped.
 */
export function joinContinued(tables: Table[]): Table[] {
  const out: Table[] = []
  for (const t of tables) {
    const last = out[out.length - 1]
    if (last && t.length > 0 && last.length > 0 && t[0].join('|') === last[0].join('|')) last.push(...t.slice(1))
    else out.push(t.map((r) => [...r]))
  }
  return out
}
