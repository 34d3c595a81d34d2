import { Workbook, type Worksheet } from 'exceljs'
import JSZip from 'jszip'

/** Reads an xlsx buffer back with exceljs; the first sheet. */
export async function readXlsx(buf: Buffer): Promise<Worksheet> {
  const wb = new Workbook()
  await wb.xlsx.load(buf as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  if (!ws) throw new Error('no worksheet')
  return ws
}

/** One part of an OOXML zip as text. */
export async function zipPart(buf: Buffer, path: string): Promise<string> {
  const zip = await JSZip.loadAsync(buf)
  const file = zip.file(path)
  if (!file) throw new Error(`no ${path} in the file`)
  return file.async('string')
}

export const count = (s: string, re: RegExp) => (s.match(re) ?? []).length
