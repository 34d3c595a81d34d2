import { formatRate, type TargetCompletion } from './completion'
import type { Indicator } from './indicator'
import { isShareCeiling, type CeilingTarget } from './target'
import { formatNumber, formatOneDecimal } from './table/text'

const SCALE_WORD: Record<number, string> = { 10: '十', 100: '百', 1000: '千', 10000: '万' }

function unitOf(ind: Indicator | undefined, key: string): string {
  return ind?.fields.find((f) => f.key === key)?.unit ?? ''
}

function percent(fraction: number): string {
  return `${formatOneDecimal(fraction * 100)}%`
}

/**
 * What a target stands at, in its own terms: "8个", "每千人58.6张", "85%",
 * "完成2/3步", "达标". Unknown is "未填报" (a reviewer's judgement not yet
 * given: "待评定"), never 0. `ind` supplies units and scales; without it
 * the bare figure is shown.
 */
export function actualText(t: TargetCompletion, ind?: Indicator): string {
  if (t.actual === null) return t.kind === 'qualitative' ? '待评定' : '未填报'
  const def = ind?.targets.find((d) => d.id === t.targetId)
  switch (t.kind) {
    case 'count':
      return `${formatNumber(t.actual)}${def?.kind === 'count' ? unitOf(ind, def.field) : ''}`
    case 'rate': {
      if (def?.kind !== 'rate') return formatOneDecimal(t.actual)
      const per = SCALE_WORD[def.scale] ?? String(def.scale)
      return `每${per}${unitOf(ind, def.denominator)}${formatOneDecimal(t.actual)}${unitOf(ind, def.numerator)}`
    }
    case 'percentage':
    case 'progress':
      return percent(t.actual)
    case 'milestone': {
      const extra = t.stretch && t.stretch.done > 0 ? `，争取项${t.stretch.done}/${t.stretch.total}` : ''
      return `完成${formatNumber(t.actual)}/${formatNumber(t.required)}步${extra}`
    }
    case 'ceiling':
      return def?.kind === 'ceiling' ? ceilingFigure(def, t.actual, ind) : formatNumber(t.actual)
    case 'qualitative':
      if (t.actual >= 1) return '达标'
      if (t.actual <= 0) return '未达标'
      return t.actual === 0.5 ? '基本达标' : `达标${formatRate(t.actual)}%`
  }
}

/** Over-achievement as the raw ratio, "117%"; null when not over. */
export function overText(t: TargetCompletion): string | null {
  return t.ratio !== null && t.ratio > 1 + 1e-9 ? `${formatRate(t.ratio)}%` : null
}

/** Whether a ceiling's value reads as a percent: a share, or a `fraction` field. */
function ceilingInPercent(t: CeilingTarget, ind?: Indicator): boolean {
  return isShareCeiling(t) || ind?.fields.find((f) => f.key === t.field)?.kind === 'fraction'
}

/** A ceiling's value (or its `max`) in its own terms: "12个工作日", "0.8%". */
export function ceilingFigure(t: CeilingTarget, value: number, ind?: Indicator): string {
  return ceilingInPercent(t, ind) ? percent(value) : `${formatNumber(value)}${unitOf(ind, t.field!)}`
}

/**
 * How the 自查表 words a ceiling against its value: "控制在15个工作日以内"
 * when within, "超过上限15个工作日" when not; the bare "不超过15个工作日"
 * when the value is unknown.
 */
export function ceilingWording(t: CeilingTarget, value: number | null, ind?: Indicator): string {
  const max = ceilingFigure(t, t.max, ind)
  if (value === null) return `不超过${max}`
  return value <= t.max + 1e-9 ? `控制在${max}以内` : `超过上限${max}`
}
