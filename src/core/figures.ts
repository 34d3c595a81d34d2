import type { Field } from './field'
import type { Accumulation } from './indicator'

/** Figures by field key: what completion is computed from. */
export type Figures = Record<string, number>

/**
 * A field's running aggregate over several reports: enough to derive a sum
 * or a mean, and cheap to maintain on write (add on insert, subtract the old
 * value on edit). This is the shape the roll-up tables store.
 */
export interface FieldAggregate {
  sum: number
  n: number
}
export type Aggregates = Record<string, FieldAggregate>

/**
 * How units combine: counts, amounts and yes/no flags add up (网点 of all
 * grids; streets covered); shares and milestone steps average, and a step
 * counts as done for the whole only when every unit has done it.
 */
export function combinesBySum(field: Field): boolean {
  return field.kind === 'count' || field.kind === 'amount' || field.kind === 'flag'
}

export function figuresFromAggregates(fields: Field[], aggs: Aggregates): Figures {
  const out: Figures = {}
  for (const f of fields) {
    const a = aggs[f.key]
    if (!a || a.n === 0) continue
    out[f.key] = combinesBySum(f) ? a.sum : a.sum / a.n
  }
  return out
}

export function addToAggregates(aggs: Aggregates, values: Figures, sign: 1 | -1 = 1): Aggregates {
  const out: Aggregates = { ...aggs }
  for (const [key, v] of Object.entries(values)) {
    const a = out[key] ?? { sum: 0, n: 0 }
    out[key] = { sum: a.sum + sign * v, n: a.n + sign }
  }
  return out
}

/**
 * How a field's reports of one year make its year figure: flows add up,
 * everything else is the latest value reported. The set-based rebuild
 * (rebuildSql.ts in the SQLite and PostgreSQL stores) is told this per field, so the rule stays here.
 */
export function yearRule(field: Field, accumulation: Accumulation): 'sum' | 'latest' {
  return accumulation === 'per_period' && (field.kind === 'count' || field.kind === 'amount') ? 'sum' : 'latest'
}

/**
 * A unit's figures for the year from its reports in period order. Flows
 * (per-period counts and amounts) add up over the year; stocks, shares,
 * steps and flags take the latest value reported.
 */
export function yearFigures(fields: Field[], accumulation: Accumulation, reportsInOrder: Figures[]): Figures {
  const out: Figures = {}
  for (const f of fields) {
    const flows = yearRule(f, accumulation) === 'sum'
    for (const r of reportsInOrder) {
      const v = r[f.key]
      if (v === undefined) continue
      out[f.key] = flows ? (out[f.key] ?? 0) + v : v
    }
  }
  return out
}
