import { checkFieldValue, fieldBounds, type FieldValueProblem } from './field'
import type { Figures } from './figures'
import { fieldByKey, isActiveIn, type Indicator } from './indicator'
import { periodType, periodYear } from './period'
import type { ReportDraft } from './report'

export interface DraftIssue {
  /** "values.canteens", "period", "dates.land_done"… */
  path: string
  message: string
}

export type DraftCheck = { ok: true; values: Figures } | { ok: false; issues: DraftIssue[] }

const unitOf = (u: string) => u || ''

function valueMessage(label: string, unit: string, problem: FieldValueProblem, min: number, max: number): string {
  switch (problem) {
    case 'not_number':
      return `${label}要填一个数字`
    case 'not_integer':
      return `${label}要填整数${unit ? `（单位：${unit}）` : ''}`
    case 'below_min':
      return `${label}不能小于${min}${unitOf(unit)}`
    case 'above_max':
      return `${label}不能大于${max}${unitOf(unit)}，请核对`
  }
}

/**
 * Checks a draft's content against its indicator, beyond the shape the
 * schema already checked: known fields, values within each field's bounds,
 * parts no larger than their wholes, step dates within reason. Fixed fields
 * are filled in here so no client can send another value for them.
 */
export function checkDraft(ind: Indicator, draft: ReportDraft, today: string): DraftCheck {
  const issues: DraftIssue[] = []
  if (periodType(draft.period) !== ind.period) {
    issues.push({ path: 'period', message: `这项指标按${{ month: '月', quarter: '季度', year: '年' }[ind.period]}填报` })
  } else if (!isActiveIn(ind, periodYear(draft.period))) {
    issues.push({ path: 'period', message: '这一期不需要填报这项指标' })
  }
  const values: Figures = {}
  for (const [key, value] of Object.entries(draft.values)) {
    const field = fieldByKey(ind, key)
    if (!field) {
      issues.push({ path: `values.${key}`, message: '没有这一项数据' })
      continue
    }
    if (field.fixed !== undefined) continue
    const problem = checkFieldValue(field, value)
    if (problem) {
      const b = fieldBounds(field)
      issues.push({ path: `values.${key}`, message: valueMessage(field.label, field.unit, problem, b.min, b.max) })
      continue
    }
    values[key] = value
  }
  for (const f of ind.fields) if (f.fixed !== undefined) values[f.key] = f.fixed
  for (const t of ind.targets) {
    if (t.kind !== 'percentage') continue
    const num = values[t.numerator]
    const den = values[t.denominator]
    if (num !== undefined && den !== undefined && num > den) {
      const nf = fieldByKey(ind, t.numerator)!
      const df = fieldByKey(ind, t.denominator)!
      issues.push({ path: `values.${t.numerator}`, message: `${nf.label}（${num}）不能多于${df.label}（${den}）` })
    }
  }
  // Milestone steps may have been done in earlier years, but not long ago.
  const earliest = `${periodYear(draft.period) - 5}-01-01`
  for (const [key, date] of Object.entries(draft.dates)) {
    const field = fieldByKey(ind, key)
    if (!field || field.kind !== 'step') issues.push({ path: `dates.${key}`, message: '只有进度节点可以填日期' })
    else if (date > today) issues.push({ path: `dates.${key}`, message: '完成日期不能晚于今天' })
    else if (date < earliest) {
      issues.push({ path: `dates.${key}`, message: '完成日期太早，请核对' })
    }
  }
  for (const key of Object.keys(draft.reasons)) {
    if (!fieldByKey(ind, key)) issues.push({ path: `reasons.${key}`, message: '没有这一项数据' })
  }
  for (const [i, e] of draft.evidence.entries()) {
    if (e.field !== undefined && !fieldByKey(ind, e.field)) issues.push({ path: `evidence.${i}.field`, message: '照片对应的这一项数据不存在' })
  }
  // 约 marks a figure that was given: an estimate of nothing is a mistake.
  for (const key of draft.approx ?? []) {
    if (values[key] === undefined) issues.push({ path: `approx.${key}`, message: '标了“约”的这一项没有填数' })
  }
  const typed = Object.keys(values).filter((k) => fieldByKey(ind, k)?.fixed === undefined)
  if (typed.length === 0 && draft.narrative.trim() === '') {
    issues.push({ path: 'values', message: '还没有填任何数据' })
  }
  return issues.length ? { ok: false, issues } : { ok: true, values }
}
