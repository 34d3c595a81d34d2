import { type Figure, readFigure } from './quantity/figure'
import { isAmountInProse, isLexicalized, quotedSpans } from './quantity/prose'

/**
 * Figures in what staff type or paste: a single answer ("约2000人次",
 * "7907.94万元", "百分之二十") or every figure in a sentence of a report.
 *
 * Conventions, so figures from different writers add up:
 * - 万 and 亿 are folded into the value: 15.59万 is 155900, 7907.94万元 is
 *   79079400 元.
 * - Percent and per-mille forms give the fraction: 20% and 百分之二十 are
 *   0.2 with unit "%"; 千分之三 is 0.003 "‰"; 万分之五 is 0.0005 "‱".
 * - The unit is the measure word as written (人次, 户, 张, 天 …; 平米 and ㎡
 *   become 平方米), or a noun reports use as one after Arabic digits (136社区).
 *   Durations (三天, 一个月) are figures; dates (2020年, 12月19日) are not.
 */

export interface Quantity {
  value: number
  unit?: string
}

export interface QuantityMatch extends Quantity {
  /** Position in the input; `end` is exclusive, `text` is input.slice(start, end). */
  start: number
  end: number
  text: string
}

/** Words around a lone figure that leave what it counts unchanged; longest first. */
const LEADING_FILLERS = ['大约', '一共', '总共', '共计', '共有', '合计', '累计', '总计', '约', '共', '近']
const TRAILING_FILLERS = ['以上', '以下', '左右', '上下', '之多', '余', '多']

function stripFillers(text: string): string {
  let rest = text.trim()
  for (let changed = true; changed; ) {
    changed = false
    const lead = LEADING_FILLERS.find((w) => rest.startsWith(w))
    if (lead !== undefined) {
      rest = rest.slice(lead.length).trim()
      changed = true
    }
    const trail = TRAILING_FILLERS.find((w) => rest.endsWith(w))
    if (trail !== undefined) {
      rest = rest.slice(0, rest.length - trail.length).trim()
      changed = true
    }
  }
  return rest
}

function toQuantity(figure: Figure): Quantity {
  return figure.unit === undefined ? { value: figure.value } : { value: figure.value, unit: figure.unit }
}

/**
 * The figure when the whole input is exactly one, allowing light filler
 * (约, 共, 合计, 累计, 以上, 左右, 余); null for anything else, dates and
 * ordinals included.
 */
export function parseQuantity(text: string): Quantity | null {
  const input = stripFillers(text)
  const figure = input === '' ? null : readFigure(input, 0)
  if (!figure || figure.pointFollows || figure.end !== input.length) return null
  if (figure.chinese && isLexicalized(input, figure.numeralStart)) return null
  return toQuantity(figure)
}

/** Every figure in a sentence, in order, skipping numbers that are not amounts. */
export function extractQuantities(text: string): QuantityMatch[] {
  const quoted = quotedSpans(text)
  const found: QuantityMatch[] = []
  let previous: Figure | null = null
  let at = 0
  while (at < text.length) {
    const figure = readFigure(text, at)
    if (!figure) {
      at++
      continue
    }
    if (isAmountInProse(text, figure, previous, quoted)) {
      found.push({ ...toQuantity(figure), start: figure.start, end: figure.end, text: text.slice(figure.start, figure.end) })
    }
    previous = figure
    // Resume after the whole figure, so 15.59万 is never read again as 5.59万.
    at = figure.end
  }
  return found
}
