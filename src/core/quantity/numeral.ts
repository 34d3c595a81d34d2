/**
 * Reads one numeral where it starts: Arabic ("9,133", "１２３", "15.59"),
 * Chinese ("一百零五", "三千五", "壹佰贰拾叁", "二〇二〇") or a mix of both
 * ("1.5万", "3千", "1万2千"). It knows nothing about units or about the
 * sentence around it; it only says which number is written and where it stops.
 */

export interface Numeral {
  value: number
  /** Index just past the last character read. */
  end: number
  /** Written with at least one Chinese digit: such numerals are common inside
   * ordinary words (一些, 十佳, 三助一护), so callers trust them less. */
  chinese: boolean
}

const CHINESE_DIGITS = new Map<string, number>([
  ['零', 0], ['〇', 0], ['○', 0],
  ['一', 1], ['壹', 1],
  ['二', 2], ['贰', 2], ['貳', 2], ['两', 2], ['兩', 2],
  ['三', 3], ['叁', 3], ['參', 3],
  ['四', 4], ['肆', 4],
  ['五', 5], ['伍', 5],
  ['六', 6], ['陆', 6], ['陸', 6],
  ['七', 7], ['柒', 7],
  ['八', 8], ['捌', 8],
  ['九', 9], ['玖', 9]
])

/** Units inside a 万 section. */
const SMALL_UNITS = new Map<string, number>([
  ['十', 10], ['拾', 10], ['百', 100], ['佰', 100], ['千', 1000], ['仟', 1000]
])

const BIG_UNITS = new Map<string, number>([['万', 1e4], ['萬', 1e4], ['亿', 1e8], ['億', 1e8]])

const SMALL_OR_BIG = new Set([...SMALL_UNITS.keys(), ...BIG_UNITS.keys()])

/** 两 means 2 before a unit but never appears in a digit-by-digit string. */
const POSITIONAL_ONLY = new Set(['两', '兩'])

export function arabicDigit(ch: string): number | undefined {
  const code = ch.charCodeAt(0)
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0xff10 && code <= 0xff19) return code - 0xff10 // full-width １２３
  return undefined
}

export function isChineseDigit(ch: string): boolean {
  return CHINESE_DIGITS.has(ch)
}

/** Any character that can be part of a numeral, Arabic or Chinese. */
export function isNumeralChar(ch: string): boolean {
  return arabicDigit(ch) !== undefined || CHINESE_DIGITS.has(ch) || SMALL_UNITS.has(ch) || BIG_UNITS.has(ch)
}

/** Three digits starting at `at` and no fourth: what may follow a thousands separator. */
function digitGroup(text: string, at: number): string | null {
  let group = ''
  for (let k = at; k < at + 3; k++) {
    const d = arabicDigit(text.charAt(k))
    if (d === undefined) return null
    group += String(d)
  }
  return arabicDigit(text.charAt(at + 3)) === undefined ? group : null
}

function readArabic(text: string, start: number): { value: number; end: number } | null {
  let j = start
  let digits = ''
  for (let d = arabicDigit(text.charAt(j)); d !== undefined; d = arabicDigit(text.charAt(++j))) digits += String(d)
  if (digits === '') return null
  // A separator counts only between proper groups ("9,133", "1，234，567"),
  // so a list like "2，3" or "2020，100" is not glued into one number.
  if (digits.length <= 3) {
    for (;;) {
      const sep = text.charAt(j)
      const group = sep === ',' || sep === '，' ? digitGroup(text, j + 1) : null
      if (group === null) break
      digits += group
      j += 4
    }
  }
  const point = text.charAt(j)
  if ((point === '.' || point === '．') && arabicDigit(text.charAt(j + 1)) !== undefined) {
    digits += '.'
    j++
    for (let d = arabicDigit(text.charAt(j)); d !== undefined; d = arabicDigit(text.charAt(++j))) digits += String(d)
  }
  return { value: Number(digits), end: j }
}

/** "点五" after a Chinese digit: the decimal part of 三点五 or 一点五万. */
function readChineseFraction(text: string, at: number): { digits: string; end: number } | null {
  if (text.charAt(at) !== '点' && text.charAt(at) !== '點') return null
  let j = at + 1
  let digits = ''
  for (let ch = text.charAt(j); CHINESE_DIGITS.has(ch) && !POSITIONAL_ONLY.has(ch); ch = text.charAt(++j)) {
    digits += String(CHINESE_DIGITS.get(ch))
  }
  return digits === '' ? null : { digits, end: j }
}

