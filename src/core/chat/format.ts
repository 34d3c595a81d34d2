import { periodType } from '../period'

/** How figures, dates and periods read in a bubble; one spelling everywhere. */

export { formatFigure, formatValue, plainNumber } from '../fieldFormat'

/** "12月19日" within the period's year, "2019年12月19日" outside it. */
export function formatDate(date: string, year: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y === year ? '' : `${y}年`}${m}月${d}日`
}

/** "2020年12月", "2020年第4季度", "2020年": one wording app-wide. */
export { periodLabel } from '../periodLabel'

/** The period as said inside a sentence: "12月", "第4季度", "2020年". */
export function periodShort(key: string): string {
  const type = periodType(key)
  if (type === 'year') return `${key}年`
  if (type === 'quarter') return `第${key.slice(6)}季度`
  return `${Number(key.slice(5))}月`
}

/** Its end, for stocks: "12月底", "第4季度末", "2020年底". */
export function periodEndPhrase(key: string): string {
  const type = periodType(key)
  return `${periodShort(key)}${type === 'quarter' ? '末' : '底'}`
}

/** A worker's words quoted back, cut short so an error stays one line. */
export function quote(text: string): string {
  const t = text.trim()
  return `“${t.length > 12 ? `${t.slice(0, 12)}…` : t}”`
}
