import type { Field } from '../field'
import type { Indicator } from '../indicator'
import { quantityToValue } from './answers/number'
import { labelledFigures } from './match'
import { numberFields } from './slots'

/**
 * The quick check-in: a message like "床位 9133" or "培训 300人次" typed on
 * the home screen is matched to one figure of one indicator the worker may
 * report, and the page jumps to a confirm card for it.
 */
export interface CheckinMatch {
  indicator: Indicator
  field: Field
  value: number
  /** Said as an estimate ("培训约300人次"). */
  approx: boolean
}

interface Candidate extends CheckinMatch {
  score: number
}

/**
 * The best match, or null when the message names no figure, names several,
 * holds a value its field refuses, or fits two fields equally well (asking
 * is better than guessing). A field's own label beats an alias, a longer
 * name beats a shorter one, and a matching unit breaks what is left.
 */
export function quickCheckin(text: string, indicators: Indicator[]): CheckinMatch | null {
  const candidates: Candidate[] = []
  for (const indicator of indicators) {
    const { labelled, unlabelled } = labelledFigures(text, numberFields(indicator))
    if (labelled.length !== 1 || unlabelled.length) continue
    const [l] = labelled
    const value = quantityToValue(l.field, l.quantity)
    if (!value.ok) continue
    const unitFits = l.quantity.unit !== undefined && l.quantity.unit === l.field.unit
    candidates.push({ indicator, field: l.field, value: value.value, approx: l.quantity.approx === true, score: (l.byLabel ? 1000 : 0) + l.termLength * 10 + (unitFits ? 1 : 0) })
  }
  candidates.sort((a, b) => b.score - a.score)
  const [best, second] = candidates
  if (!best || (second && second.score === best.score)) return null
  return { indicator: best.indicator, field: best.field, value: best.value, approx: best.approx }
}
