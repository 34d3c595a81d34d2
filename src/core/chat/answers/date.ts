import dayjs from 'dayjs'
import { parseFigure } from '../../quantity'
import { formatDate, quote } from '../format'
import { fail, normalize, ok, type Parsed } from './parsed'

/** The days a step may have been done on, both ends included, YYYY-MM-DD. */
export interface DateBounds {
  earliest: string
  latest: string
}

const ISO = 'YYYY-MM-DD'

/** Words for days near today. */
function relativeDay(word: string, today: string): string | null {
  const t = dayjs(today)
  switch (word) {
    case '今天':
    case '今日':
      return today
    case '昨天':
    case '昨日':
      return t.subtract(1, 'day').format(ISO)
    case '前天':
      return t.subtract(2, 'day').format(ISO)
    case '月初':
    case '本月初':
    case '这个月初':
      return t.startOf('month').format(ISO)
    case '上月底':
    case '上月末':
    case '上个月底':
      return t.startOf('month').subtract(1, 'day').format(ISO)
    default:
      return null
  }
}

const FULL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/
const MONTH_DAY = /^([0-9〇零一二三四五六七八九十]{1,3})[-/.月]([0-9〇零一二三四五六七八九十]{1,3})[日号]?$/

/** 12, 十二 or 一十二: a month or day number; NaN when it is none. */
function smallNumber(s: string): number {
  const q = parseFigure(s)
  return q && q.unit === undefined && !q.approx && Number.isInteger(q.value) ? q.value : NaN
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** A calendar date if `y-m-d` exists (no 2月30日), else null. */
function calendarDate(y: number, m: number, d: number): string | null {
  if (![y, m, d].every(Number.isInteger)) return null
  const iso = `${y}-${pad(m)}-${pad(d)}`
  return dayjs(iso).format(ISO) === iso ? iso : null
}

/**
 * A step's completion date: 今天, 昨天, 本月初, "12月19日", "十二月十九号",
 * "2020-12-19", "2020年12月19日". Without a year, the period's year is meant.
 */
export function readDate(text: string, year: number, today: string, bounds: DateBounds): Parsed<string> {
  // "不对，是12月1日" at the date question is its answer, said as a correction.
  const t = normalize(text).replace(/^(不对|错了|应该是|其实是)[，,]?/, '').replace(/^(是|在|于)/, '').replace(/(完成的|完成|的)$/, '')
  let date = relativeDay(t, today)
  if (date === null) {
    const full = FULL.exec(t)
    const md = full ? null : MONTH_DAY.exec(t)
    if (full) date = calendarDate(Number(full[1]), Number(full[2]), Number(full[3]))
    else if (md) date = calendarDate(year, smallNumber(md[1]), smallNumber(md[2]))
  }
  if (date === null) return fail(`没看懂${quote(text)}，请填日期，如“12月19日”或“${year}-12-19”`)
  if (date > bounds.latest) {
    return fail(bounds.latest === today ? '完成日期不能晚于今天' : `完成日期不能晚于${formatDate(bounds.latest, year)}`)
  }
  if (date < bounds.earliest) return fail(`完成日期不能早于${formatDate(bounds.earliest, year)}`)
  return ok(date)
}
