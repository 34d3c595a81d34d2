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
  /** Said as an estimate (约, 大概, 左右, 200多, 二十来个): the number it names, marked. */
  approx?: true
}

/** 20到25个, 七八个, 四五百, 五十几个: never one number; the asker must pick. */
export interface QuantityRange {
  range: [number, number]
  unit?: string
}

/** 还没统计, 不清楚: no figure yet; the question is skipped, not answered 0. */
export interface QuantitySkip {
  skip: true
}

/** What one whole answer says about an amount. */
export type QuantityReading = Quantity | QuantityRange | QuantitySkip

export function isFigure(q: QuantityReading | null): q is Quantity {
  return q !== null && 'value' in q
}

export function isRange(q: QuantityReading | null): q is QuantityRange {
  return q !== null && 'range' in q
}

export function isSkip(q: QuantityReading | null): q is QuantitySkip {
  return q !== null && 'skip' in q
}

export interface QuantityMatch extends Quantity {
  /** Position in the input; `end` is exclusive, `text` is input.slice(start, end). */
  start: number
  end: number
  text: string
}

/**
 * Words around a lone figure that leave what it counts unchanged; longest
 * first. The approximate ones mark the figure, the others are just talk.
 */
const EXACT_LEADING = ['这个月', '这一期', '这季度', '本季度', '本月', '本期', '这期', '今年', '一共是', '一共有', '总共有', '一共', '总共', '共计', '共有', '合计', '累计', '总计', '应该是', '就是', '是', '有', '共', '为']
const APPROX_LEADING = ['大概有', '大约有', '差不多有', '估计有', '大概是', '大约是', '大概', '大约', '差不多', '将近', '接近', '估计', '大致', '约莫', '约', '近']
const EXACT_TRAILING = ['吧', '呢', '啊', '呀', '的样子']
const APPROX_TRAILING = ['以上', '以下', '左右', '上下', '之多', '出头', '不到', '余', '多', '来']
const LEADING = [...EXACT_LEADING.map((w) => ({ w, approx: false })), ...APPROX_LEADING.map((w) => ({ w, approx: true }))].sort((a, b) => b.w.length - a.w.length)
const TRAILING = [...EXACT_TRAILING.map((w) => ({ w, approx: false })), ...APPROX_TRAILING.map((w) => ({ w, approx: true }))].sort((a, b) => b.w.length - a.w.length)

/** Whole answers that mean "none this period": 0 where 0 is allowed. */
const NONE_WORDS = new Set(['没有', '无', '没', '零', '一个都没有', '一个也没有', '一个没有', '都没有', '一个都没', '一个也没', '一件都没有', '一次都没有', '一次也没有', '一人都没有', '一个人都没有', '暂无', '没有的'])

/** Whole answers that mean "no figure yet": the question is skipped. */
export const SKIP_WORDS: readonly string[] = ['还没统计', '没统计', '还没统计完', '没统计完', '还在统计', '待统计', '不清楚', '不知道', '不太清楚', '不记得', '不记得了', '记不清', '记不清了', '说不好', '说不清', '暂无数据', '还不知道', '回头再报']

/** Stray end punctuation and spaces; none of it changes the amount. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[。．！!？?~～、，,；;…]+$/, '').trim()
}

function stripFillers(text: string): { rest: string; approx: boolean } {
  let rest = text.trim()
  let approx = false
  for (let changed = true; changed; ) {
    changed = false
    const lead = LEADING.find(({ w }) => rest.startsWith(w) && rest.length > w.length)
    if (lead !== undefined) {
      rest = rest.slice(lead.w.length).trim()
      approx ||= lead.approx
      changed = true
    }
    const trail = TRAILING.find(({ w }) => rest.endsWith(w) && rest.length > w.length)
    if (trail !== undefined) {
      rest = rest.slice(0, rest.length - trail.w.length).trim()
      approx ||= trail.approx
      changed = true
    }
  }
  return { rest, approx }
}

function toQuantity(figure: Figure): Quantity {
  const q: Quantity = figure.unit === undefined ? { value: figure.value } : { value: figure.value, unit: figure.unit }
  if (figure.approx) q.approx = true
  return q
}

/** 2.4w, 8k, 3K人: the shorthand of people who type numbers all day. */
function expandLatinMagnitudes(text: string): string {
  return text.replace(/(\d(?:\.\d+)?)\s*([wWkK])(?![A-Za-z])/g, (_m, n: string, m: string) => `${n}${m === 'w' || m === 'W' ? '万' : '千'}`)
}

/** One figure that is the whole input, with no filler around it. */
function exactFigure(input: string): Quantity | null {
  const figure = input === '' ? null : readFigure(input, 0)
  if (!figure || figure.pointFollows || figure.end !== input.length) return null
  if (figure.chinese && isLexicalized(input, figure.numeralStart)) return null
  return toQuantity(figure)
}

const TENTH_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 }

