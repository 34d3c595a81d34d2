import type { Pool, PoolClient } from 'pg'
import type { Aggregates } from '../../../src/core/figures'
import type { Counted } from '../../../src/core/rollup'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'
import type { ReportWrite } from '../types'
import { inTransaction, type Queryable } from './tx'

/** The roll-up projection's tables in the PostgreSQL store: unit-years, roll-up rows and rebuild jobs. */
export type UnitYearKey = [string, string, number]

export async function unitYear(q: Queryable, indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState> {
  const row = (await q.query<{ stamp: number; counted: string }>('SELECT stamp, counted FROM unit_years WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3', [indicatorCode, orgUnitId, year])).rows[0]
  return row ? { stamp: row.stamp, counted: JSON.parse(row.counted) } : { stamp: 0, counted: {} }
}

export async function unitYearsOf(q: Queryable, indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]> {
  const r = await q.query<{ id: string }>('SELECT org_unit_id AS id FROM unit_years WHERE indicator_code = $1 AND year = $2 AND org_unit_id > $3 ORDER BY org_unit_id LIMIT $4', [
    indicatorCode,
    year,
    afterUnitId ?? '',
    limit
  ])
  return r.rows.map((x) => x.id)
}

export async function countUnitYears(q: Queryable, indicatorCode: string, year: number): Promise<number> {
  return (await q.query<{ c: number }>('SELECT count(*)::int AS c FROM unit_years WHERE indicator_code = $1 AND year = $2', [indicatorCode, year])).rows[0].c
}

/** Locks the unit-year row (made on first use) and answers its stamp; in the caller's transaction. */
export async function lockUnitYear(c: PoolClient, key: UnitYearKey): Promise<number> {
  await c.query("INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted) VALUES ($1, $2, $3, 0, '{}') ON CONFLICT DO NOTHING", key)
  return (await c.query<{ stamp: number }>('SELECT stamp FROM unit_years WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3 FOR UPDATE', key)).rows[0].stamp
}

export async function stampUnitYear(c: PoolClient, key: UnitYearKey, counted: Counted): Promise<void> {
  await c.query('UPDATE unit_years SET stamp = stamp + 1, counted = $4 WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3', [...key, JSON.stringify(counted)])
}

export async function addRollups(c: PoolClient, rows: RollupRow[]): Promise<void> {
  if (rows.length === 0) return
  await c.query(
    `INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[])
     ON CONFLICT (indicator_code, unit_id, period, field) DO UPDATE SET sum = rollups.sum + excluded.sum, n = rollups.n + excluded.n`,
    [rows.map((x) => x.code), rows.map((x) => x.unitId), rows.map((x) => x.period), rows.map((x) => x.field), rows.map((x) => x.dSum), rows.map((x) => x.dN)]
  )
}

/**
 * A rebuild batch in one transaction: unit-year rows locked in one sorted
 * order, each checked against its stamp, and the deltas of those still
 * current summed per roll-up row and upserted once.
 */
export async function writeRollups(pool: Pool, ws: RollupWrite[]): Promise<('ok' | 'stale')[]> {
  if (ws.length === 0) return []
  return inTransaction(pool, async (c) => {
    const keyOf = (w: RollupWrite): UnitYearKey => [w.indicatorCode, w.orgUnitId, w.year]
    const order = ws.map((w, i) => ({ w, i, k: keyOf(w).join('\u0000') })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    const out: ('ok' | 'stale')[] = new Array(ws.length)
    const current: RollupWrite[] = []
    for (const { w, i } of order) {
      const stamp = await lockUnitYear(c, keyOf(w))
      if (stamp !== w.expectedYearStamp) {
        out[i] = 'stale'
        continue
      }
      await stampUnitYear(c, keyOf(w), w.counted)
      current.push(w)
      out[i] = 'ok'
    }
    await addRollups(c, rollupRows(current))
    return out
  })
}

export async function putRebuildJob(pool: Pool, job: RebuildJob): Promise<void> {
  await pool.query(
    `INSERT INTO rollup_jobs (indicator_code, year, state, requested_at, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (indicator_code, year) DO UPDATE SET state = excluded.state, requested_at = excluded.requested_at, body = excluded.body`,
    [job.indicatorCode, job.year, job.state, job.requestedAt, JSON.stringify(job)]
  )
}

export async function rebuildJob(q: Queryable, indicatorCode: string, year: number): Promise<RebuildJob | null> {
  const row = (await q.query<{ body: string }>('SELECT body FROM rollup_jobs WHERE indicator_code = $1 AND year = $2', [indicatorCode, year])).rows[0]
  return row ? JSON.parse(row.body) : null
}

export async function pendingRebuildJobs(q: Queryable): Promise<RebuildJob[]> {
  return (await q.query<{ body: string }>("SELECT body FROM rollup_jobs WHERE state = 'pending' ORDER BY requested_at, indicator_code, year")).rows.map((r) => JSON.parse(r.body))
}

export async function rollups(q: Queryable, indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>> {
  const out = new Map<string, Map<string, Aggregates>>()
  if (indicatorCodes.length === 0 || unitIds.length === 0) return out
  for (const code of indicatorCodes) out.set(code, new Map(unitIds.map((u) => [u, {} as Aggregates])))
  // One round trip for the whole grid of indicators × units.
  const r = await q.query<{ indicator_code: string; unit_id: string; field: string; sum: number; n: number }>(
    'SELECT indicator_code, unit_id, field, sum, n FROM rollups WHERE indicator_code = ANY($1::text[]) AND unit_id = ANY($2::text[]) AND period = $3',
    [indicatorCodes, unitIds, period]
  )
  for (const row of r.rows) {
    const aggs = out.get(row.indicator_code)?.get(row.unit_id)
    if (aggs) aggs[row.field] = { sum: row.sum, n: row.n }
  }
  return out
}

interface RollupRow {
  code: string
  unitId: string
  period: string
  field: string
  dSum: number
  dN: number
}

/**
 * One row per (indicator, unit, period, field), deltas for the same key
 * added up (one upsert cannot touch a row twice), sorted so that every
 * writer locks roll-up rows in the same order.
 */
export function rollupRows(ws: Pick<ReportWrite, 'rollupUnitIds' | 'deltas'>[]): RollupRow[] {
  const byKey = new Map<string, RollupRow>()
  for (const w of ws)
    for (const unitId of w.rollupUnitIds) {
      for (const d of w.deltas) {
        const k = [d.indicatorCode, unitId, d.period, d.field].join('\u0000')
        const row = byKey.get(k)
        if (row) {
          row.dSum += d.dSum
          row.dN += d.dN
        } else byKey.set(k, { code: d.indicatorCode, unitId, period: d.period, field: d.field, dSum: d.dSum, dN: d.dN })
      }
    }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r)
}
