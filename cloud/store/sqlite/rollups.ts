import type Database from 'better-sqlite3'
import type { Aggregates } from '../../../src/core/figures'
import type { Counted, RollupDelta } from '../../../src/core/rollup'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'
import { prepared as q } from './prepared'

/** The roll-up projection's tables in the SQLite store: unit-years, roll-up rows and rebuild jobs. */
type Db = Database.Database

interface RowDelta {
  code: string
  unitId: string
  period: string
  field: string
  dSum: number
  dN: number
}

export function unitYear(db: Db, indicatorCode: string, orgUnitId: string, year: number): UnitYearState {
  const row = q(db, 'SELECT stamp, counted FROM unit_years WHERE indicator_code = ? AND org_unit_id = ? AND year = ?').get(indicatorCode, orgUnitId, year) as
    | { stamp: number; counted: string }
    | undefined
  return row ? { stamp: row.stamp, counted: JSON.parse(row.counted) } : { stamp: 0, counted: {} }
}

export function unitYearsOf(db: Db, indicatorCode: string, year: number, afterUnitId: string | null, limit: number): string[] {
  const rows = q(db, 'SELECT org_unit_id AS id FROM unit_years WHERE indicator_code = ? AND year = ? AND org_unit_id > ? ORDER BY org_unit_id LIMIT ?').all(indicatorCode, year, afterUnitId ?? '', limit) as {
    id: string
  }[]
  return rows.map((r) => r.id)
}

export function countUnitYears(db: Db, indicatorCode: string, year: number): number {
  return (db.prepare('SELECT count(*) AS c FROM unit_years WHERE indicator_code = ? AND year = ?').get(indicatorCode, year) as { c: number }).c
}

/** Checks and bumps the unit-year stamp and stores the new counted contribution; in the caller's transaction. */
function stampUnitYear(db: Db, code: string, unitId: string, year: number, expectedStamp: number, counted: Counted): boolean {
  const stamp = q(db, 'SELECT stamp FROM unit_years WHERE indicator_code = ? AND org_unit_id = ? AND year = ?').get(code, unitId, year) as { stamp: number } | undefined
  if ((stamp?.stamp ?? 0) !== expectedStamp) return false
  q(
    db,
    `INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted) VALUES (?, ?, ?, 1, ?)
     ON CONFLICT(indicator_code, org_unit_id, year) DO UPDATE SET stamp = stamp + 1, counted = excluded.counted`
  ).run(code, unitId, year, JSON.stringify(counted))
  return true
}

/** Adds deltas to roll-up rows; in the caller's transaction. */
function addRollups(db: Db, rows: Iterable<RowDelta>): void {
  const inc = q(
    db,
    `INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(indicator_code, unit_id, period, field) DO UPDATE SET sum = sum + excluded.sum, n = n + excluded.n`
  )
  for (const r of rows) inc.run(r.code, r.unitId, r.period, r.field, r.dSum, r.dN)
}

/** A report write's roll-up part, in the caller's transaction; false when the stamp is stale. */
export function applyRollup(db: Db, code: string, unitId: string, year: number, expectedStamp: number, counted: Counted, unitIds: string[], deltas: RollupDelta[]): boolean {
  if (!stampUnitYear(db, code, unitId, year, expectedStamp, counted)) return false
  addRollups(db, unitIds.flatMap((id) => deltas.map((d) => ({ code: d.indicatorCode, unitId: id, period: d.period, field: d.field, dSum: d.dSum, dN: d.dN }))))
  return true
}

/** A batch in one transaction; deltas for shared ancestors are summed first, so each row is written once. */
export function writeRollups(db: Db, ws: RollupWrite[]): ('ok' | 'stale')[] {
  return db.transaction(() => {
    const merged = new Map<string, RowDelta>()
    const out = ws.map((w) => {
      if (!stampUnitYear(db, w.indicatorCode, w.orgUnitId, w.year, w.expectedYearStamp, w.counted)) return 'stale' as const
      for (const unitId of w.rollupUnitIds) {
        for (const d of w.deltas) {
          const key = `${d.indicatorCode}\u0000${unitId}\u0000${d.period}\u0000${d.field}`
          const cur = merged.get(key)
          if (cur) (cur.dSum += d.dSum), (cur.dN += d.dN)
          else merged.set(key, { code: d.indicatorCode, unitId, period: d.period, field: d.field, dSum: d.dSum, dN: d.dN })
        }
      }
      return 'ok' as const
    })
    addRollups(db, merged.values())
    return out
  }).immediate()
}

export function putRebuildJob(db: Db, job: RebuildJob): void {
  db.prepare(
    `INSERT INTO rollup_jobs (indicator_code, year, state, requested_at, body) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(indicator_code, year) DO UPDATE SET state = excluded.state, requested_at = excluded.requested_at, body = excluded.body`
  ).run(job.indicatorCode, job.year, job.state, job.requestedAt, JSON.stringify(job))
}

export function rebuildJob(db: Db, indicatorCode: string, year: number): RebuildJob | null {
  const row = db.prepare('SELECT body FROM rollup_jobs WHERE indicator_code = ? AND year = ?').get(indicatorCode, year) as { body: string } | undefined
  return row ? JSON.parse(row.body) : null
}

export function pendingRebuildJobs(db: Db): RebuildJob[] {
  return (db.prepare("SELECT body FROM rollup_jobs WHERE state = 'pending' ORDER BY requested_at, indicator_code, year").all() as { body: string }[]).map((r) => JSON.parse(r.body))
}

export function rollups(db: Db, indicatorCodes: string[], unitIds: string[], period: string): Map<string, Map<string, Aggregates>> {
  const out = new Map<string, Map<string, Aggregates>>()
  if (indicatorCodes.length === 0 || unitIds.length === 0) return out
  const stmt = q(db, 'SELECT unit_id, field, sum, n FROM rollups WHERE indicator_code = ? AND unit_id = ? AND period = ?')
  for (const code of indicatorCodes) {
    const byUnit = new Map<string, Aggregates>()
    for (const unitId of unitIds) {
      const aggs: Aggregates = {}
      for (const row of stmt.all(code, unitId, period) as { field: string; sum: number; n: number }[]) aggs[row.field] = { sum: row.sum, n: row.n }
      byUnit.set(unitId, aggs)
    }
    out.set(code, byUnit)
  }
  return out
}
