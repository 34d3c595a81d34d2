import type Database from 'better-sqlite3'
import type { HistoryEntry, ReportQuery, ReportWrite, StoredReport, WriteOutcome } from '../types'
import { prefixEnd } from './paths'
import { prepared } from './prepared'
import * as rollupTables from './rollups'

/** Reports, their client ids and their history in the SQLite store: one report write is one IMMEDIATE transaction with its roll-ups. */
export interface ReportRow {
  body: string
  unit_path: string
}

/**
 * A unit's reports of one indicator-year, read by every submit. `+period`:
 * with a plain `ORDER BY period` SQLite walks reports_indicator_period over
 * every report of the indicator (to skip sorting about 12 rows) instead of
 * seeking reports_unit_year, so a submit cost grew with all the reports.
 */
export const REPORTS_IN_YEAR = 'SELECT body, unit_path FROM reports WHERE indicator_code = ? AND org_unit_id = ? AND year = ? ORDER BY +period'

export const toReport = (row: ReportRow): StoredReport => ({ ...JSON.parse(row.body), unitPath: row.unit_path })

export function writeReport(db: Database.Database, w: ReportWrite): WriteOutcome {
  const r = w.report
  const year = Number(r.period.slice(0, 4))
  return db.transaction((): WriteOutcome => {
    if (w.clientId) {
      const dup = prepared(db, 'SELECT report_id FROM submissions WHERE client_id = ?').get(w.clientId) as { report_id: string } | undefined
      if (dup) return { kind: 'duplicate', reportId: dup.report_id }
    }
    const cur = prepared(db, 'SELECT version FROM reports WHERE id = ?').get(r.id) as { version: number } | undefined
    if ((cur?.version ?? 0) !== w.expectedVersion) return { kind: 'conflict' }
    const signed = prepared(db, "SELECT 1 FROM signoffs WHERE indicator_code = ? AND period = ? AND unit_id = ? AND json_extract(body, '$.status') = 'signed'")
    if ((w.lockedBy ?? []).some((u) => signed.get(r.indicatorCode, r.period, u))) return { kind: 'locked' }
    const { unitPath, ...report } = r
    // Roll-ups first: a stale stamp returns before anything is written.
    if (!rollupTables.applyRollup(db, r.indicatorCode, r.orgUnitId, year, w.expectedYearStamp, w.counted, w.rollupUnitIds, w.deltas)) return { kind: 'stale' }
    prepared(
      db,
      `INSERT INTO reports (id, indicator_code, org_unit_id, unit_path, period, year, status, version, updated_at, body)
       VALUES (@id, @indicatorCode, @orgUnitId, @unitPath, @period, @year, @status, @version, @updatedAt, @body)
       ON CONFLICT(id) DO UPDATE SET status = excluded.status, version = excluded.version, updated_at = excluded.updated_at, body = excluded.body`
    ).run({ id: r.id, indicatorCode: r.indicatorCode, orgUnitId: r.orgUnitId, unitPath, period: r.period, year, status: r.status, version: r.version, updatedAt: r.updatedAt, body: JSON.stringify(report) })
    if (w.clientId) prepared(db, 'INSERT INTO submissions (client_id, report_id, version) VALUES (?, ?, ?)').run(w.clientId, r.id, r.version)
    const h = w.history
    prepared(db, 'INSERT INTO history (report_id, at, actor_id, actor_name, action, version, changes, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      h.reportId, h.at, h.actorId, h.actorName, h.action, h.version, JSON.stringify(h.changes), h.comment ?? null
    )
    return { kind: 'ok' }
  }).immediate()
}

export function queryReports(db: Database.Database, q: ReportQuery): StoredReport[] {
  const where = ['unit_path >= @from', 'unit_path < @to']
  const params: Record<string, unknown> = { from: q.underPath, to: prefixEnd(q.underPath), limit: q.limit }
  if (q.status) (where.push('status = @status'), (params.status = q.status))
  if (q.indicatorCode) (where.push('indicator_code = @code'), (params.code = q.indicatorCode))
  if (q.period) (where.push('period = @period'), (params.period = q.period))
  if (q.after) {
    params.before = q.after.updatedAt
    if (q.after.id === undefined) where.push('updated_at < @before')
    else (where.push('(updated_at < @before OR (updated_at = @before AND id > @afterId))'), (params.afterId = q.after.id))
  }
  const rows = db.prepare(`SELECT body, unit_path FROM reports WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id LIMIT @limit`).all(params) as ReportRow[]
  return rows.map(toReport)
}

export function history(db: Database.Database, reportId: string): HistoryEntry[] {
  const rows = db.prepare('SELECT * FROM history WHERE report_id = ? ORDER BY id').all(reportId) as Record<string, unknown>[]
  return rows.map((r) => ({
    reportId: r.report_id as string,
    at: r.at as string,
    actorId: r.actor_id as string,
    actorName: r.actor_name as string,
    action: r.action as HistoryEntry['action'],
    version: r.version as number,
    changes: JSON.parse(r.changes as string),
    ...(r.comment ? { comment: r.comment as string } : {})
  }))
}
