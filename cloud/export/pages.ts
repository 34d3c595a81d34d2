import { TABLE_HEADERS, rowCells, type SelfInspectionTable } from '../../src/core/table'
import { BODY_SIZE_PT, MARGIN_MM, PAGE_MM, TITLE_SIZE_PT, columnWidthsXlsx, rowHeightPt } from './layout'

/**
 * Where the docx's pages break, decided here rather than left to Word or
 * LibreOffice, so that a 类型 group torn across pages can print its label
 * again at the top of the next page (a merged cell prints its text once,
 * on whichever page its middle falls, leaving the other part blank).
 *
 * Row heights are estimated from wrapped lines (the xlsx's estimate, at
 * 1.4 × the font size per line, which is more than Word's or LibreOffice's
 * single spacing) and padded by SAFETY. Every planned break is forced
 * (page break before the row), and because each planned page over-
 * estimates its content, no page overflows before its planned break: the
 * breaks are exactly where the document says. The cost is some white space
 * at the foot of a page, never a label missing on one.
 */

const PT_PER_MM = 72 / 25.4
/** Over-estimate of every row's height. */
export const SAFETY = 1.0
/** Room left for the footer ("第 1 页，共 3 页") inside the body, in case the renderer takes it from there. */
const FOOTER_PT = 20

export const BODY_HEIGHT_PT = (PAGE_MM.height - MARGIN_MM.top - MARGIN_MM.bottom) * PT_PER_MM - FOOTER_PT

/** Height of what comes above the table on the first page: 附件N line, title, 单位名称 line. */
export function headingHeightPt(table: SelfInspectionTable): number {
  const line = BODY_SIZE_PT * 1.4
  return (table.attachmentLine ? line + 6 : 0) + TITLE_SIZE_PT * 1.5 + 10 + line + 6
}

export function rowHeightsPt(table: SelfInspectionTable): { header: number; rows: number[] } {
  const widths = columnWidthsXlsx()
  return {
    header: rowHeightPt([...TABLE_HEADERS], widths) * SAFETY,
    rows: table.rows.map((r) => rowHeightPt(rowCells(r), widths) * SAFETY)
  }
}

/**
 * Indexes of the rows that start a new page (never 0), greedy: each page
 * takes rows while they fit under the repeated header row. A row taller
 * than a page gets a page to itself (and then may still split: cantSplit
 * cannot hold it).
 */
export function planPageBreaks(heights: readonly number[], header: number, firstPage: number, otherPages: number): number[] {
  const breaks: number[] = []
  let room = firstPage - header
  heights.forEach((h, i) => {
    if (i === 0 || h <= room) {
      room -= h
      return
    }
    breaks.push(i)
    room = otherPages - header - h
  })
  return breaks
}

export function docxPageBreaks(table: SelfInspectionTable): number[] {
  const { header, rows } = rowHeightsPt(table)
  return planPageBreaks(rows, header, BODY_HEIGHT_PT - headingHeightPt(table), BODY_HEIGHT_PT)
}
