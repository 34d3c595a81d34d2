import type { Figure } from './figure'
import { isChineseDigit, isNumeralChar } from './numeral'

/**
 * Whether a figure read inside running text really is an amount. Reports
 * are full of numbers that are not: dates and date ranges, ordinals (第二),
 * enumeration markers (一是), names in quotes (“133”工程), document numbers
 * (〔2020〕66号) and words that merely contain a digit (一对一, 十三五).
 * A false figure costs more than a missed one, so every doubt rejects.
 */

/** Words that begin with a numeral and a measure word yet count nothing. */
const LEXICALIZED = [
  '一次性', '一起', '一条龙', '一家人', '一张网', '一张图', '一件事', '二次',
  '两个维护', '两个确立', '三个代表', '四个意识', '四个自信', '四个全面'
]

/** Before 一 these make a word (统一, 唯一, 逐一, 万一, 之一, 其一), not a count. */
const WORD_BEFORE_ONE = new Set([...'统唯同逐万单归专之其划合均'])

/** A bare number after these is a label (附件2, 表3, 序号1), not an amount. */
const LABELS = ['附件', '附表', '表', '图', '编号', '序号', '文号']

const DASHES = new Set([...'-－—–~～−'])

/** Between two numbers these make a date, a time, a fraction or a range: 2020.12.19, 8:30, 1/2, 4至8月. */
const JOINERS = new Set([...'/:：.．至到'])

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'], ['‘', '’'], ['《', '》'], ['「', '」'], ['『', '』'], ['〔', '〕'], ['【', '】'], ['[', ']'], ['〈', '〉'],
  ['"', '"']
]

export type Span = readonly [number, number]

/** Stretches inside quotes, titles and brackets: a number there names something. */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = []
  for (const [open, close] of QUOTE_PAIRS) {
    let openedAt = -1
    for (let i = 0; i < text.length; i++) {
      const ch = text.charAt(i)
      if (ch === close && openedAt >= 0) {
        spans.push([openedAt, i])
        openedAt = -1
      } else if (ch === open) {
        openedAt = i // a second opener means the first one was stray
      }
    }
  }
  return spans
}

export function isLexicalized(text: string, at: number): boolean {
  return LEXICALIZED.some((word) => text.startsWith(word, at))
}

/** The character before `at`, looking past a line-wrap gap. */
function previousChar(text: string, at: number): string {
  let j = at - 1
  while (j >= 0 && at - j <= 4 && /\s/.test(text.charAt(j))) j--
  return text.charAt(j)
}

/** Part of a longer run of digits or of a code: 十三五, 1万2, G20, 5G. */
function isGlued(text: string, f: Figure): boolean {
  const before = text.charAt(f.start - 1)
  const after = text.charAt(f.numeralEnd)
  return isNumeralChar(before) || /[A-Za-z_]/.test(before) || isNumeralChar(after) || /[A-Za-z_]/.test(after)
}

/**
 * One end of a range, or a piece of a date, time or code: 4-8月, 19日-21日,
 * 2020.12.19, 5人-8人, 100人至200人. `previous` is the figure read just
 * before this one, kept or not.
 */
function isJoined(text: string, f: Figure, previous: Figure | null): boolean {
  const joiner = text.charAt(f.start - 1)
  const beforeJoiner = text.charAt(f.start - 2)
  if (previous && previous.end === f.start - 1 && (DASHES.has(joiner) || JOINERS.has(joiner))) return true
  // A dash that was a sign belongs to the figure, so a dash still outside it joins.
  if (DASHES.has(joiner) && beforeJoiner !== '' && !/\s/.test(beforeJoiner)) return true
  if (JOINERS.has(joiner) && (isNumeralChar(beforeJoiner) || /[A-Za-z%％年月日号时]/.test(beforeJoiner))) return true

  const next = text.charAt(f.numeralEnd)
  if ((DASHES.has(next) || JOINERS.has(next)) && isNumeralChar(text.charAt(f.numeralEnd + 1))) return true
  const afterUnit = text.charAt(f.end)
  const rangeAfterUnit = DASHES.has(afterUnit) || afterUnit === '至' || afterUnit === '到'
  return f.end > f.numeralEnd && rangeAfterUnit && isNumeralChar(text.charAt(f.end + 1))
}

/** 第二, 每千名, and for Chinese digits 初一, 周三. */
function hasOrdinalBefore(text: string, f: Figure): boolean {
  const before = previousChar(text, f.start)
  if (before === '第' || before === '每') return true
  const weekday = text.endsWith('星期', f.start) || text.endsWith('礼拜', f.start)
  return f.chinese && !f.percentWord && (before === '初' || before === '周' || weekday)
}

/**
 * 一项目标, 一次性, 一对一, 统一千名, 一人一档: Chinese digits that belong to a
 * word. A lone 一 before a measure word is nearly always the article "a"
 * (十三五规划的一项目标任务), so prose never takes it as a count.
 */
function isInWord(text: string, f: Figure): boolean {
  if (text.slice(f.numeralStart, f.numeralEnd) === '一') return true
  if (isLexicalized(text, f.numeralStart)) return true
  if (text.charAt(f.numeralStart) === '一' && WORD_BEFORE_ONE.has(text.charAt(f.numeralStart - 1))) return true
  return isChineseDigit(text.charAt(f.end))
}

/** A bare number that numbers or names rather than counts: 1、 (2) 附件2 9点30分 13800138000 007. */
function isMarkerOrCode(text: string, f: Figure): boolean {
  const after = text.charAt(f.numeralEnd)
  if (after === '、' || after === '.' || after === '．') return true
  if (/[点时]/.test(text.charAt(f.start - 1))) return true
  if (/[(（]/.test(text.charAt(f.start - 1)) && /[)）]/.test(after)) return true
  if (LABELS.some((label) => text.endsWith(label, f.start))) return true
  const written = text.slice(f.numeralStart, f.numeralEnd)
  return /^\d{11,}$/.test(written) || /^0\d/.test(written)
}

export function isAmountInProse(text: string, f: Figure, previous: Figure | null, quoted: readonly Span[]): boolean {
  if (f.pointFollows) return false
  if (quoted.some(([open, close]) => f.start > open && f.start < close)) return false
  const bare = f.unit === undefined
  // 一是, 十佳, 三助一护, 两委: alone, Chinese digits are mostly words.
  if (f.chinese && bare) return false
  if (isGlued(text, f) || isJoined(text, f, previous) || hasOrdinalBefore(text, f)) return false
  if (f.chinese && !f.percentWord && isInWord(text, f)) return false
  return !(bare && isMarkerOrCode(text, f))
}
