import type { PoolClient } from 'pg'
import type { HistoryEntry, ReportQuery, ReportWrite, StoredReport, WriteOutcome } from '../types'
import { addRollups, lockUnitYear, rollupRows, stampUnitYear, type UnitYearKey } from './rollups'
import type { Queryable } from './tx'

/** Reports, their submissions and history, in the PostgreSQL store. */
export interface ReportRow {
  body: string
  unit_path: string
}

export const toReport = (row: ReportRow): StoredReport => ({ ...JSON.parse(row.body), unitPath: row.unit_path })

/** The upper bound of a path-prefix range: '/' + 1 is '0' (columns compare byte-wise, COLLATE "C"). */
export const prefixEnd = (path: string) => `${path.slice(0, -1)}0`

/** The write inside its transaction; anything but `ok` is rolled back by the caller. */
export async function writeIn(c: PoolClient, w: ReportWrite): Promise<WriteOutcome> {
  const r = w.report
  const year = Number(r.period.slice(0, 4))
  const key: UnitYearKey = [r.indicatorCode, r.orgUnitId, year]
  const stamp = await lockUnitYear(c, key)
  if (w.clientId) {
    const dup = (await c.query<{ report_id: string }>('SELECT report_id FROM submissions WHERE client_id = $1', [w.clientId])).rows[0]
    if (dup) return { kind: 'duplicate', reportId: dup.report_id }
  }
  const cur = (await c.query<{ version: number }>('SELECT version FROM reports WHERE id = $1', [r.id])).rows[0]
  if ((cur?.version ?? 0) !== w.expectedVersion) return { kind: 'conflict' }
  // After the unit-year lock, which a sign-off over this unit also takes: a sign-off committed before shows here.
  if (w.lockedBy?.length) {
    const { rows } = await c.query<{ body: string }>('SELECT body FROM signoffs WHERE indicator_code = $1 AND period = $2 AND unit_id = ANY($3::text[])', [r.indicatorCode, r.period, w.lockedBy])
    if (rows.some((row) => JSON.parse(row.body).status === 'signed')) return { kind: 'locked' }
  }
  if (stamp !== w.expectedYearStamp) return { kind: 'stale' }

  const { unitPath, ...report } = r
  await c.query(
    `INSERT INTO reports (id, indicator_code, org_unit_id, unit_path, period, year, status, version, updated_at, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version, updated_at = excluded.updated_at, body = excluded.body`,
    [r.id, r.indicatorCode, r.orgUnitId, unitPath, r.period, year, r.status, r.version, r.updatedAt, JSON.stringify(report)]
  )
  if (w.clientId) await c.query('INSERT INTO submissions (client_id, report_id, version) VALUES ($1, $2, $3)', [w.clientId, r.id, r.version])
  await stampUnitYear(c, key, w.counted)
  const h = w.history
  await c.query('INSERT INTO history (report_id, at, actor_id, actor_name, action, version, changes, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    h.reportId,
    h.at,
    h.actorId,
    h.actorName,
    h.action,
    h.version,
    JSON.stringify(h.changes),
    h.comment ?? null
  ])
  // Last, just before the commit: every submit of the district upserts the
  // same street and district rows, so their row locks serialize all writers;
  // taken here they are held for this statement and the commit only.
  await addRollups(c, rollupRows([w]))
  return { kind: 'ok' }
}

export async function queryReports(db: Queryable, q: ReportQuery): Promise<StoredReport[]> {
  const params: unknown[] = [q.underPath, prefixEnd(q.underPath)]
  const where = ['unit_path >= $1', 'unit_path < $2']
  const add = (sql: string, v: unknown) => {
    params.push(v)
    where.push(`${sql} $${params.length}`)
  }
  if (q.status) add('status =', q.status)
  if (q.indicatorCode) add('indicator_code =', q.indicatorCode)
  if (q.period) add('period =', q.period)
  if (q.after) {
    params.push(q.after.updatedAt)
    const at = `$${params.length}`
    if (q.after.id === undefined) where.push(`updated_at < ${at}`)
    else {
      params.push(q.after.id)
      where.push(`(updated_at < ${at} OR (updated_at = ${at} AND id > $${params.length}))`)
    }
  }
  params.push(q.limit)
  const r = await db.query<ReportRow>(`SELECT body, unit_path FROM reports WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id LIMIT $${params.length}`, params)
  return r.rows.map(toReport)
}

export async function history(db: Queryable, reportId: string): Promise<HistoryEntry[]> {
  const rows = (await db.query('SELECT * FROM history WHERE report_id = $1 ORDER BY id', [reportId])).rows as Record<string, unknown>[]
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