/**
 * Years are written digit by digit (二〇二〇). Only runs holding a zero are
 * read that way: a bare "三五" is a phrase (三五成群), not 35.
 */
function readDigitString(text: string, start: number): Numeral | null {
  let j = start
  let digits = ''
  for (let ch = text.charAt(j); CHINESE_DIGITS.has(ch) && !POSITIONAL_ONLY.has(ch); ch = text.charAt(++j)) {
    digits += String(CHINESE_DIGITS.get(ch))
  }
  if (digits.length < 2 || digits.startsWith('0') || !digits.includes('0')) return null
  return { value: Number(digits), end: j, chinese: true }
}

interface Pending {
  value: number
  /** A lone Chinese integer digit may stand for the next lower unit (三千五). */
  colloquial: boolean
}

/**
 * The classic section reading: digits wait for a unit (十百千), sections close
 * on 万 and 亿. The reader keeps the longest prefix that is a complete number,
 * and a lone digit after a unit is read the colloquial way (3千5 is 3500,
 * like 三千五).
 */
export function readNumeral(text: string, start: number): Numeral | null {
  const digitString = readDigitString(text, start)
  if (digitString) return digitString

  let above = 0 // everything closed by 万 or 亿
  let section = 0 // the part below 万 read so far
  let pending: Pending | null = null
  let sectionUnit = 0 // last small unit in this section; they must decrease
  let lastUnit = 0 // last unit of any size
  let lastBig = Infinity // big units must decrease too: 亿 then 万
  let zeroGap = false // 一百零五: the 5 is a plain units digit
  let chinese = false
  let consumed = false
  let best: Numeral | null = null

  // What the pending digit adds if it ends where `step` was the unit before it.
  const pendingAmount = (step: number): number | null => {
    if (!pending) return 0
    if (step === 0 || step === 10 || zeroGap) return pending.value
    return pending.colloquial ? (pending.value * step) / 10 : null
  }

  let j = start
  for (;;) {
    const ch = text.charAt(j)
    const chineseDigit = CHINESE_DIGITS.get(ch)
    const small = SMALL_UNITS.get(ch)
    const big = BIG_UNITS.get(ch)
    if (arabicDigit(ch) !== undefined) {
      if (pending) break
      const arabic = readArabic(text, j)
      if (!arabic) break
      // 4千2, 2万4: a single digit right after a unit stands for the next
      // lower unit, as in 四千二; longer runs (1万20) stay plain digits.
      const single = arabic.end === j + 1 && lastUnit > 0 && SMALL_OR_BIG.has(text.charAt(j - 1))
      pending = { value: arabic.value, colloquial: single }
      j = arabic.end
    } else if (chineseDigit !== undefined) {
      if (pending) break
      j++
      chinese = true
      if (chineseDigit === 0 && consumed) {
        zeroGap = true
      } else {
        const fraction = readChineseFraction(text, j)
        pending = { value: fraction ? Number(`${chineseDigit}.${fraction.digits}`) : chineseDigit, colloquial: !fraction }
        if (fraction) j = fraction.end
      }
    } else if (small !== undefined) {
      if (sectionUnit !== 0 && sectionUnit <= small) break
      // 十二 means 一十二; no other unit may stand without its digit (千名 is not 1000).
      const multiplier = pending ? pending.value : small === 10 && section === 0 ? 1 : null
      if (multiplier === null) break
      if (!pending) chinese = true
      section += multiplier * small
      pending = null
      sectionUnit = lastUnit = small
      zeroGap = false
      j++
    } else if (big !== undefined) {
      if (big >= lastBig) break
      const tail = pendingAmount(sectionUnit)
      if (tail === null || section + tail === 0) break
      above += (section + tail) * big
      section = 0
      pending = null
      sectionUnit = 0
      lastUnit = lastBig = big
      zeroGap = false
      j++
    } else {
      break
    }
    consumed = true
    const tail = pendingAmount(sectionUnit !== 0 ? sectionUnit : lastUnit)
    if (tail !== null) best = { value: above + section + tail, end: j, chinese }
  }
  return best
}
