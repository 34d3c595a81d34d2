import { verdictRatio } from './completion'
import { yearRule } from './figures'
import { ACCUMULATIONS, type Indicator } from './indicator'
import type { OrgLevel } from './org'
import { APPROVED, approvedKey, ON_TIME, RECEIVED, RETURNED, UNITS, VERDICT_PREFIX } from './rollup'
import { VERDICTS } from './target'

/**
 * Everything a store needs to rebuild one indicator-year's roll-ups in a
 * few set-based SQL statements, decided here so that the accumulation
 * rules stay in core (rollup.ts `unitYearCounted`, figures.ts `yearRule`)
 * and the SQL only sums, counts and picks the latest row. What the SQL
 * does with it (test/rollup/setBased.test.ts checks it equals
 * `unitYearCounted` summed up the tree, on random histories):
 *
 * - only reports of units at `reportLevel` count (reports made under an
 *   earlier assignment stay stored and count for nothing);
 * - each counting report (status not `returned`) gives its period key its
 *   values, `#received` 1, `#on_time` and `#approved` 0/1, `#units` 1 and
 *   `$v:<target>` the ratio of each verdict (`verdictRatios`); a returned
 *   report gives its period key `#returned` 1;
 * - `yearKey` (null when the period is the year itself) gets, over the
 *   counting reports, `sumFields` added up and `latestFields` from the
 *   latest period that has them, the counters summed, `#units` 1, the
 *   latest verdict per target, and `#returned` the number returned;
 * - `approvedKey` gets the same over the approved reports, without
 *   `#returned`;
 * - each unit's contribution is added to the unit and every ancestor, and
 *   becomes the unit-year's counted contribution (the stamp is bumped).
 */
export interface SetBasedPlan {
  indicatorCode: string
  year: number
  reportLevel: OrgLevel
  sumFields: string[]
  latestFields: string[]
  yearKey: string | null
  approvedKey: string
  verdictRatios: Record<string, number>
  keys: { received: string; onTime: string; approved: string; units: string; returned: string; verdictPrefix: string }
}

/**
 * The plan for `ind` in `year`, or null when this indicator's rules are not
 * ones the SQL path knows (it then takes the paged core path instead).
 */
export function setBasedPlan(ind: Indicator, year: number): SetBasedPlan | null {
  if (!(ACCUMULATIONS as readonly string[]).includes(ind.accumulation)) return null
  // A mean or max combine rule (ceilings) keeps histogram/weight entries the SQL does not make: core path.
  if (ind.fields.some((f) => f.combine && f.combine.rule !== 'sum')) return null
  return {
    indicatorCode: ind.code,
    year,
    reportLevel: ind.reportLevel,
    sumFields: ind.fields.filter((f) => yearRule(f, ind.accumulation) === 'sum').map((f) => f.key),
    latestFields: ind.fields.filter((f) => yearRule(f, ind.accumulation) === 'latest').map((f) => f.key),
    yearKey: ind.period === 'year' ? null : String(year),
    approvedKey: approvedKey(year),
    verdictRatios: Object.fromEntries(VERDICTS.map((v) => [v, verdictRatio(v)])),
    keys: { received: RECEIVED, onTime: ON_TIME, approved: APPROVED, units: UNITS, returned: RETURNED, verdictPrefix: VERDICT_PREFIX }
  }
}
