import { checkFieldValue, fieldBounds, type Field, type FieldValueProblem } from '../../field'
import { extractQuantities, isFigure, isRange, isSkip, parseQuantity, type Quantity, type QuantityRange } from '../../quantity'
import { unitFits } from '../../unitSynonyms'
import { formatValue, plainNumber, quote } from '../format'
import { fail, ok, type Parsed } from './parsed'

const PERCENT_UNITS = new Set(['%', '‰', '‱'])

export function exampleFor(field: Field): string {
  return field.kind === 'fraction' ? '50%' : `8${field.unit}`
}

/** What an answer to a number question says: a figure, a span to pick from, or "not yet". */
export type NumberReading =
  | { kind: 'figure'; quantity: Quantity }
  | { kind: 'range'; range: QuantityRange }
  | { kind: 'skip' }

/**
 * One figure from an answer: the whole text when it is a figure ("八",
 * "两千人次", "约1.5万", "七八个"), else the only figure inside it
 * ("大概8个吧"). Several figures without names are refused rather than guessed.
 */
export function readQuantity(text: string, field: Field): Parsed<NumberReading> {
  const whole = parseQuantity(text)
  if (isFigure(whole)) return ok({ kind: 'figure', quantity: whole })
  if (isRange(whole)) return ok({ kind: 'range', range: whole })
  if (isSkip(whole)) return ok({ kind: 'skip' })
  const found = extractQuantities(text)
  if (found.length === 1) {
    const { start: _s, end: _e, text: _t, ...quantity } = found[0]
    return ok({ kind: 'figure', quantity })
  }
  if (found.length > 1) return fail('一次只能填一个数。要一起填几项，请写上名称，如“网点2个，食堂1个”')
  return fail(`没看懂${quote(text)}，请填一个数，如“${exampleFor(field)}”`)
}

/**
 * A bare number for a share. Decision: a whole number is percent points
 * ("50" → 50%, "1" → 1%), a decimal below 1 is the share itself ("0.5" →
 * 50%), and any other decimal is percent points ("12.5" → 12.5%). Workers
 * type "50" far more often than "0.5", and the question shows "如 50%".
 */
export function asShare(x: number): number {
  return Number.isInteger(x) || x >= 1 ? Number((x / 100).toPrecision(12)) : x
}

export function problemText(field: Field, problem: FieldValueProblem): string {
  const b = fieldBounds(field)
  switch (problem) {
    case 'not_number':
      return `「${field.label}」要填数字`
    case 'not_integer':
      return `「${field.label}」要填整数，不能有小数`
    case 'below_min':
      return b.min === 0 ? `「${field.label}」不能是负数` : `「${field.label}」不能小于${plainNumber(b.min)}`
    case 'above_max':
      return `「${field.label}」最多${formatValue(field, b.max)}，请核对`
  }
}

/**
 * A figure as the value its field stores, checked against the field's hard
 * bounds and its unit: 300户 is no answer to a 人次 question, so it is asked
 * about rather than stored.
 */
export function quantityToValue(field: Field, q: Quantity): Parsed<number> {
  const percent = q.unit !== undefined && PERCENT_UNITS.has(q.unit)
  let value = q.value
  if (field.kind === 'fraction') {
    if (q.unit !== undefined && !percent) return fail(`「${field.label}」要填百分比，如“50%”`)
    if (!percent) value = asShare(value)
  } else if (percent) {
    return fail(`「${field.label}」要填${field.unit || '数字'}，不是百分比`)
  } else if (!unitFits(field, q.unit)) {
    return fail(`「${field.label}」按“${field.unit}”算，“${plainNumber(q.value)}${q.unit}”是多少${field.unit}？请填${field.unit}数`)
  }
  const problem = checkFieldValue(field, value)
  return problem ? fail(problemText(field, problem)) : ok(value)
}

/** The question back for a span: which of the two, or a number in between. */
export function rangeQuestion(field: Field, r: QuantityRange): string {
  const [lo, hi] = r.range
  const unit = field.kind === 'fraction' ? '' : field.unit
  return `“${plainNumber(lo)}到${plainNumber(hi)}${unit}”是个范围，「${field.label}」要填一个数。是多少？大概的也行，如“约${plainNumber(hi)}${unit}”`
}

/** An answer to a number question as one storable value; spans and "not yet" are refused. */
export function readNumber(field: Field, text: string): Parsed<number> {
  const read = readQuantity(text, field)
  if (!read.ok) return read
  if (read.value.kind === 'range') return fail(rangeQuestion(field, read.value.range))
  if (read.value.kind === 'skip') return fail(`「${field.label}」还没有数，可以点“跳过”`)
  return quantityToValue(field, read.value.quantity)
}
