import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType, WidthType } from 'docx'
import { Workbook } from 'exceljs'
import JSZip from 'jszip'
import { SEED_HEADER, seedRows, type SeedRow } from './seedTable'

/**
 * Real files built from the seed text: a 自查表 docx laid out like the seed
 * (title lines, then the six-column table with 序号 and 类型 merged down over
 * their groups) and the same as an xlsx with merged cells.
 */

/** Rows that start a 序号 or 类型 group; the rows below, until the next start, are merged into it. */
const starts = (rows: SeedRow[], pick: (r: SeedRow) => string) => rows.map((r, i) => i === 0 || pick(r) !== '')

const lines = (text: string) => text.split('\n').map((t) => new Paragraph(t))

export async function seedDocx(rows: SeedRow[] = seedRows()): Promise<Buffer> {
  const seqStart = starts(rows, (r) => r.seq)
  const catStart = starts(rows, (r) => r.category)
  const cell = (text: string, merge?: 'restart' | 'continue') =>
    new TableCell({
      children: merge === 'continue' ? [new Paragraph('')] : lines(text),
      ...(merge ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {})
    })
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: SEED_HEADER.map((h) => cell(h)) }),
      ...rows.map(
        (r, i) =>
          new TableRow({
            children: [
              cell(r.seq, seqStart[i] ? 'restart' : 'continue'),
              cell(r.category, catStart[i] ? 'restart' : 'continue'),
              cell(r.content),
              cell(r.done),
              cell(r.rate),
              cell(r.evidence)
            ]
          })
      )
    ]
  })
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('附件2：'),
          new Paragraph('2020年度区民政局全面建成小康社会目标完成情况自查表'),
          new Paragraph('单位名称：硚口区民政局\t责任人（签字）：田莉莉'),
          table
        ]
      }
    ]
  })
  return Packer.toBuffer(doc)
}

export async function seedXlsx(rows: SeedRow[] = seedRows()): Promise<Buffer> {
  const wb = new Workbook()
  const ws = wb.addWorksheet('自查表')
  ws.addRow(['2020年度区民政局全面建成小康社会目标完成情况自查表'])
  ws.mergeCells(1, 1, 1, 6)
  ws.addRow(['单位名称：硚口区民政局', '', '', '责任人（签字）：田莉莉'])
  ws.addRow(SEED_HEADER)
  const first = 4
  rows.forEach((r) => ws.addRow([r.seq, r.category, r.content, r.done, Number(r.rate), r.evidence]))
  for (const [col, pick] of [[1, (r: SeedRow) => r.seq], [2, (r: SeedRow) => r.category]] as const) {
    const s = starts(rows, pick)
    for (let i = 0; i < rows.length; i++) {
      if (!s[i]) continue
      let end = i
      while (end + 1 < rows.length && !s[end + 1]) end++
      if (end > i) ws.mergeCells(first + i, col, first + end, col)
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A simple target sheet: 类型 · 指标名称 · 指标值, one target a row. */
export async function targetSheetXlsx(rows: [string, string, string][]): Promise<Buffer> {
  const wb = new Workbook()
  const ws = wb.addWorksheet('目标')
  ws.addRow(['类型', '指标名称', '指标值'])
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A Word file with a table that is not a 自查表 (a meeting sign-in sheet). */
export async function otherDocx(): Promise<Buffer> {
  const row = (cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) })
  const doc = new Document({ sections: [{ children: [new Paragraph('会议签到表'), new Table({ rows: [row(['姓名', '单位', '电话']), row(['田莉莉', '区民政局', '027-0000'])] })] }] })
  return Packer.toBuffer(doc)
}

/** The same zip with extra parts added (a macro project, a large stored file). */
export async function withParts(file: Buffer, parts: Record<string, Buffer | string>, store = false): Promise<Buffer> {
  const zip = await JSZip.loadAsync(file)
  for (const [path, content] of Object.entries(parts)) zip.file(path, content, store ? { compression: 'STORE' } : {})
  return zip.generateAsync({ type: 'nodebuffer', compression: store ? 'STORE' : 'DEFLATE' })
}
