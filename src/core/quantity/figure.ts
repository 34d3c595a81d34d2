import { isNumeralChar, readNumeral } from './numeral'
import { endsWithUnitOrPoint, matchUnit, PERCENT_SIGNS, PERCENT_WORDS, startsWithPointMarker } from './unit'

/**
 * One figure as written at a position: sign, number, and what follows it
 * (a unit, a percent sign, or a date or address marker). Whether the
 * sentence around makes it a real amount is ./prose's question.
 */
export interface Figure {
  /** Where the figure starts, sign or 百分之 included. */
  start: number
  numeralStart: number
  numeralEnd: number
  /** Past the unit or percent sign when there is one. */
  end: number
  value: number
  unit?: string
  /** Written with Chinese digits, so possibly part of an ordinary word. */
  chinese: boolean
  /** Written as 百分之…, 千分之…, 万分之…: unambiguous even in Chinese digits. */
  percentWord: boolean
  /** Followed by 年, 月, 日, 楼 …: a point in time or space, not an amount. */
  pointFollows: boolean
  /** Written with 余, 多 or 来 before its unit (100余人, 二十来个): about that many. */
  approx?: true
}

/** Line-wrapped dumps put spaces or a line break between a number and its unit ("7795  张"). */
const MAX_GAP = 4

export function skipGap(text: string, at: number): number {
  let j = at
  while (j - at < MAX_GAP && /\s/.test(text.charAt(j))) j++
  return j
}

const MINUS = new Set(['-', '－', '−'])

/**
 * A dash is a sign only where a new figure may begin: at the start, after a
 * space, an opening or separating mark, or a word (温差为-5, 亏损-3.5万元).
 * After a digit, a unit, a date or a letter it joins two things
 * (4-8月, 19日-21日, 5人-8人, COVID-19).
 */
function minusIsSign(text: string, at: number): boolean {
  const before = text.charAt(at - 1)
  if (before === '' || /[\s，,、；;：:（(“‘《【[=＝]/.test(before)) return true
  return /[\u4e00-\u9fff]/.test(before) && !isNumeralChar(before) && !endsWithUnitOrPoint(text, at)
}

/** Decimal arithmetic in binary floats leaves dust (15.59 × 10000 = 155900.00000000003). */
function tidy(x: number): number {
  const rounded = Number(x.toPrecision(15))
  return rounded === 0 ? 0 : rounded // no -0
}

interface Suffix {
  unit?: string
  multiplier: number
  end: number
  approx: boolean
}

/** 100余人, 一百多人, 二十来个: the number named, give or take. */
const APPROX_MARKS = new Set(['余', '多', '来'])

const MAGNITUDES = new Map([['万', 1e4], ['亿', 1e8]])

/**
 * What follows a number: its unit, possibly after 余 / 多 (100余人, 10余万元),
 * and a 万 or 亿 the numeral reader could not take because a line wrap or
 * 余 stood between ("35.57\n万元").
 */
function readSuffix(text: string, from: number, chinese: boolean): Suffix | null {
  let at = skipGap(text, from)
  const direct = matchUnit(text, at, chinese)
  if (direct) return { ...direct, multiplier: 1, approx: false }
  const approximate = APPROX_MARKS.has(text.charAt(at))
  if (approximate) at++
  const magnitude = at > from ? MAGNITUDES.get(text.charAt(at)) : undefined
  if (magnitude !== undefined) at++
  if (!approximate && magnitude === undefined) return null
  const unit = matchUnit(text, skipGap(text, at), chinese)
  if (unit) return { ...unit, multiplier: magnitude ?? 1, approx: approximate }
  // Without a unit a magnitude still belongs to the value; a lone 余 does not.
  return magnitude === undefined ? null : { multiplier: magnitude, end: at, approx: approximate }
}

function readPercentWord(text: string, start: number, at: number, sign: number): Figure | null {
  const form = PERCENT_WORDS.find((p) => text.startsWith(p.word, at))
  if (!form) return null
  const from = at + form.word.length
  // 百分之百 has no digit before its unit, the only place a bare 百 is a number.
  const whole = form.divisor === 100 && text.charAt(from) === '百' ? { value: 100, end: from + 1 } : null
  const numeral = readNumeral(text, from) ?? whole
  if (!numeral) return null
  return {
    start,
    numeralStart: from,
    numeralEnd: numeral.end,
    end: numeral.end,
    value: tidy((sign * numeral.value) / form.divisor),
    unit: form.unit,
    chinese: true,
    percentWord: true,
    pointFollows: false
  }
}

export function readFigure(text: string, start: number): Figure | null {
  let at = start
  let sign = 1
  const first = text.charAt(at)
  if ((MINUS.has(first) && minusIsSign(text, at)) || first === '负') {
    sign = -1
    at++
  }

  const percentWord = readPercentWord(text, start, at, sign)
  if (percentWord) return percentWord

  const numeral = readNumeral(text, at)
  if (!numeral || !Number.isFinite(numeral.value)) return null
  const figure: Figure = {
    start,
    numeralStart: at,
    numeralEnd: numeral.end,
    end: numeral.end,
    value: tidy(sign * numeral.value),
    chinese: numeral.chinese,
    percentWord: false,
    pointFollows: false
  }

  const next = skipGap(text, numeral.end)
  if (startsWithPointMarker(text, next, numeral.chinese)) return { ...figure, pointFollows: true }

  const percent = PERCENT_SIGNS.get(text.charAt(next))
  if (percent) return { ...figure, end: next + 1, value: tidy((sign * numeral.value) / percent.divisor), unit: percent.unit }

  const suffix = readSuffix(text, numeral.end, numeral.chinese)
  if (!suffix) return figure
  const value = tidy(sign * numeral.value * suffix.multiplier)
  if (!Number.isFinite(value)) return null
  const extended: Figure = { ...figure, end: suffix.end, value, ...(suffix.approx ? { approx: true as const } : {}) }
  return suffix.unit === undefined ? extended : { ...extended, unit: suffix.unit }
}
