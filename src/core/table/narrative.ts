import dayjs from 'dayjs'
import { formatRate, type IndicatorCompletion, type TargetCompletion } from '../completion'
import type { Figures } from '../figures'
import { fieldByKey, type Indicator } from '../indicator'
import { isShareCeiling, type Target } from '../target'
import { ceilingFigure, ceilingWording } from '../targetText'
import { APPROX_MARK } from '../fieldFormat'
import { formatNumber, formatOneDecimal } from './text'

/** One child unit's figures for the same indicator and year (a street's). */
export interface UnitFigures {
  unitName: string
  figures: Figures
}

export interface NarrativeOptions {
  /** Completion dates of milestone steps ('YYYY-MM-DD'), by step field key. */
  dates?: Record<string, string>
  /** The table's year: dates within it are written without the year. */
  year?: number
  /** How many child units a breakdown names before '等'. */
  breakdownLimit?: number
  /** Fields whose figure rests on an estimate: "约1200人次". */
  approx?: readonly string[]
}

export const NOT_REPORTED = '未填报'
export const AWAITING_REVIEW = '待审核评定'
/** A plan item none of whose targets are the unit's own. */
export const NOT_OWN = '本项目标不分解到本单位'
/** A count target the unit has no share of. */
export const UNALLOCATED = '未分解'
export const BREAKDOWN_LIMIT = 6

/**
 * Drafts the 完成情况 cell from the figures: one clause per target, in the
 * catalog's order, joined by '；'. It states what was reported and, where a
 * target is short, how far it got; the 完成率 column (not this text) is
 * where computed and declared rates are compared. A figure that is missing
 * reads '未填报', never 0.
 */
export function draftNarrative(
  indicator: Indicator,
  figures: Figures,
  completion: IndicatorCompletion,
  breakdown: UnitFigures[] = [],
  options: NarrativeOptions = {}
): string {
  const clauses = indicator.targets.map((t) => {
    const c = completion.targets.find((x) => x.targetId === t.id)
    return clause(indicator, t, c, figures, breakdown, options)
  })
  // A unit measured against none of the targets (they are another unit's).
  return clauses.length === 0 ? `${NOT_OWN}。` : `${clauses.join('；')}。`
}

/** A label without its target value: "流浪人员救助安置率100%" → "流浪人员救助安置率". */
export function labelStem(label: string): string {
  return label.replace(/\d+(?:\.\d+)?%(?:以上)?/, '')
}

const SCALE_WORDS: Record<number, string> = { 10: '十', 100: '百', 1000: '千', 10000: '万', 100000: '十万' }

function clause(ind: Indicator, t: Target, c: TargetCompletion | undefined, figures: Figures, breakdown: UnitFigures[], options: NarrativeOptions): string {
  const limit = options.breakdownLimit ?? BREAKDOWN_LIMIT
  switch (t.kind) {
    case 'count': {
      const f = fieldByKey(ind, t.field)
      const name = f?.label ?? labelStem(t.label)
      const unit = f?.unit ?? ''
      const v = figures[t.field]
      if (v === undefined) return `${name}${NOT_REPORTED}`
      const about = options.approx?.includes(t.field) ? APPROX_MARK : ''
      if (c?.unallocated) return `${name}${about}${formatNumber(v)}${unit}${countBreakdown(breakdown, t.field, unit, limit)}（${UNALLOCATED}）`
      return `${name}${about}${formatNumber(v)}${unit}${countBreakdown(breakdown, t.field, unit, limit)}${versusTarget(c, `${formatNumber(t.min)}${unit}`)}`
    }
    case 'rate': {
      const num = fieldByKey(ind, t.numerator)
      const den = fieldByKey(ind, t.denominator)
      const scale = SCALE_WORDS[t.scale] ?? String(t.scale)
      const name = `每${scale}${den?.unit === '人' ? '名' : ''}${den?.label ?? ''}${num?.label ?? ''}`
      const n = figures[t.numerator]
      const d = figures[t.denominator]
      if (n === undefined || d === undefined) return `${name}${NOT_REPORTED}`
      if (d <= 0) return `${name}无法计算（${den?.label ?? t.denominator}为${formatNumber(d)}）`
      const value = (n / d) * t.scale
      const about = (k: string) => (options.approx?.includes(k) ? APPROX_MARK : '')
      const parts = `${num?.label ?? t.numerator}${about(t.numerator)}${formatNumber(n)}${num?.unit ?? ''}，${den?.label ?? t.denominator}${about(t.denominator)}${formatNumber(d)}${den?.unit ?? ''}`
      return `${name}${formatOneDecimal(value)}${num?.unit ?? ''}（${parts}）${versusTarget(c, `${formatNumber(t.min)}${num?.unit ?? ''}`)}`
    }
    case 'percentage': {
      const name = labelStem(t.label)
      const n = figures[t.numerator]
      const d = figures[t.denominator]
      if (n === undefined || d === undefined) return `${name}${NOT_REPORTED}`
      if (d < 0 || n > d) return `${name}数据待核（${formatNumber(n)}/${formatNumber(d)}）`
      const actual = d === 0 ? 1 : n / d
      const numField = fieldByKey(ind, t.numerator)
      const units = numField?.kind === 'flag' ? flagBreakdown(breakdown, t.numerator, limit) : ''
      // "100%" of all is read straight off the percentage itself.
      const shortfall = t.op === 'eq' && t.percent === 1 ? '' : versusTarget(c, `${formatRate(t.percent)}%`)
      return `${name}${formatRate(actual)}%（${formatNumber(n)}/${formatNumber(d)}${units ? `，${units}` : ''}）${shortfall}`
    }
    case 'progress': {
      const v = figures[t.field]
      const stem = labelStem(t.label)
      const name = stem === t.label ? fieldByKey(ind, t.field)?.label ?? stem : stem
      if (v === undefined) return `${name}${NOT_REPORTED}`
      return `${name}${formatRate(v)}%${versusTarget(c, `${formatRate(t.min)}%`)}`
    }
    case 'milestone':
      return milestoneClause(ind, t, figures, options)
    case 'qualitative': {
      const ratio = c?.ratio ?? null
      return `${t.label}：${ratio === null ? AWAITING_REVIEW : `审核评定为${verdictText(ratio)}`}`
    }
    case 'ceiling': {
      // "审核确认时限12个工作日，控制在15个工作日以内" / "感染率1.5%（6/400），超过上限1%".
      const stem = labelStem(t.label).replace(/(?:不超过|不高于|不得超过|控制在).*$/, '')
      const name = isShareCeiling(t) ? stem || t.label : fieldByKey(ind, t.field!)?.label ?? stem
      const value = c?.actual ?? null
      if (value === null) return `${name}${NOT_REPORTED}（${ceilingWording(t, null, ind)}）`
      const parts = isShareCeiling(t) ? `（${formatNumber(figures[t.numerator])}/${formatNumber(figures[t.denominator])}）` : ''
      return `${name}${ceilingFigure(t, value, ind)}${parts}，${ceilingWording(t, value, ind)}`
    }
  }
}

