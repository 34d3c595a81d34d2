import { checkFieldValue, fieldBounds, type Field, type FieldValueProblem } from '../../field'
import { extractQuantities, parseQuantity, type Quantity } from '../../quantity'
import { formatValue, plainNumber, quote } from '../format'
import { fail, normalize, ok, type Parsed } from './parsed'

/** Said for "nothing this period": a count of zero, not a skipped question. */
const NONE_WORDS = new Set(['没有', '无', '没', '一个也没有', '都没有'])

const PERCENT_UNITS = new Set(['%', '‰', '‱'])

export function exampleFor(field: Field): string {
  return field.kind === 'fraction' ? '50%' : `8${field.unit}`
}

/**
 * One figure from an answer: the whole text when it is a figure ("八",
 * "两千人次", "约1.5万"), else the only figure inside it ("大概8个吧").
 * Several figures without names are refused rather than guessed.
 */
export function readQuantity(text: string, field: Field): Parsed<Quantity> {
  const whole = parseQuantity(text)
  if (whole) return ok(whole)
  const found = extractQuantities(text)
  if (found.length === 1) return ok(found[0].unit === undefined ? { value: found[0].value } : { value: found[0].value, unit: found[0].unit })
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

/** A figure as the value its field stores, checked against the field's hard bounds. */
export function quantityToValue(field: Field, q: Quantity): Parsed<number> {
  const percent = q.unit !== undefined && PERCENT_UNITS.has(q.unit)
  let value = q.value
  if (field.kind === 'fraction') {
    if (!percent) value = asShare(value)
  } else if (percent) {
    return fail(`「${field.label}」要填${field.unit || '数字'}，不是百分比`)
  }
  const problem = checkFieldValue(field, value)
  return problem ? fail(problemText(field, problem)) : ok(value)
}

/** An answer to a number question, ready to store. */
export function readNumber(field: Field, text: string): Parsed<number> {
  if (NONE_WORDS.has(normalize(text))) return quantityToValue(field, { value: 0 })
  const q = readQuantity(text, field)
  return q.ok ? quantityToValue(field, q.value) : q
}
