import { checkFieldValue, type Field } from '../field'
import type { Indicator } from '../indicator'
import { ORG_LEVEL_LABEL, type OrgUnit } from '../org'
import { isPeriodKey, periodType, periodYear } from '../period'

/**
 * Reads a back-fill sheet: one value per row, units × periods × fields,
 * for one plan year. The header row names five columns (any order; the
 * sheet may have a title above it):
 *
 *     单位 | 指标 | 期间 | 字段 | 数值
 *
 * - 单位: a unit id (qk-s11-c01-g1) or a unit name that is unique;
 * - 指标: an indicator code (YL-133) or title of that year's plan;
 * - 期间: a period key of the indicator's type (2020-03, 2020-Q1, 2020);
 *   "2020年3月" and "2020/3" read as 2020-03;
 * - 字段: a field key or label of the indicator;
 * - 数值: a number (a fraction field takes 0.85 or "85%").
 *
 * Pure: it refuses rows by what the sheet says against the plan and the
 * tree; the handler adds what only the store knows (approved reports) and
 * writes nothing when anything is refused.
 */

export const BACKFILL_COLUMNS = ['单位', '指标', '期间', '字段', '数值'] as const

export interface BackfillCell {
  /** The row number as the spreadsheet shows it (from 1, header included). */
  row: number
  unitId: string
  unitName: string
  indicatorCode: string
  period: string
  field: string
  value: number
}

export interface BackfillRefusal {
  row: number
  message: string
}

export interface BackfillRead {
  cells: BackfillCell[]
  refused: BackfillRefusal[]
}

export const BACKFILL_LAYOUT = '请用第一行（或标题下的一行）写表头“单位、指标、期间、字段、数值”，每行填一个数'

const PERIOD_WORD: Record<string, string> = { month: '月份，如 2020-03', quarter: '季度，如 2020-Q1', year: '年份，如 2020' }

/** "2020年3月", "2020/3", "2020-3" → "2020-03"; "2020年第1季度" → "2020-Q1"; keys as they are. */
export function normalizePeriod(text: string): string {
  const t = text.replace(/\s+/g, '')
  let m = /^(\d{4})(?:年|[/.-])(\d{1,2})月?$/.exec(t)
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}`
  m = /^(\d{4})年?第?([1-4])季度?$/.exec(t) ?? /^(\d{4})-?Q([1-4])$/i.exec(t)
  if (m) return `${m[1]}-Q${m[2]}`
  m = /^(\d{4})年?$/.exec(t)
  if (m) return m[1]
  return t
}

function parseValue(field: Field, text: string): number | string {
  const t = text.replace(/[\s,，]/g, '')
  if (t === '') return '没有填数值'
  const percent = /^(-?\d+(?:\.\d+)?)%$/.exec(t)
  const v = percent && field.kind === 'fraction' ? Number(percent[1]) / 100 : /^-?\d+(?:\.\d+)?$/.test(t) ? Number(t) : NaN
  if (!Number.isFinite(v)) return `数值“${text.trim()}”不是数字`
  if (v < 0) return '数值不能是负数'
  switch (checkFieldValue(field, v)) {
    case 'not_integer':
      return `${field.label}要填整数`
    case 'below_min':
      return `${field.label}不能小于${field.min}`
    case 'above_max':
      return `${field.label}超出范围（最多${field.kind === 'fraction' ? '100%' : field.max}）`
    default:
      return v
  }
}

export function readBackfill(table: string[][], year: number, indicators: Indicator[], units: OrgUnit[]): BackfillRead {
  const headerAt = table.findIndex((r) => BACKFILL_COLUMNS.every((c) => r.some((x) => x.trim() === c)))
  if (headerAt < 0) return { cells: [], refused: [{ row: 1, message: `没有找到表头。${BACKFILL_LAYOUT}` }] }
  const col = Object.fromEntries(BACKFILL_COLUMNS.map((c) => [c, table[headerAt].findIndex((x) => x.trim() === c)])) as Record<(typeof BACKFILL_COLUMNS)[number], number>
  const byId = new Map(units.map((u) => [u.id, u]))
  const byName = new Map<string, OrgUnit[]>()
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u])
  const plan = indicators.filter((i) => i.year === year)
  const cells: BackfillCell[] = []
  const refused: BackfillRefusal[] = []
  const seen = new Map<string, number>()
  for (let i = headerAt + 1; i < table.length; i++) {
    const row = i + 1
    const cell = (c: (typeof BACKFILL_COLUMNS)[number]) => (table[i][col[c]] ?? '').trim()
    if (BACKFILL_COLUMNS.every((c) => cell(c) === '')) continue
    const refuse = (message: string) => refused.push({ row, message: `第${row}行：${message}` })
    const unitText = cell('单位')
    const named = byName.get(unitText) ?? []
    const unit = byId.get(unitText) ?? (named.length === 1 ? named[0] : undefined)
    if (!unit) {
      refuse(named.length > 1 ? `有${named.length}个单位叫“${unitText}”，请写单位编号` : `没有“${unitText}”这个单位`)
      continue
    }
    const indText = cell('指标')
    const ind = plan.find((x) => x.code === indText) ?? plan.find((x) => x.title === indText)
    if (!ind) {
      refuse(`${year}年计划里没有“${indText}”这项指标`)
      continue
    }
    const fieldText = cell('字段')
    const field = ind.fields.find((f) => f.key === fieldText) ?? ind.fields.find((f) => f.label === fieldText)
    if (!field || field.fixed !== undefined) {
      refuse(`“${ind.title}”没有“${fieldText}”这个要填的数`)
      continue
    }
    const periodText = cell('期间')
    const period = normalizePeriod(periodText)
    if (!isPeriodKey(period) || periodType(period) !== ind.period) {
      refuse(`期间“${periodText}”不对：“${ind.title}”按${PERIOD_WORD[ind.period].slice(0, 2)}填报，请写${PERIOD_WORD[ind.period]}`)
      continue
    }
    if (periodYear(period) !== year) {
      refuse(`期间${period}不在${year}年计划内`)
      continue
    }
    if (unit.level !== ind.reportLevel) {
      refuse(`“${ind.title}”由${ORG_LEVEL_LABEL[ind.reportLevel]}填报，${unit.name}不是${ORG_LEVEL_LABEL[ind.reportLevel]}`)
      continue
    }
    const value = parseValue(field, cell('数值'))
    if (typeof value === 'string') {
      refuse(value)
      continue
    }
    const key = `${ind.code}|${unit.id}|${period}|${field.key}`
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      refuse(`与第${earlier}行重复（同一单位、期间和字段）`)
      continue
    }
    seen.set(key, row)
    cells.push({ row, unitId: unit.id, unitName: unit.name, indicatorCode: ind.code, period, field: field.key, value })
  }
  if (cells.length === 0 && refused.length === 0) refused.push({ row: headerAt + 1, message: `第${headerAt + 1}行：表头下面没有数据。${BACKFILL_LAYOUT}` })
  return { cells, refused }
}
