import type { Figures } from '../figures'
import { fieldByKey, type Indicator } from '../indicator'
import { formatValue } from './format'

/**
 * The hard check across two fields: in a percentage target the part cannot
 * exceed the whole (已安置 ≤ 流浪人员总数). It blames the field just entered,
 * since that is the one the worker is looking at.
 */
export function pairProblem(ind: Indicator, values: Figures, key: string): string | null {
  for (const t of ind.targets) {
    if (t.kind !== 'percentage' || (t.numerator !== key && t.denominator !== key)) continue
    const num = values[t.numerator]
    const den = values[t.denominator]
    if (num === undefined || den === undefined || num <= den) continue
    const nf = fieldByKey(ind, t.numerator)
    const df = fieldByKey(ind, t.denominator)
    if (!nf || !df) continue
    const n = `「${nf.label}」（${formatValue(nf, num)}）`
    const d = `「${df.label}」（${formatValue(df, den)}）`
    return key === t.numerator ? `${n}不能多于${d}` : `${d}不能少于${n}`
  }
  return null
}
