import type { Aggregates } from '../../src/core/figures'
import type { OrgUnit } from '../../src/core/org'
import type { Counted, RollupDelta } from '../../src/core/rollup'
import type { SetBasedPlan } from '../../src/core/rollupSetBased'
import type { StoredReport } from '../store/types'

/**
 * The narrow part of a store the roll-up projection (cloud/rollup/) needs.
 * Every store implements it, and test/store/contract.ts holds each to it.
 *
 * The projection's state per unit-year (indicator, unit, year) is a stamp,
 * bumped by every write to it, and the contribution last applied to the
 * roll-ups (`counted`). A write or a rebuild computes the new contribution
 * from the unit's reports, and the store applies "new − counted" to the
 * unit and its ancestors and stores the new one, atomically and only if the
 * stamp is still the one read.
 */
export interface UnitYearState {
  stamp: number
  counted: Counted
}

/** One unit-year moved to a new contribution, without a report write (a rebuild). */
export interface RollupWrite {
  indicatorCode: string
  orgUnitId: string
  year: number
  expectedYearStamp: number
  /** The unit and its ancestors. */
  rollupUnitIds: string[]
  deltas: RollupDelta[]
  counted: Counted
}

export type RebuildState = 'pending' | 'done'

/**
 * A rebuild of one indicator-year's roll-ups, resumable: `cursor` is the
 * last unit id reconciled (null: none yet); each run goes on from there.
 */
export interface RebuildJob {
  indicatorCode: string
  year: number
  state: RebuildState
  cursor: string | null
  /** Unit-years reconciled so far / to reconcile in all. */
  done: number
  total: number
  requestedAt: string
  updatedAt: string
}

export interface RollupPort {
  getOrgUnit(id: string): Promise<OrgUnit | null>
  reportsInYear(indicatorCode: string, orgUnitId: string, year: number): Promise<StoredReport[]>
  unitYear(indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState>
  /** Units with a unit-year of this indicator-year, by id, after `afterUnitId`. */
  unitYearsOf(indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]>
  countUnitYears(indicatorCode: string, year: number): Promise<number>
  /**
   * Applies reconciles, each atomically and only if its stamp is unchanged
   * (else `stale`, nothing written for it); one outcome per write, in order.
   * A store may apply a batch in one transaction.
   */
  writeRollups(ws: RollupWrite[]): Promise<('ok' | 'stale')[]>
  /** Aggregates per unit for each indicator, for one roll-up key (period, year or approved key). */
  rollups(indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>>
  /**
   * Optional: rebuilds a whole indicator-year inside the database in a few
   * set-based statements (SQLite, PostgreSQL), atomically, replacing its
   * roll-ups and every unit-year's counted contribution; answers the
   * unit-years rewritten. Stores without it (CloudBase) take the paged path.
   */
  rebuildSetBased?(plan: SetBasedPlan): Promise<number>
  putRebuildJob(job: RebuildJob): Promise<void>
  rebuildJob(indicatorCode: string, year: number): Promise<RebuildJob | null>
  /** Jobs not done yet, oldest request first. */
  pendingRebuildJobs(): Promise<RebuildJob[]>
}
