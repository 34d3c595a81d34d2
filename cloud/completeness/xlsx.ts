import { Workbook, type Borders, type Worksheet } from 'exceljs'
import { cellText, countCells, type CompletenessStatus } from '../../src/core/completeness'
import type { Indicator } from '../../src/core/indicator'
import { periodShortLabel } from '../../src/core/periodLabel'
import { BODY_SIZE_PT, FONT_CJK } from '../export/layout'
import type { CompletenessRow } from './read'

/**
 * The completeness grid in a worksheet: per indicator a heading, a header
 * row (街道, 社区, 单位, one column per period, then the counts), and a row
 * per unit with each cell's word from src/core/completeness.ts. The
 * 自查表's second sheet and the completeness page's download both write
 * it through here.
 */

export const COMPLETENESS_SHEET_NAME = '填报完成情况'

export interface CompletenessBlock {
  indicator: Pick<Indicator, 'code' | 'seq' | 'title' | 'period' | 'due'>
  periods: string[]
  rows: CompletenessRow[]
}

export interface CompletenessSheet {
  title: string
  today: string
  blocks: CompletenessBlock[]
}

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } }
const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin }
const FILL: Record<CompletenessStatus, string | null> = { on_time: null, late: 'FFFFF2CC', returned: 'FFFCE4D6', missing: 'FFF8CBAD', not_due: null }
const font = (bold = false) => ({ name: FONT_CJK, size: BODY_SIZE_PT, charset: 134, bold })
const COUNTED: CompletenessStatus[] = ['on_time', 'late', 'returned', 'missing']
const COUNT_HEAD: Record<string, string> = { on_time: '按时', late: '迟报', returned: '退回', missing: '未报' }
const PERIOD_WORD = { month: '按月', quarter: '按季度', year: '按年' }

export function addCompletenessSheet(wb: Workbook, sheet: CompletenessSheet): Worksheet {
  const ws = wb.addWorksheet(COMPLETENESS_SHEET_NAME, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' }
  })
  const widest = Math.max(1, ...sheet.blocks.map((b) => b.periods.length))
  ws.columns = [{ width: 12 }, { width: 14 }, { width: 16 }, ...Array.from({ length: widest + COUNTED.length }, () => ({ width: 8 }))]
  const span = 3 + widest + COUNTED.length
  let r = 1
  ws.mergeCells(r, 1, r, span)
  Object.assign(ws.getCell(r, 1), { value: sheet.title, font: { ...font(true), size: 14 }, alignment: { horizontal: 'center', vertical: 'middle' } })
  ws.getRow(r).height = 28
  r += 1
  ws.mergeCells(r, 1, r, span)
  Object.assign(ws.getCell(r, 1), { value: `统计日期：${sheet.today}。按时：截止日前报送；迟报：截止后补报；退回：被退回待修改，不计入；未报：已过截止日未报送；未到期：还没到截止日。`, font: font(), alignment: { wrapText: true, vertical: 'middle' } })
  ws.getRow(r).height = 30
  r += 2
  for (const b of sheet.blocks) {
    ws.mergeCells(r, 1, r, span)
    Object.assign(ws.getCell(r, 1), { value: `${b.indicator.seq}. ${b.indicator.title}（${PERIOD_WORD[b.indicator.period]}填报，期末后${b.indicator.due.daysAfterEnd}天内报送）`, font: font(true) })
    r += 1
    const head = ['街道', '社区', '单位', ...b.periods.map(periodShortLabel), ...COUNTED.map((s) => COUNT_HEAD[s])]
    const hr = ws.getRow(r)
    head.forEach((h, i) => Object.assign(hr.getCell(i + 1 + (i >= 3 + b.periods.length ? widest - b.periods.length : 0)), { value: h, font: font(true), border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }))
    r += 1
    if (b.rows.length === 0) {
      ws.getCell(r, 1).value = '没有要填报的单位'
      r += 2
      continue
    }
    for (const row of b.rows) {
      const xr = ws.getRow(r)
      const fixed = [row.street?.name ?? '', row.community?.name ?? '', row.unit.name]
      fixed.forEach((v, i) => Object.assign(xr.getCell(i + 1), { value: v, font: font(), border: BORDER }))
      row.cells.forEach((c, i) => {
        const cell = xr.getCell(4 + i)
        Object.assign(cell, { value: cellText(c), font: font(), border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } })
        const fill = FILL[c.status]
        if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } }
      })
      const counts = countCells([row.cells])
      COUNTED.forEach((s, i) => Object.assign(xr.getCell(4 + widest + i), { value: counts[s], font: font(), border: BORDER, alignment: { horizontal: 'center' } }))
      r += 1
    }
    r += 1
  }
  return ws
}

export async function writeCompletenessXlsx(sheet: CompletenessSheet): Promise<Buffer> {
  const wb = new Workbook()
  wb.creator = '格报'
  addCompletenessSheet(wb, sheet)
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** "2020年度长丰街填报完成情况-YL-133.xlsx", safe for any file system. */
export function completenessFileName(unitName: string, year: number, code: string): string {
  return `${year}年度${unitName}填报完成情况-${code}.xlsx`.replace(/[\\/:*?"<>|\s]/g, '')
}
