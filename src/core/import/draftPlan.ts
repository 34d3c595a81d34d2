import { ApiError } from '../errors'
import type { FieldCombine, FieldKind } from '../field'
import { extractQuantities } from '../quantity'
import { normalizeCellText, parseIndicatorText, targetFigure, type DraftTarget } from './indicatorText'

/**
 * Turns the tables of an uploaded file (a 自查表 laid out like the seed, or a
 * simple target sheet) into a draft plan: indicators in order with their 类型
 * groups, proposed fields and the targets read from the text. The draft is
 * for the plan designer to review; nothing here is an indicator yet.
 *
 * A 自查表 has a header row 序号 · 类型 · 指标内容及指标值 · 完成情况 · 完成率 ·
 * 支撑材料; each row below is one indicator, its 类型 cell merged down over
 * the rows of its group. A target sheet has a header with 指标名称 and 指标值
 * (类型 optional); consecutive rows of one 指标名称 are one indicator.
 */

/** Rows of cells as text, merged cells already spread (a merged-over cell is ''). */
export type Table = string[][]

export interface DraftField {
  key: string
  label: string
  unit: string
  kind: FieldKind
  /**
   * Proposed for a ceiling's field: `max`, the strict reading (the district
   * is within 15 days only if every unit is). The designer may change it to
   * a sum or a weighted mean.
   */
  combine?: FieldCombine
}

export interface DraftPlanTarget extends DraftTarget {
  id: string
  /** Keys of the proposed fields the target reads. */
  fields: string[]
}

export interface DraftIndicator {
  /** Position in the file, from 1. */
  seq: number
  /** 类型; '' when the file leaves it blank (the seed's first group). */
  category: string
  title: string
  /** 指标内容及指标值 as written (line-wrap gaps removed). */
  description: string
  fields: DraftField[]
  targets: DraftPlanTarget[]
}

export interface DraftGroup {
  category: string
  seqs: number[]
}

export interface DraftPlan {
  layout: 'self_inspection' | 'target_sheet'
  groups: DraftGroup[]
  indicators: DraftIndicator[]
  /** What the admin should look at first, in Chinese. */
  warnings: string[]
}

export const EXPECTED_LAYOUT =
  '请上传自查表（表头为“序号、类型、指标内容及指标值、完成情况、完成率、支撑材料”）或目标表（表头含“指标名称”和“指标值”，可加“类型”）的 docx 或 xlsx 文件'

const squash = (cell: string | undefined): string => normalizeCellText(cell ?? '').replace(/\s/g, '')

interface Columns {
  layout: DraftPlan['layout']
  header: number
  category: number
  title: number
  content: number
}

function findColumns(table: Table): Columns | null {
  for (let r = 0; r < Math.min(table.length, 10); r++) {
    const cells = table[r].map(squash)
    const at = (re: RegExp) => cells.findIndex((c) => re.test(c))
    const content = at(/^指标内容/)
    if (content >= 0 && at(/^类型$/) >= 0 && at(/^序号$/) >= 0) {
      return { layout: 'self_inspection', header: r, category: at(/^类型$/), title: -1, content }
    }
    const title = at(/^指标(名称)?$/)
    const value = at(/^(指标值|目标值|目标)$/)
    if (title >= 0 && value >= 0) return { layout: 'target_sheet', header: r, category: at(/^类型$/), title, content: value }
  }
  return null
}

interface RawIndicator {
  category: string
  title: string
  description: string
  targets: DraftTarget[]
}

function selfInspectionRows(table: Table, c: Columns): RawIndicator[] {
  const out: RawIndicator[] = []
  let category = ''
  for (const row of table.slice(c.header + 1)) {
    const description = normalizeCellText(row[c.content] ?? '')
    // The header repeated where a Word table breaks across pages.
    if (/^指标内容/.test(squash(description))) continue
    const cat = c.category >= 0 ? squash(row[c.category]) : ''
    if (cat !== '') category = cat
    if (description === '') continue
    const parsed = parseIndicatorText(description)
    out.push({ category, title: parsed.title, description, targets: parsed.targets })
  }
  return out
}

function targetSheetRows(table: Table, c: Columns): RawIndicator[] {
  const out: RawIndicator[] = []
  let category = ''
  for (const row of table.slice(c.header + 1)) {
    const cat = c.category >= 0 ? squash(row[c.category]) : ''
    if (cat !== '') category = cat
    const title = normalizeCellText(row[c.title] ?? '')
    const value = normalizeCellText(row[c.content] ?? '')
    if (value === '') continue
    const last = out[out.length - 1]
    const targets = parseIndicatorText(value).targets
    // A blank or repeated 指标名称 continues the indicator above.
    if (last && (title === '' || title === last.title) && last.category === category) {
      last.targets.push(...targets)
      last.description += `；${value}`
    } else if (title !== '') {
      out.push({ category, title, description: value, targets })
    }
  }
  return out
}

const cap = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max))

