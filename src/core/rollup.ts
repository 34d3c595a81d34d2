import { verdictRatio } from './completion'
import { figuresFromAggregates, yearFigures, type Aggregates, type Figures } from './figures'
import type { Indicator } from './indicator'
import { periodYear } from './period'
import type { Report } from './report'

/**
 * Roll-ups are kept on write: each report contributes a set of numbers to
 * its unit and every ancestor, for its own period and for its year, and a
 * write adds the difference between the old and new contribution. Reading
 * progress is then a lookup per unit asked about, never a scan of reports.
 *
 * Besides the indicator's fields a contribution carries:
 * - `#received`, `#on_time`, `#approved`: counters for completeness;
 * - `$v:<targetId>`: a reviewer's verdict on a qualitative target (a ratio,
 *   averaged across units).
 */
export const RECEIVED = '#received'
export const ON_TIME = '#on_time'
export const APPROVED = '#approved'
const VERDICT_PREFIX = '$v:'

export type ReportFacts = Pick<Report, 'values' | 'verdicts' | 'status' | 'onTime' | 'period'>

export function contribution(r: ReportFacts): Figures {
  const out: Figures = { ...r.values, [RECEIVED]: 1, [ON_TIME]: r.onTime ? 1 : 0, [APPROVED]: r.status === 'approved' ? 1 : 0 }
  for (const [id, v] of Object.entries(r.verdicts)) out[VERDICT_PREFIX + id] = verdictRatio(v)
  return out
}

/** A unit's contribution to its year, from its reports in that year. */
export function yearContribution(ind: Indicator, reports: ReportFacts[]): Figures {
  if (reports.length === 0) return {}
  const ordered = [...reports].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
  const out: Figures = yearFigures(ind.fields, ind.accumulation, ordered.map((r) => r.values))
  out[RECEIVED] = ordered.length
  out[ON_TIME] = ordered.filter((r) => r.onTime).length
  out[APPROVED] = ordered.filter((r) => r.status === 'approved').length
  for (const r of ordered) for (const [id, v] of Object.entries(r.verdicts)) out[VERDICT_PREFIX + id] = verdictRatio(v)
  return out
}

export interface FieldDelta {
  field: string
  dSum: number
  dN: number
}

export function diffContributions(before: Figures, after: Figures): FieldDelta[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  const out: FieldDelta[] = []
  for (const field of keys) {
    const b = before[field]
    const a = after[field]
    const dSum = (a ?? 0) - (b ?? 0)
    const dN = (a === undefined ? 0 : 1) - (b === undefined ? 0 : 1)
    if (dSum !== 0 || dN !== 0) out.push({ field, dSum, dN })
  }
  return out
}

export interface RollupDelta extends FieldDelta {
  indicatorCode: string
  period: string
}

/**
 * The deltas one report write causes, for its period and (when different)
 * its year. `yearBefore`/`yearAfter` are the unit's reports in the year
 * without and with the write. The caller applies each delta to the unit and
 * all of its ancestors.
 */
export function rollupDeltas(
  ind: Indicator,
  before: ReportFacts | null,
  after: ReportFacts,
  yearBefore: ReportFacts[],
  yearAfter: ReportFacts[]
): RollupDelta[] {
  const out: RollupDelta[] = []
  const push = (period: string, deltas: FieldDelta[]) => deltas.forEach((d) => out.push({ ...d, indicatorCode: ind.code, period }))
  push(after.period, diffContributions(before ? contribution(before) : {}, contribution(after)))
  const year = String(periodYear(after.period))
  if (year !== after.period) push(year, diffContributions(yearContribution(ind, yearBefore), yearContribution(ind, yearAfter)))
  return out
}

export interface RolledUp {
  figures: Figures
  judgements: Record<string, number>
  received: number
  onTime: number
  approved: number
}

/** Reads a unit's aggregates back as figures, judgements and counters. */
export function readRollup(ind: Indicator, aggs: Aggregates): RolledUp {
  const judgements: Record<string, number> = {}
  for (const [key, a] of Object.entries(aggs)) {
    if (key.startsWith(VERDICT_PREFIX) && a.n > 0) judgements[key.slice(VERDICT_PREFIX.length)] = a.sum / a.n
  }
  const count = (k: string) => aggs[k]?.sum ?? 0
  return {
    figures: figuresFromAggregates(ind.fields, aggs),
    judgements,
    received: count(RECEIVED),
    onTime: count(ON_TIME),
    approved: count(APPROVED)
  }
}

/** Sums several units' aggregates (e.g. to check a parent against its children). */
export function mergeAggregates(list: Aggregates[]): Aggregates {
  let out: Aggregates = {}
  for (const aggs of list) {
    for (const [k, a] of Object.entries(aggs)) {
      const cur = out[k] ?? { sum: 0, n: 0 }
      out = { ...out, [k]: { sum: cur.sum + a.sum, n: cur.n + a.n } }
    }
  }
  return out
}

