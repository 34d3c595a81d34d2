import { TABLE_HEADERS, type SelfInspectionTable } from '../../src/core/table'

/**
 * What the xlsx and docx files share: columns, fonts, the A4 landscape page.
 * Both writers size their columns from the same weights so the two files
 * look alike.
 */

/** The body font Chinese Office names 宋体 (SimSun). Files carry one name;
 * on Linux, LibreOffice substitutes a CJK serif such as FONT_CJK_FALLBACK. */
export const FONT_CJK = '宋体'
export const FONT_CJK_FALLBACK = 'Noto Serif CJK SC'
export const FONT_LATIN = 'Times New Roman'
export const TITLE_SIZE_PT = 16
export const BODY_SIZE_PT = 10.5

export type HAlign = 'left' | 'center'

export interface ColumnSpec {
  header: (typeof TABLE_HEADERS)[number]
  /** Share of the printable width, in percent. */
  weight: number
  align: HAlign
}

export const COLUMNS: readonly ColumnSpec[] = [
  { header: '序号', weight: 4, align: 'center' },
  { header: '类型', weight: 8, align: 'center' },
  { header: '指标内容及指标值', weight: 24, align: 'left' },
  { header: '完成情况', weight: 42, align: 'left' },
  { header: '完成率（%）', weight: 10, align: 'center' },
  { header: '支撑材料', weight: 12, align: 'left' }
]

/** A4 landscape, in millimetres. */
export const PAGE_MM = { width: 297, height: 210 }
export const MARGIN_MM = { top: 20, bottom: 18, left: 15, right: 15 }
export const PRINTABLE_WIDTH_MM = PAGE_MM.width - MARGIN_MM.left - MARGIN_MM.right

const TWIPS_PER_MM = 1440 / 25.4
export const mmToTwips = (mm: number) => Math.round(mm * TWIPS_PER_MM)
export const mmToInches = (mm: number) => Math.round((mm / 25.4) * 100) / 100

function split(total: number): number[] {
  const sum = COLUMNS.reduce((s, c) => s + c.weight, 0)
  return COLUMNS.map((c) => Math.floor((total * c.weight) / sum))
}

/** Column widths in twips (Word's dxa) over the printable width. */
export function columnWidthsTwips(): number[] {
  return split(mmToTwips(PRINTABLE_WIDTH_MM))
}

/**
 * Excel width units over the printable width: one unit ≈ 7 px at 96 dpi
 * (a default-font digit), so 267 mm ≈ 143 units. fitToWidth absorbs the rest.
 */
export const XLSX_TOTAL_WIDTH = 140
export function columnWidthsXlsx(): number[] {
  return split(XLSX_TOTAL_WIDTH)
}

/** Display width in Excel units: a CJK or full-width character is two. */
function displayUnits(s: string): number {
  let n = 0
  for (const ch of s) n += ch.charCodeAt(0) >= 0x2000 ? 2 : 1
  return n
}

/** Wrapped lines a text takes in a column `width` Excel units wide. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(2, width - 1.5)
  return text.split('\n').reduce((s, line) => s + Math.max(1, Math.ceil(displayUnits(line) / usable)), 0)
}

/** Excel refuses taller rows. */
export const XLSX_MAX_ROW_PT = 409
const LINE_PT = BODY_SIZE_PT * 1.4

/**
 * Excel does not grow rows to fit wrapped text on opening a file, so rows
 * are sized here from an estimate of each cell's wrapped lines.
 */
export function rowHeightPt(cells: readonly string[], widths: readonly number[]): number {
  const lines = Math.max(1, ...cells.map((c, i) => wrappedLines(c, widths[i] ?? 10)))
  return Math.min(XLSX_MAX_ROW_PT, Math.max(24, Math.ceil(lines * LINE_PT + 6)))
}

/** "2020年度区民政局全面建成小康社会目标完成情况自查表.xlsx": safe for any file system. */
export function exportFileName(table: SelfInspectionTable, ext: 'xlsx' | 'docx'): string {
  return `${table.title.replace(/[\\/:*?"<>|\s]+/g, '_')}.${ext}`
}