/** A target's words without its figure and the words around it: "新建老年幸福食堂". */
function stem(label: string): string {
  const f = targetFigure(extractQuantities(label))
  const rest = f ? label.slice(0, f.start) + label.slice(f.end) : label
  return rest.replace(/以上|以下|以内|左右|不超过|不少于|控制在|达到|完成$/g, '').replace(/^[，、]+|[，、]+$/g, '')
}

/** 每千名老人 → 老人; 达到全区常住人口的万分之五 → 持证社工人数 / 全区常住人口. */
function rateLabels(t: DraftTarget, title: string): { numerator: string; denominator: string } {
  const share = /^(.+?)达到(.+?)的?[千万]分之/.exec(t.label)
  if (share) return { numerator: share[1], denominator: share[2] }
  const per = /每(?:十万|百万|十|百|千|万|\d+)[名个位户人]?([^\d，、]{1,8}?)(?=\d|[一二三四五六七八九十])/.exec(t.label)
  return { numerator: title || stem(t.label), denominator: per ? per[1] : `${stem(t.label) || title}基数` }
}

function proposeFields(t: DraftTarget, k: number, title: string): DraftField[] {
  const key = `t${k}`
  // "控制在1%以内" leaves no words of its own: the indicator's title names the figure.
  const label = cap(stem(t.label) || title, 20)
  switch (t.kind) {
    case 'count':
      return [{ key, label, unit: t.unit ?? '', kind: 'count' }]
    case 'ceiling':
      return t.unit === '%'
        ? [{ key, label, unit: '%', kind: 'fraction', combine: { rule: 'max' } }]
        : [{ key, label, unit: t.unit ?? '', kind: Number.isInteger(t.max) ? 'count' : 'amount', combine: { rule: 'max' } }]
    case 'rate': {
      const { numerator, denominator } = rateLabels(t, title)
      return [
        { key: `${key}_num`, label: cap(numerator, 20), unit: t.unit ?? '', kind: 'count' },
        { key: `${key}_den`, label: cap(denominator, 20), unit: '', kind: 'count' }
      ]
    }
    case 'percentage': {
      // The subject ends the clause: "实现疫情期间辖区内流浪人员救助安置率" → 流浪人员救助安置.
      const base = label.replace(/率$/, '').slice(-10)
      return [
        { key: `${key}_done`, label: `${base}·完成数`, unit: '', kind: 'count' },
        { key: `${key}_total`, label: `${base}·总数`, unit: '', kind: 'count' }
      ]
    }
    case 'progress':
      return [{ key, label, unit: '%', kind: 'fraction' }]
    case 'milestone':
      return (t.steps ?? []).map((s, j) => ({ key: `${key}_s${j + 1}`, label: cap(s.label, 20), unit: '', kind: 'step' as const }))
    case 'qualitative':
      return []
  }
}

function toIndicator(raw: RawIndicator, seq: number): DraftIndicator {
  const fields: DraftField[] = []
  const targets = raw.targets.map((t, i): DraftPlanTarget => {
    const own = proposeFields(t, i + 1, raw.title)
    fields.push(...own)
    return { ...t, id: `t${i + 1}`, fields: own.map((f) => f.key) }
  })
  return { seq, category: raw.category, title: raw.title, description: raw.description, fields, targets }
}

function warningsOf(indicators: DraftIndicator[]): string[] {
  const warnings: string[] = []
  const uncategorised = indicators.filter((i) => i.category === '').map((i) => i.seq)
  if (uncategorised.length) warnings.push(`第${uncategorised.join('、')}项没有填写类型，请在设计器中补上`)
  for (const i of indicators) {
    if (i.title.length > 40) warnings.push(`第${i.seq}项的标题超过40个字，请缩短`)
    if (i.targets.every((t) => t.kind === 'qualitative')) warnings.push(`第${i.seq}项“${cap(i.title, 12)}”没有读出指标值，暂作定性指标`)
  }
  return warnings
}

/** The draft plan of the first table laid out as a 自查表 or a target sheet; BAD_INPUT saying what was expected otherwise. */
export function draftPlanFromTables(tables: Table[]): DraftPlan {
  for (const table of tables) {
    const columns = findColumns(table)
    if (!columns) continue
    const raws = columns.layout === 'self_inspection' ? selfInspectionRows(table, columns) : targetSheetRows(table, columns)
    if (raws.length === 0) throw new ApiError('BAD_INPUT', `表头下面没有指标。${EXPECTED_LAYOUT}`)
    const indicators = raws.map((r, i) => toIndicator(r, i + 1))
    const groups: DraftGroup[] = []
    for (const ind of indicators) {
      const last = groups[groups.length - 1]
      if (last && last.category === ind.category) last.seqs.push(ind.seq)
      else groups.push({ category: ind.category, seqs: [ind.seq] })
    }
    return { layout: columns.layout, groups, indicators, warnings: warningsOf(indicators) }
  }
  throw new ApiError('BAD_INPUT', `这个文件不是自查表：没有找到表头。${EXPECTED_LAYOUT}`)
}
