import type { Pool } from 'pg'
import type { SignOff } from '../../../src/core/reviewChain'
import type { PeriodOpening, SignOffBasis } from '../types'
import * as rollupTables from './rollups'
import { inTransaction, type Queryable } from './tx'

/** Late-period openings and sign-offs in the PostgreSQL store: what the reviewers above a unit decide about its periods. */
type Db = { pool: Pool; q: Queryable }

export async function putPeriodOpening(db: Db, o: PeriodOpening): Promise<void> {
  await db.pool.query(
    `INSERT INTO period_openings (indicator_code, org_unit_id, period, until, body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (indicator_code, org_unit_id, period) DO UPDATE SET until = excluded.until, body = excluded.body`,
    [o.indicatorCode, o.orgUnitId, o.period, o.until, JSON.stringify(o)]
  )
}


export async function periodOpening(db: Db, indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
  const row = (await db.q.query<{ body: string }>('SELECT body FROM period_openings WHERE indicator_code = $1 AND org_unit_id = $2 AND period = $3', [indicatorCode, orgUnitId, period])).rows[0]
  return row ? JSON.parse(row.body) : null
}


export async function periodOpeningsOf(db: Db, orgUnitId: string, today: string): Promise<PeriodOpening[]> {
  const { rows } = await db.q.query<{ body: string }>('SELECT body FROM period_openings WHERE org_unit_id = $1 AND until >= $2 ORDER BY period, indicator_code', [orgUnitId, today])
  return rows.map((r) => JSON.parse(r.body))
}


export async function periodOpeningsIn(db: Db, indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]> {
  // Periods start with their year ('2020', '2020-11', '2020-Q1'): the year's ones sort in [year, year + 1) (columns are COLLATE "C").
  const { rows } = await db.q.query<{ body: string }>(
    'SELECT body FROM period_openings WHERE indicator_code = $1 AND period >= $2 AND period < $3 AND until >= $4 ORDER BY org_unit_id, period',
    [indicatorCode, String(year), String(year + 1), today]
  )
  return rows.map((r) => JSON.parse(r.body))
}


export async function signOffs(db: Db, indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]> {
  if (unitIds.length === 0) return []
  const { rows } = await db.q.query<{ body: string }>('SELECT body FROM signoffs WHERE indicator_code = $1 AND period = $2 AND unit_id = ANY($3::text[])', [indicatorCode, period, unitIds])
  return rows.map((r) => JSON.parse(r.body))
}


export async function putSignOff(db: Db, s: SignOff, basis?: SignOffBasis): Promise<boolean> {
  const body = JSON.stringify(s)
  const year = Number(s.period.slice(0, 4))
  return inTransaction(
    db.pool,
    async (c) => {
      // The unit-year row locks report writes take, in one order (no deadlock): a report write to a child either
      // committed before (its new version shows below) or waits until this one is done.
      for (const unitId of [...new Set((basis?.reports ?? []).map((r) => r.orgUnitId))].sort()) await rollupTables.lockUnitYear(c, [s.indicatorCode, unitId, year])
      const own = (await c.query<{ version: number }>('SELECT version FROM signoffs WHERE indicator_code = $1 AND period = $2 AND unit_id = $3 FOR UPDATE', [s.indicatorCode, s.period, s.unitId])).rows[0]
      if ((own?.version ?? 0) !== s.version - 1) return false
      const ids = (basis?.reports ?? []).map((r) => r.reportId)
      const now = new Map((await c.query<{ id: string; version: number }>('SELECT id, version FROM reports WHERE id = ANY($1::text[])', [ids])).rows.map((r) => [r.id, r.version]))
      if ((basis?.reports ?? []).some((r) => (now.get(r.reportId) ?? 0) !== r.version)) return false
      const childIds = [...(basis?.signOffs ?? []).map((x) => x.unitId)].sort()
      const children = new Map(
        (await c.query<{ unit_id: string; version: number }>('SELECT unit_id, version FROM signoffs WHERE indicator_code = $1 AND period = $2 AND unit_id = ANY($3::text[]) ORDER BY unit_id FOR SHARE', [s.indicatorCode, s.period, childIds])).rows.map((r) => [r.unit_id, r.version])
      )
      if ((basis?.signOffs ?? []).some((x) => (children.get(x.unitId) ?? 0) !== x.version)) return false
      // Insert version 1, or move version n-1 to n; anything else changes nothing.
      const r =
        s.version === 1
          ? await c.query('INSERT INTO signoffs (indicator_code, unit_id, period, version, body) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING', [s.indicatorCode, s.unitId, s.period, body])
          : await c.query('UPDATE signoffs SET version = $4, body = $5 WHERE indicator_code = $1 AND unit_id = $2 AND period = $3 AND version = $4 - 1', [s.indicatorCode, s.unitId, s.period, s.version, body])
      return r.rowCount === 1
    },
    { commitIf: (ok) => ok }
  )
}
