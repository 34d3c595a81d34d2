import type { Figures } from '../figures'
import { fieldByKey, type Indicator } from '../indicator'
import { formatValue, plainNumber } from './format'

/**
 * Soft warnings: a figure that is allowed but looks like a typo. The worker
 * may keep it by giving a reason (stored beside it for the reviewer) or say
 * 改一下. The thresholds are deliberately loose, so a warning is rare and
 * worth reading.
 */
export const FAR_ABOVE = 3

/**
 * What looks off about `values[key]`, one sentence per finding; empty when
 * nothing does. `previous` is last period's values.
 */
export function softWarnings(ind: Indicator, values: Figures, key: string, previous: Figures = {}): string[] {
  const field = fieldByKey(ind, key)
  const value = values[key]
  if (!field || value === undefined) return []
  const found: string[] = []
  const countable = field.kind === 'count' || field.kind === 'amount'
  for (const t of ind.targets) {
    // A single period's figure beyond three times the whole year's target.
    if (t.kind === 'count' && t.field === key && value > FAR_ABOVE * t.min) {
      found.push(`比全年目标（${formatValue(field, t.min)}）的${FAR_ABOVE}倍还多`)
    }
    // A rate far beyond its target usually means a mistyped whole (老人数少写了位数).
    if (t.kind === 'rate' && (t.numerator === key || t.denominator === key)) {
      const num = values[t.numerator]
      const den = values[t.denominator]
      if (num !== undefined && den !== undefined && den > 0 && (num / den) * t.scale > FAR_ABOVE * t.min) {
        found.push(`算下来“${t.label}”达到${plainNumber((num / den) * t.scale)}，超过目标${FAR_ABOVE}倍，请核对两个数`)
      }
    }
  }
  const before = previous[key]
  if (before !== undefined) {
    // A running total or a stock does not shrink: a fall is usually a typo.
    if (ind.accumulation === 'cumulative' && value < before) {
      found.push(
        field.kind === 'step' || field.kind === 'flag'
          ? `上期是“${formatValue(field, before)}”，做过的一般不会退回`
          : `比上期（${formatValue(field, before)}）少了，累计数一般只增不减`
      )
    }
    if (countable && before > 0 && value > FAR_ABOVE * before) {
      found.push(`是上期（${formatValue(field, before)}）的${plainNumber(Math.round((value / before) * 10) / 10)}倍`)
    }
  }
  return found
}
