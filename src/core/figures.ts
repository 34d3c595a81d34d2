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

/**
 * A field's declared combine rule (`Field.combine`) needs more than the
 * field's own {sum, n}, and the roll-ups stay plain sums so that a write
 * moves them by a difference and a rebuild gives the same rows:
 * - `mean`: `~wv:<field>` sums value × weight and `~ww:<field>` the
 *   weights, both only where the value is reported; the mean is their
 *   quotient (the unweighted mean when every weight is 0);
 * - `max`: `~max:<field>:<value>` counts the units at each value, a
 *   histogram. A maximum cannot be un-done from a running max when a
 *   figure is edited down or withdrawn, but a count per value can; the
 *   maximum is the largest value still counted. Ceiling figures (days,
 *   rates) take few distinct values, so the histogram stays small.
 */
const MEAN_VALUE = '~wv:'
const MEAN_WEIGHT = '~ww:'
const MAX_PREFIX = '~max:'

function maxKey(field: string, value: number): string {
  return `${MAX_PREFIX}${field}:${value}`
}

/** The extra roll-up entries one unit's figures add for fields with a mean or max rule. */
export function combineEntries(fields: Field[], figures: Figures): Figures {
  const out: Figures = {}
  for (const f of fields) {
    const v = figures[f.key]
    if (v === undefined || !f.combine) continue
    if (f.combine.rule === 'max') out[maxKey(f.key, v)] = 1
    else if (f.combine.rule === 'mean') {
      const w = figures[f.combine.weight] ?? 0
      out[MEAN_VALUE + f.key] = v * w
      out[MEAN_WEIGHT + f.key] = w
    }
  }
  return out
}

function combined(f: Field, a: FieldAggregate, aggs: Aggregates): number {
  const rule = f.combine?.rule
  if (rule === 'sum') return a.sum
  if (rule === 'mean') {
    const w = aggs[MEAN_WEIGHT + f.key]?.sum ?? 0
    return w > 1e-9 ? (aggs[MEAN_VALUE + f.key]?.sum ?? 0) / w : a.sum / a.n
  }
  if (rule === 'max') {
    const prefix = `${MAX_PREFIX}${f.key}:`
    let max: number | null = null
    for (const [k, x] of Object.entries(aggs)) {
      if (!k.startsWith(prefix) || x.sum < 0.5) continue
      const v = Number(k.slice(prefix.length))
      if (max === null || v > max) max = v
    }
    return max ?? a.sum / a.n
  }
  return combinesBySum(f) ? a.sum : a.sum / a.n
}

export function figuresFromAggregates(fields: Field[], aggs: Aggregates): Figures {
  const out: Figures = {}
  for (const f of fields) {
    const a = aggs[f.key]
    if (!a || a.n === 0) continue
    out[f.key] = combined(f, a, aggs)
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
 * steps and flags take the latest value reported. A per-period field with
 * a mean or max rule combines its periods by that rule (the year's longest
 * 审核时限 is the longest month's; its mean weighs each month by that
 * month's weight field), so a unit's year figure and a district's agree.
 */
export function yearFigures(fields: Field[], accumulation: Accumulation, reportsInOrder: Figures[]): Figures {
  const out: Figures = {}
  for (const f of fields) {
    const rule = accumulation === 'per_period' ? f.combine?.rule : undefined
    if (rule === 'max' || rule === 'mean') {
      const values = reportsInOrder.filter((r) => r[f.key] !== undefined)
      if (values.length === 0) continue
      if (rule === 'max') out[f.key] = Math.max(...values.map((r) => r[f.key]))
      else {
        const weight = f.combine?.rule === 'mean' ? f.combine.weight : ''
        const w = values.reduce((s, r) => s + (r[weight] ?? 0), 0)
        out[f.key] = w > 1e-9 ? values.reduce((s, r) => s + r[f.key] * (r[weight] ?? 0), 0) / w : values.reduce((s, r) => s + r[f.key], 0) / values.length
      }
      continue
    }
    const flows = yearRule(f, accumulation) === 'sum'
    for (const r of reportsInOrder) {
      const v = r[f.key]
      if (v === undefined) continue
      out[f.key] = flows ? (out[f.key] ?? 0) + v : v
    }
  }
  return out
}