/** "" when unknown; "完成目标" when met exactly; the share reached when short; a note when beyond. */
function versusTarget(c: TargetCompletion | undefined, targetText: string): string {
  if (!c || c.ratio === null || c.rate === null) return ''
  if (c.ratio > 1 + 1e-9) return `，超额完成（目标${targetText}）`
  if (c.met) return '，完成目标'
  return `，完成目标的${formatRate(c.rate)}%`
}

function verdictText(ratio: number): string {
  if (ratio >= 1 - 1e-9) return '达到'
  if (ratio <= 1e-9) return '未达到'
  if (Math.abs(ratio - 0.5) < 1e-9) return '部分达到'
  return `部分达到（${formatRate(ratio)}%）`
}

/** Children with a non-zero figure, largest first (ties keep input order). */
function nonZero(breakdown: UnitFigures[], field: string): { name: string; v: number }[] {
  return breakdown
    .map((b, i) => ({ name: b.unitName, v: b.figures[field], i }))
    .filter((x): x is { name: string; v: number; i: number } => x.v !== undefined && x.v > 0)
    .sort((a, b) => b.v - a.v || a.i - b.i)
}

function listed(names: string[], limit: number): string {
  const shown = names.slice(0, Math.max(1, limit))
  return `${shown.join('、')}${names.length > shown.length ? '等' : ''}`
}

/** "（宗关街2个、长丰街2个、…等）", or "" when no child reported any. */
function countBreakdown(breakdown: UnitFigures[], field: string, unit: string, limit: number): string {
  const items = nonZero(breakdown, field)
  return items.length === 0 ? '' : `（${listed(items.map((x) => `${x.name}${formatNumber(x.v)}${unit}`), limit)}）`
}

/** The children whose yes/no flag is set: "六角亭街、韩家墩街". */
function flagBreakdown(breakdown: UnitFigures[], field: string, limit: number): string {
  const names = breakdown.filter((b) => (b.figures[field] ?? 0) >= 1).map((b) => b.unitName)
  return names.length === 0 ? '' : listed(names, limit)
}

function milestoneClause(ind: Indicator, t: Extract<Target, { kind: 'milestone' }>, figures: Figures, options: NarrativeOptions): string {
  const name = (field: string) => (fieldByKey(ind, field)?.label ?? field).replace(/(?:已)?完成$/, '')
  const when = (field: string) => {
    const d = options.dates?.[field]
    const date = d === undefined ? '' : formatDate(d, options.year)
    return date ? `（${date}）` : ''
  }
  const dated = (field: string) => `${name(field)}${when(field)}`
  const done = (field: string) => (figures[field] ?? 0) >= 1
  const required = t.steps.filter((s) => s.required)
  const stretch = t.steps.filter((s) => !s.required)
  const parts: string[] = []
  const unknown = required.filter((s) => figures[s.field] === undefined).map((s) => name(s.field))
  const finished = required.filter((s) => figures[s.field] !== undefined && done(s.field)).map((s) => dated(s.field))
  const pending = required.filter((s) => figures[s.field] !== undefined && !done(s.field)).map((s) => name(s.field))
  if (finished.length > 0) parts.push(`已完成${finished.join('、')}`)
  if (pending.length > 0) parts.push(`尚未完成${pending.join('、')}`)
  if (unknown.length > 0) parts.push(`${unknown.join('、')}${NOT_REPORTED}`)
  for (const s of stretch) {
    if (figures[s.field] === undefined) parts.push(`${name(s.field)}（力争）${NOT_REPORTED}`)
    else parts.push(`${name(s.field)}（力争）${done(s.field) ? `已完成${when(s.field)}` : '尚未完成'}`)
  }
  return parts.join('；')
}

/** '2020-06-30' → '6月30日' within the table's year, '2019年12月1日' outside it. */
function formatDate(s: string, year: number | undefined): string {
  const d = dayjs(s)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || !d.isValid()) return ''
  return d.year() === year ? d.format('M月D日') : d.format('YYYY年M月D日')
}
