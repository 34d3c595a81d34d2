import { ApiError } from '../../src/core/errors'
import { parseCsv } from '../../src/core/import/csv'
import { TREE_SHEET_LAYOUT } from '../../src/core/orgImport'

const refuse = (message: string) => new ApiError('BAD_INPUT', message, { issues: [{ path: 'file', message }] })

/** CSV bytes as text: UTF-8 (with or without BOM), else GB18030 (what Excel in China saves). */
function csvText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/**
 * The first sheet of an uploaded tree file as rows of text: xlsx through
 * the 自查表 reader's checks (size, macros, zip bombs), csv read directly.
 */
export async function readTreeTable(name: string, bytes: Buffer): Promise<string[][]> {
  if (/\.csv$/i.test(name)) {
    if (bytes.length > 10 * 1024 * 1024) throw refuse('文件超过10MB')
    if (bytes.length === 0) throw refuse('文件是空的')
    return parseCsv(csvText(bytes))
  }
  if (!/\.xlsx$/i.test(name) && !/\.xlsm$/i.test(name)) throw refuse(`请上传 xlsx 或 csv 文件。${TREE_SHEET_LAYOUT}`)
  const { readUploadTables } = await import('../import/read')
  const { format, tables } = await readUploadTables(name, bytes)
  if (format !== 'xlsx' || tables.length === 0) throw refuse(`请上传 xlsx 或 csv 文件。${TREE_SHEET_LAYOUT}`)
  return tables[0]
}
