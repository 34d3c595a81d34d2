import type Database from 'better-sqlite3'
import type { Indicator } from '../../../src/core/indicator'
import { rebuildRollups } from '../../../src/core/rollupRebuild'
import type { StoredReport } from '../types'
import { endSessions } from './serverTables'

export interface DropSummary {
  people: number
  reports: number
  grants: number
}

/**
 * Rewrites the roll-ups and unit-year stamps from the reports alone (the
 * rebuild path of the per-write deltas). Run inside a write transaction.
 */
export function rebuildRollupTables(db: Database.Database): void {
  const indicators = (db.prepare('SELECT body FROM indicators').all() as { body: string }[]).map((r) => JSON.parse(r.body) as Indicator)
  const reports = (db.prepare('SELECT body, unit_path FROM reports').all() as { body: string; unit_path: string }[]).map(
    (r) => ({ ...JSON.parse(r.body), unitPath: r.unit_path }) as StoredReport
  )
  db.prepare('DELETE FROM rollups').run()
  const put = db.prepare('INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) VALUES (?, ?, ?, ?, ?, ?)')
  for (const row of rebuildRollups(indicators, reports)) put.run(row.indicatorCode, row.unitId, row.period, row.field, row.sum, row.n)
  // A stamp only has to change when the unit-year does: bumping every one
  // makes any write computed before this rebuild retry on fresh figures.
  db.prepare('UPDATE unit_years SET stamp = stamp + 1').run()
}

/**
 * Leaves demo mode: the demo people go, with their sessions (their
 * generation moves on and stays, so no old token comes back if the id is
 * reused), invites, reminder grants, reminder days and outbox, and every
 * report they submitted (with its history and submission ids); the
 * roll-ups are rebuilt from the reports that remain. The org tree, the
 * catalog and people added since stay. The install becomes 'real'.
 */
export function dropDemo(db: Database.Database, demoIds: string[]): DropSummary {
  return db
    .transaction((): DropSummary => {
      const present = demoIds.filter((id) => db.prepare('SELECT 1 FROM people WHERE id = ?').get(id))
      const reportIds = (db.prepare('SELECT id, body FROM reports').all() as { id: string; body: string }[])
        .filter((r) => demoIds.includes((JSON.parse(r.body) as StoredReport).submittedBy))
        .map((r) => r.id)
      let grants = 0
      for (const id of reportIds) {
        db.prepare('DELETE FROM history WHERE report_id = ?').run(id)
        db.prepare('DELETE FROM submissions WHERE report_id = ?').run(id)
        db.prepare('DELETE FROM reports WHERE id = ?').run(id)
      }
      for (const id of demoIds) {
        endSessions(db, id)
        grants += db.prepare('DELETE FROM reminder_grants WHERE person_id = ?').run(id).changes
        db.prepare('DELETE FROM reminder_days WHERE person_id = ?').run(id)
        db.prepare('DELETE FROM reminder_outbox WHERE person_id = ?').run(id)
        db.prepare('DELETE FROM invites WHERE person_id = ?').run(id)
        db.prepare('DELETE FROM people WHERE id = ?').run(id)
      }
      rebuildRollupTables(db)
      db.prepare("INSERT INTO install (key, value) VALUES ('mode', 'real') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run()
      return { people: present.length, reports: reportIds.length, grants }
    })
    .immediate()
}
