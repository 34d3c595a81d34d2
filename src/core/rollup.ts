import { verdictRatio } from './completion'
import { combineEntries, figuresFromAggregates, yearFigures, type Aggregates, type Figures } from './figures'
import type { Indicator } from './indicator'
import { pathIds, type OrgLevel, type OrgUnit } from './org'
import { periodYear } from './period'
import type { Report } from './report'

/**
 * Roll-ups are kept on write: each unit-year's reports contribute a set of
 * numbers to the unit and every ancestor, for each report's period, for
 * the year and for the year's approved figures, and a write (or a rebuild)
 * adds the difference between the contribution last counted and the new
 * one. Reading progress is then a lookup per unit asked about, never a
 * scan of reports.
 *
 * Besides the indicator's fields a contribution carries:
 * - `#received`, `#on_time`, `#approved`, `#units`, `#returned`: counters
 *   for completeness;
 * - `$v:<targetId>`: a reviewer's verdict on a qualitative target (a ratio,
 *   averaged across units);
 * - `~wv:`, `~ww:`, `~max:` entries for fields with a mean or max combine
 *   rule (see figures.ts `combineEntries`).
 */
export const RECEIVED = '#received'
export const ON_TIME = '#on_time'
export const APPROVED = '#approved'
/** Reports sent back for changes: shown beside the figures, never in them. */
export const RETURNED = '#returned'
/** Units with at least one counting report in the key (completeness: "已报 2/136 个社区"). */
export const UNITS = '#units'
export const VERDICT_PREFIX = '$v:'

/**
 * The roll-up key of a year's approved figures only: the official version
 * of the 自查表 reads it instead of the year key.
 */
export function approvedKey(year: number): string {
  return `${year}@approved`
}

export type ReportFacts = Pick<Report, 'values' | 'verdicts' | 'status' | 'onTime' | 'period'>

/**
 * What counts: submitted and approved reports count; a returned report is
 * waiting for its unit to correct it and counts only as "退回待改".
 */
export function counts(r: Pick<Report, 'status'>): boolean {
  return r.status !== 'returned'
}

export function contribution(ind: Pick<Indicator, 'fields'>, r: ReportFacts): Figures {
  const out: Figures = { ...r.values, ...combineEntries(ind.fields, r.values), [RECEIVED]: 1, [ON_TIME]: r.onTime ? 1 : 0, [APPROVED]: r.status === 'approved' ? 1 : 0, [UNITS]: 1 }
  for (const [id, v] of Object.entries(r.verdicts)) out[VERDICT_PREFIX + id] = verdictRatio(v)
  return out
}

/** A unit's contribution to its year, from its counting reports in that year. */
export function yearContribution(ind: Indicator, reports: ReportFacts[]): Figures {
  if (reports.length === 0) return {}
  const ordered = [...reports].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
  const year = yearFigures(ind.fields, ind.accumulation, ordered.map((r) => r.values))
  const out: Figures = { ...year, ...combineEntries(ind.fields, year) }
  out[RECEIVED] = ordered.length
  out[ON_TIME] = ordered.filter((r) => r.onTime).length
  out[APPROVED] = ordered.filter((r) => r.status === 'approved').length
  out[UNITS] = 1
  for (const r of ordered) for (const [id, v] of Object.entries(r.verdicts)) out[VERDICT_PREFIX + id] = verdictRatio(v)
  return out
}

/**
 * Everything one unit's reports of one indicator-year add to the roll-ups,
 * by roll-up key (each report's period, the year, the year's approved-only
 * figures). The store keeps the last one it applied beside the unit-year's
 * stamp, so any later change, whether a report write or a rebuild after the
 * indicator changed, moves the roll-ups by exactly the difference.
 *
 * Reports of a unit at another level than the plan's reporting level (made
 * before a reassignment) stay stored and visible, and count for nothing.
 */
export type Counted = Record<string, Figures>

export function unitYearCounted(ind: Indicator, unitLevel: OrgLevel, reports: ReportFacts[]): Counted {
  if (unitLevel !== ind.reportLevel || reports.length === 0) return {}
  const out: Counted = {}
  const counting = reports.filter(counts)
  const returned = reports.filter((r) => !counts(r))
  for (const r of counting) out[r.period] = contribution(ind, r)
  for (const r of returned) out[r.period] = { [RETURNED]: 1 }
  const year = periodYear(reports[0].period)
  const yearKey = String(year)
  if (ind.period !== 'year') {
    const y = yearContribution(ind, counting)
    if (returned.length > 0) y[RETURNED] = returned.length
    out[yearKey] = y
  }
  const approved = counting.filter((r) => r.status === 'approved')
  if (approved.length > 0) out[approvedKey(year)] = yearContribution(ind, approved)
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

/** The deltas that move the roll-ups from one counted contribution to the next. */
export function countedDeltas(indicatorCode: string, before: Counted, after: Counted): RollupDelta[] {
  const out: RollupDelta[] = []
  for (const period of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    for (const d of diffContributions(before[period] ?? {}, after[period] ?? {})) out.push({ ...d, indicatorCode, period })
  }
  return out
}

/**
 * The roll-ups a set of reports should give, computed from scratch: for
 * each unit-year its counted contribution, added to the unit and every
 * ancestor. What the incremental roll-ups must equal (tests, bench).
 */
export function projectRollups(ind: Indicator, unitsById: ReadonlyMap<string, OrgUnit>, reports: (ReportFacts & { orgUnitId: string })[]): Map<string, Map<string, Aggregates>> {
  const byUnit = new Map<string, (ReportFacts & { orgUnitId: string })[]>()
  for (const r of reports) byUnit.set(r.orgUnitId, [...(byUnit.get(r.orgUnitId) ?? []), r])
  const out = new Map<string, Map<string, Aggregates>>()
  for (const [unitId, rs] of byUnit) {
    const unit = unitsById.get(unitId)
    if (!unit) continue
    for (const [period, figures] of Object.entries(unitYearCounted(ind, unit.level, rs))) {
      for (const id of pathIds(unit.path)) {
        const perUnit = out.get(id) ?? new Map<string, Aggregates>()
        out.set(id, perUnit)
        const aggs = perUnit.get(period) ?? {}
        perUnit.set(period, aggs)
        for (const [k, v] of Object.entries(figures)) {
          const a = aggs[k] ?? { sum: 0, n: 0 }
          aggs[k] = { sum: a.sum + v, n: a.n + 1 }
        }
      }
    }
  }
  return out
}

/** Aggregates without entries that net to nothing (a counted value later withdrawn). */
export function withoutEmpty(aggs: Aggregates): Aggregates {
  const out: Aggregates = {}
  for (const [k, a] of Object.entries(aggs)) if (a.n !== 0 || Math.abs(a.sum) > 1e-9) out[k] = a
  return out
}

export interface RolledUp {
  figures: Figures
  judgements: Record<string, number>
  received: number
  onTime: number
  approved: number
  returned: number
  /** Units with a counting report. */
  units: number
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
    approved: count(APPROVED),
    returned: count(RETURNED),
    units: count(UNITS)
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

