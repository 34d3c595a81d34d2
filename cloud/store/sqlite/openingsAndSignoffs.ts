import type Database from 'better-sqlite3'
import type { SignOff } from '../../../src/core/reviewChain'
import type { PeriodOpening, SignOffBasis } from '../types'

/** Late-period openings and sign-offs in the SQLite store: what the reviewers above a unit decide about its periods. */
export function putPeriodOpening(db: Database.Database, o: PeriodOpening): void {
  db
    .prepare(
      `INSERT INTO period_openings (indicator_code, org_unit_id, period, until, body) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(indicator_code, org_unit_id, period) DO UPDATE SET until = excluded.until, body = excluded.body`
    )
    .run(o.indicatorCode, o.orgUnitId, o.period, o.until, JSON.stringify(o))
}

export function periodOpening(db: Database.Database, indicatorCode: string, orgUnitId: string, period: string): PeriodOpening | null {
  const row = db.prepare('SELECT body FROM period_openings WHERE indicator_code = ? AND org_unit_id = ? AND period = ?').get(indicatorCode, orgUnitId, period) as { body: string } | undefined
  return row ? JSON.parse(row.body) : null
}

export function periodOpeningsOf(db: Database.Database, orgUnitId: string, today: string): PeriodOpening[] {
  return (db.prepare('SELECT body FROM period_openings WHERE org_unit_id = ? AND until >= ? ORDER BY period, indicator_code').all(orgUnitId, today) as { body: string }[]).map((r) => JSON.parse(r.body))
}

export function periodOpeningsIn(db: Database.Database, indicatorCode: string, year: number, today: string): PeriodOpening[] {
  // Periods start with their year ('2020', '2020-11', '2020-Q1'): the year's ones sort in [year, year + 1).
  const rows = db
    .prepare('SELECT body FROM period_openings WHERE indicator_code = ? AND period >= ? AND period < ? AND until >= ? ORDER BY org_unit_id, period')
    .all(indicatorCode, String(year), String(year + 1), today) as { body: string }[]
  return rows.map((r) => JSON.parse(r.body))
}

export function signOffs(db: Database.Database, indicatorCode: string, period: string, unitIds: string[]): SignOff[] {
  const stmt = db.prepare('SELECT body FROM signoffs WHERE indicator_code = ? AND period = ? AND unit_id = ?')
  return unitIds.flatMap((u) => {
    const row = stmt.get(indicatorCode, period, u) as { body: string } | undefined
    return row ? [JSON.parse(row.body) as SignOff] : []
  })
}

export function putSignOff(db: Database.Database, s: SignOff, basis?: SignOffBasis): boolean {
  // IMMEDIATE: the write lock is held from the first read, so no report or sign-off write lands between check and write.
  return db.transaction((): boolean => {
    const versionOf = db.prepare('SELECT version FROM signoffs WHERE indicator_code = ? AND period = ? AND unit_id = ?')
    const row = versionOf.get(s.indicatorCode, s.period, s.unitId) as { version: number } | undefined
    if ((row?.version ?? 0) !== s.version - 1) return false
    const reportVersion = db.prepare('SELECT version FROM reports WHERE id = ?')
    for (const r of basis?.reports ?? []) if (((reportVersion.get(r.reportId) as { version: number } | undefined)?.version ?? 0) !== r.version) return false
    for (const c of basis?.signOffs ?? []) if (((versionOf.get(s.indicatorCode, s.period, c.unitId) as { version: number } | undefined)?.version ?? 0) !== c.version) return false
    db
      .prepare('INSERT INTO signoffs (indicator_code, unit_id, period, version, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT(indicator_code, period, unit_id) DO UPDATE SET version = excluded.version, body = excluded.body')
      .run(s.indicatorCode, s.unitId, s.period, s.version, JSON.stringify(s))
    return true
  }).immediate()
}
