/**
 * The words a figure may carry after its number. A unit is optional: a figure
 * without one (户籍15.59万老人) is still a figure.
 */

/** Measure words and units of measure, as reports write them. */
const MEASURE_WORDS = [
  // people and households
  '人次', '人', '名', '位', '户次', '户', '家', '对',
  // things, events, places
  '个', '张', '支', '件', '份', '笔', '项', '起', '次', '间', '所', '处', '床', '座', '台', '辆',
  '场', '期', '批', '条', '套', '册', '篇', '宗', '例', '箱', '袋', '瓶', '盒',
  // money: 万元 and 亿元 need no entry, the numeral reader takes 万 and 亿 as magnitudes;
  // 块 alone stays a measure word (5块宣传牌), only 块钱 is money
  '元', '块钱', '块',
  // durations: a length of time is a figure, a date is not (年 stays out, see POINT_MARKERS)
  '个月', '小时', '分钟', '天', '周岁', '岁', '周',
  // measures
  '平方公里', '平方米', '平米', '㎡', '立方米', '公里', '米', '公顷', '亩', '吨', '公斤', '克', '斤',
  '倍'
]

/**
 * Nouns that reports put straight after Arabic digits as if they were measure
 * words ("全区136社区"). After Chinese digits they are part of names (古一社区),
 * so they count only after Arabic ones.
 */
const NOUN_UNITS = ['社区', '街道', '网格']

/** One spelling per unit, so figures can be added up later. */
const CANONICAL: Readonly<Record<string, string>> = { '㎡': '平方米', '平米': '平方米', '块钱': '元' }

/**
 * What follows a number that names a point in time or space rather than an
 * amount: 2020年, 12月, 19日, 16号, 8时, 9点, 第三季度, 七十周年, and the
 * parts of an address (3栋2单元501室, 5楼, 6层), which read as counts
 * (3栋, 6层) too often to risk it.
 */
const POINT_MARKERS = ['年', '月', '日', '号', '时', '点', '季度', '世纪', '周年', '单元', '室', '楼', '栋', '幢', '层']

const byLengthDesc = (a: string, b: string): number => b.length - a.length
const MEASURES_LONGEST_FIRST = [...MEASURE_WORDS].sort(byLengthDesc)
const ALL_LONGEST_FIRST = [...MEASURE_WORDS, ...NOUN_UNITS].sort(byLengthDesc)

export interface UnitMatch {
  unit: string
  end: number
}

/** The longest unit written at `at` (人次 before 人, 户次 before 户). */
export function matchUnit(text: string, at: number, afterChineseDigits: boolean): UnitMatch | null {
  const candidates = afterChineseDigits ? MEASURES_LONGEST_FIRST : ALL_LONGEST_FIRST
  const written = candidates.find((u) => text.startsWith(u, at))
  if (written === undefined) return null
  return { unit: CANONICAL[written] ?? written, end: at + written.length }
}

/**
 * Whether a point marker starts at `at`. A longer unit wins (30分钟 is a
 * duration, 3小时 too), a longer marker wins over a unit (70周年 is no 周).
 */
export function startsWithPointMarker(text: string, at: number, afterChineseDigits: boolean): boolean {
  const marker = POINT_MARKERS.filter((m) => text.startsWith(m, at)).sort(byLengthDesc)[0]
  if (marker === undefined) return false
  const unit = matchUnit(text, at, afterChineseDigits)
  return unit === null || marker.length >= unit.end - at
}

/** Whether the text before `at` ends like a figure's tail (…人, …月), so a dash there joins a range. */
export function endsWithUnitOrPoint(text: string, at: number): boolean {
  return [...ALL_LONGEST_FIRST, ...POINT_MARKERS].some((w) => text.endsWith(w, at))
}

/** 20% is stored as the fraction 0.2 with its sign as unit. */
export const PERCENT_SIGNS: ReadonlyMap<string, { divisor: number; unit: string }> = new Map([
  ['%', { divisor: 100, unit: '%' }],
  ['％', { divisor: 100, unit: '%' }],
  ['‰', { divisor: 1000, unit: '‰' }],
  ['‱', { divisor: 10000, unit: '‱' }]
])

/** 百分之二十 is 20%: the same fraction, written as words. */
export const PERCENT_WORDS: ReadonlyArray<{ word: string; divisor: number; unit: string }> = [
  { word: '百分之', divisor: 100, unit: '%' },
  { word: '千分之', divisor: 1000, unit: '‰' },
  { word: '万分之', divisor: 10000, unit: '‱' },
  { word: '萬分之', divisor: 10000, unit: '‱' }
]
