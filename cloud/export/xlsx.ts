import { Workbook, type Alignment, type Borders, type Cell, type Font } from 'exceljs'
import { TABLE_HEADERS, rowCells, signerLine, unitLine, type SelfInspectionTable } from '../../src/core/table'
import { addCompletenessSheet, type CompletenessSheet } from '../completeness/xlsx'
import { BODY_SIZE_PT, COLUMNS, FONT_CJK, MARGIN_MM, TITLE_SIZE_PT, columnWidthsXlsx, mmToInches, rowHeightPt } from './layout'

/** Rows of the sheet: title, unit line, header, then one row per indicator (each one lower under a "附件N：" line). */
export const XLSX_TITLE_ROW = 1
export const XLSX_UNIT_ROW = 2
export const XLSX_HEADER_ROW = 3
export const XLSX_FIRST_DATA_ROW = 4
export const XLSX_SHEET_NAME = '自查表'

const NCOL = COLUMNS.length
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } }
const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin }
const font = (extra: Partial<Font> = {}): Partial<Font> => ({ name: FONT_CJK, size: BODY_SIZE_PT, charset: 134, ...extra })
const align = (horizontal: Alignment['horizontal']): Partial<Alignment> => ({ horizontal, vertical: 'middle', wrapText: true })

function boxed(cell: Cell, value: string, horizontal: Alignment['horizontal'], bold = false) {
  cell.value = value
  cell.font = font({ bold })
  cell.alignment = align(horizontal)
  cell.border = BORDER
}

/**
 * The 自查表 as an Excel workbook laid out like the seed: merged title,
 * 单位名称 left and 责任人（签字） right, the header row repeated on every
 * printed page, 类型 merged down each category group, A4 landscape fitted
 * to one page wide; the completeness grid, when given, as a second sheet. 序号 and a plain 完成率 are numbers; other cells hold text (the 完成率 may read "88.9（自报100）").
 */
export async function writeXlsx(table: SelfInspectionTable, completeness?: CompletenessSheet): Promise<Buffer> {
  // A "附件2：" line, when given, comes first and moves every row one down.
  const o = table.attachmentLine ? 1 : 0
  const R = { title_row: XLSX_TITLE_ROW + o, unit_row: XLSX_UNIT_ROW + o, header_row: XLSX_HEADER_ROW + o, first_data_row: XLSX_FIRST_DATA_ROW + o }
  const wb = new Workbook()
  wb.creator = '格报'
  wb.created = new Date(Date.UTC(table.year, 11, 31))
  const ws = wb.addWorksheet(XLSX_SHEET_NAME, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: {
        top: mmToInches(MARGIN_MM.top),
        bottom: mmToInches(MARGIN_MM.bottom),
        left: mmToInches(MARGIN_MM.left),
        right: mmToInches(MARGIN_MM.right),
        header: 0.3,
        footer: 0.3
      },
      printTitlesRow: `${R.header_row}:${R.header_row}`
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: R.header_row }]
  })
  const widths = columnWidthsXlsx()
  ws.columns = widths.map((width) => ({ width }))

  if (o) {
    const line = ws.getCell(1, 1)
    line.value = table.attachmentLine
    line.font = font()
    line.alignment = { horizontal: 'left', vertical: 'middle' }
  }
  ws.mergeCells(R.title_row, 1, R.title_row, NCOL)
  const title = ws.getCell(R.title_row, 1)
  title.value = table.title
  title.font = font({ size: TITLE_SIZE_PT, bold: true })
  title.alignment = align('center')
  ws.getRow(R.title_row).height = 36

  // 单位名称 over the first three columns, 责任人（签字） over the rest.
  ws.mergeCells(R.unit_row, 1, R.unit_row, 3)
  ws.mergeCells(R.unit_row, 4, R.unit_row, NCOL)
  const unit = ws.getCell(R.unit_row, 1)
  unit.value = unitLine(table)
  unit.font = font()
  unit.alignment = { horizontal: 'left', vertical: 'middle' }
  const signer = ws.getCell(R.unit_row, 4)
  signer.value = signerLine(table)
  signer.font = font()
  signer.alignment = { horizontal: 'right', vertical: 'middle' }
  ws.getRow(R.unit_row).height = 24

  const header = ws.getRow(R.header_row)
  TABLE_HEADERS.forEach((h, i) => boxed(header.getCell(i + 1), h, 'center', true))
  header.height = 30

  table.rows.forEach((row, r) => {
    const cells = rowCells(row)
    const xr = ws.getRow(R.first_data_row + r)
    cells.forEach((text, c) => boxed(xr.getCell(c + 1), text, COLUMNS[c].align))
    // 序号 and a plain 完成率 are numbers, the rate with one decimal, so the sheet can sort and sum them.
    xr.getCell(1).value = row.seq
    if (/^\d+(\.\d)?$/.test(row.rateText)) {
      xr.getCell(5).value = Number(row.rateText)
      xr.getCell(5).numFmt = '0.0'
    }
    xr.height = rowHeightPt(cells, widths)
  })

  for (const g of table.groups) {
    if (g.span < 2) continue
    const top = R.first_data_row + g.start
    ws.mergeCells(top, 2, top + g.span - 1, 2)
  }

  // Which figures the table rests on (working copy or the approved, official version).
  const versionRow = R.first_data_row + table.rows.length
  ws.mergeCells(versionRow, 1, versionRow, NCOL)
  const version = ws.getCell(versionRow, 1)
  version.value = table.versionLine
  version.font = font()
  version.alignment = { horizontal: 'left', vertical: 'middle' }

  // Sheet 2: units × periods, on time, late, returned or missing (issue 11 point 7).
  if (completeness) addCompletenessSheet(wb, completeness)

  const out = await wb.xlsx.writeBuffer()
  return Buffer.from(out as ArrayBuffer)
}
