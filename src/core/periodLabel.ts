/**
 * Words a grid worker reads for periods, due dates and deadlines. Pure: the
 * inbox, the progress page and the chat all say the same thing.
 */

import { MONTH, QUARTER, YEAR } from './period'

/** "2020" → "2020年", "2020-Q4" → "2020年第4季度", "2020-03" → "2020年3月". */
export function periodLabel(key: string): string {
  const q = QUARTER.exec(key)
  if (q) return `${q[1]}年第${q[2]}季度`
  const m = MONTH.exec(key)
  if (m) return `${m[1]}年${Number(m[2])}月`
  if (YEAR.test(key)) return `${key}年`
  return key
}

/** The part of a period within its year: "全年", "第4季度", "3月". */
export function periodShortLabel(key: string): string {
  const q = QUARTER.exec(key)
  if (q) return `第${q[2]}季度`
  const m = MONTH.exec(key)
  if (m) return `${Number(m[2])}月`
  return YEAR.test(key) ? '全年' : key
}

/**
 * A calendar day, "2021-01-10" → "1月10日"; the year is added when it is
 * not the year of `today` (also YYYY-MM-DD).
 */
export function dateLabel(date: string, today?: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!d) return date
  const md = `${Number(d[2])}月${Number(d[3])}日`
  return today && today.slice(0, 4) === d[1] ? md : `${d[1]}年${md}`
}

/** Whole days to the deadline: "还剩3天", "今天截止", "逾期5天". */
export function daysLeftLabel(daysLeft: number): string {
  if (daysLeft > 0) return `还剩${daysLeft}天`
  if (daysLeft === 0) return '今天截止'
  return `逾期${-daysLeft}天`
}