/** 六成 is 60%, 八成五 85%, 十成 100%, 一半 50%. */
function readTenths(input: string): Quantity | null {
  if (input === '一半') return { value: 0.5, unit: '%' }
  const m = /^([一二两三四五六七八九十1-9])成([一二三四五六七八九1-9])?$/.exec(input)
  if (!m) return null
  const digit = (c: string): number => TENTH_DIGITS[c] ?? Number(c)
  const tenths = digit(m[1]) + (m[2] ? digit(m[2]) / 10 : 0)
  return tenths > 10 ? null : { value: Number((tenths / 10).toPrecision(12)), unit: '%' }
}

const RANGE_JOINERS = /^(.+?)(?:到|至|-|－|~|～|—|–)(.+)$/
const CHINESE_ONES = '一二三四五六七八九'

function asRange(lo: Quantity, hi: Quantity): QuantityRange | null {
  if (lo.unit !== undefined && hi.unit !== undefined && lo.unit !== hi.unit) return null
  if (!(lo.value < hi.value)) return null
  const unit = hi.unit ?? lo.unit
  return unit === undefined ? { range: [lo.value, hi.value] } : { range: [lo.value, hi.value], unit }
}

/**
 * 20到25个, 20-25, 七八个, 两三个, 四五百, 十七八个, 五十几个, 十几个, 几百:
 * a span, never one number.
 */
function readRange(input: string): QuantityRange | null {
  const joined = RANGE_JOINERS.exec(input)
  if (joined) {
    const hi = exactFigure(joined[2])
    // 20到25个 writes the unit once, at the end; 2到3万 the magnitude too.
    const tail = /^[\d.]+(.*)$/.exec(joined[2])?.[1] ?? ''
    const widened = /^[\d.]+$/.test(joined[1]) && tail ? exactFigure(joined[1] + tail) : null
    const lo = widened && hi && widened.value < hi.value ? widened : exactFigure(joined[1])
    const range = lo && hi ? asRange(lo, hi) : null
    if (range) return range
  }
  // Two neighbouring digits (七八, 两三, 三五): the first one and the second one.
  for (let i = 0; i + 1 < input.length; i++) {
    const a = input.charAt(i) === '两' ? 2 : CHINESE_ONES.indexOf(input.charAt(i)) + 1
    const b = input.charAt(i + 1) === '两' ? 2 : CHINESE_ONES.indexOf(input.charAt(i + 1)) + 1
    // 三五个 means a few; inside 十三五 it is a name, so only at the start.
    if (a <= 0 || b <= 0 || !(b === a + 1 || (a === 3 && b === 5 && i === 0))) continue
    const lo = exactFigure(input.slice(0, i + 1) + input.slice(i + 2))
    const hi = exactFigure(input.slice(0, i) + input.slice(i + 1))
    if (lo && hi) return asRange(lo, hi)
  }
  // 几 stands for any digit: 十几 is 11–19, 几十 is 10–90, 五十几个 51–59.
  const ji = input.indexOf('几')
  if (ji >= 0 && input.indexOf('几', ji + 1) < 0) {
    const lo = exactFigure(input.slice(0, ji) + '一' + input.slice(ji + 1))
    const hi = exactFigure(input.slice(0, ji) + '九' + input.slice(ji + 1))
    if (lo && hi) return asRange(lo, hi)
  }
  return null
}

/**
 * What a whole answer says about an amount, or null when it says none:
 * - one figure, allowing light filler (共, 合计, 累计 …) and estimates
 *   (约, 大概, 左右, 差不多, 将近, 出头, N来, N多, N余), which are marked `approx`;
 * - shorthand (4千2, 2.4w, 8k, 两万六, 零点六万) and tenths (六成, 八成五);
 * - a span (20到25个, 七八个, 五十几个) as `range`, never one number;
 * - 没有, 无, 一个都没有 as 0, and 还没统计, 不清楚 as `skip`.
 * Dates, ordinals and words that merely hold a digit give null.
 */
export function parseQuantity(text: string): QuantityReading | null {
  const cleaned = clean(text)
  if (SKIP_WORDS.includes(cleaned)) return { skip: true }
  if (NONE_WORDS.has(cleaned)) return { value: 0 }
  const { rest, approx } = stripFillers(expandLatinMagnitudes(cleaned))
  const figure = exactFigure(rest) ?? readTenths(rest)
  if (figure) return approx ? { ...figure, approx: true } : figure
  const range = readRange(rest)
  if (range) return range
  if (NONE_WORDS.has(rest)) return { value: 0 }
  return null
}

/** The figure when the whole input is exactly one number; null for ranges and skips too. */
export function parseFigure(text: string): Quantity | null {
  const q = parseQuantity(text)
  return isFigure(q) ? q : null
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
      const q = toQuantity(figure)
      if (saidAsEstimate(text, figure.start, figure.end)) q.approx = true
      found.push({ ...q, start: figure.start, end: figure.end, text: text.slice(figure.start, figure.end) })
    }
    previous = figure
    // Resume after the whole figure, so 15.59万 is never read again as 5.59万.
    at = figure.end
  }
  return found
}

/** 约100人, 大概8个, 300人左右: an estimate word right before or after a figure in a sentence. */
function saidAsEstimate(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 3), start)
  const after = text.slice(end, end + 2)
  return APPROX_LEADING.some((w) => before.endsWith(w)) || APPROX_TRAILING.some((w) => after.startsWith(w))
}
