import type Database from 'better-sqlite3'
import type { NarrativeChange, NarrativeOverride } from '../types'

/** The 自查表 narrative part of the SQLite store (tables from migration 3). */

interface Row {
  indicator_code: string
  org_unit_id: string
  year: number
  text: string | null
  by_id: string
  by_name: string
  at: string
}

const toChange = (r: Row): NarrativeChange => ({
  indicatorCode: r.indicator_code,
  orgUnitId: r.org_unit_id,
  year: r.year,
  text: r.text,
  byId: r.by_id,
  byName: r.by_name,
  at: r.at
})

const KEY = 'indicator_code = ? AND org_unit_id = ? AND year = ?'

function appendHistory(db: Database.Database, c: NarrativeChange): void {
  db.prepare('INSERT INTO narrative_history (indicator_code, org_unit_id, year, text, by_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    c.indicatorCode,
    c.orgUnitId,
    c.year,
    c.text,
    c.byId,
    c.byName,
    c.at
  )
}

export function getNarrative(db: Database.Database, indicatorCode: string, orgUnitId: string, year: number): NarrativeOverride | null {
  const row = db.prepare(`SELECT * FROM narratives WHERE ${KEY}`).get(indicatorCode, orgUnitId, year) as Row | undefined
  return row ? (toChange(row) as NarrativeOverride) : null
}

export function putNarrative(db: Database.Database, n: NarrativeOverride): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO narratives (indicator_code, org_unit_id, year, text, by_id, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(indicator_code, org_unit_id, year) DO UPDATE SET text = excluded.text, by_id = excluded.by_id, by_name = excluded.by_name, at = excluded.at`
    ).run(n.indicatorCode, n.orgUnitId, n.year, n.text, n.byId, n.byName, n.at)
    appendHistory(db, n)
  }).immediate()
}

export function clearNarrative(db: Database.Database, c: Omit<NarrativeChange, 'text'>): boolean {
  return db.transaction((): boolean => {
    const removed = db.prepare(`DELETE FROM narratives WHERE ${KEY}`).run(c.indicatorCode, c.orgUnitId, c.year).changes === 1
    if (removed) appendHistory(db, { ...c, text: null })
    return removed
  }).immediate()
}

export function narrativeHistory(db: Database.Database, indicatorCode: string, orgUnitId: string, year: number): NarrativeChange[] {
  return (db.prepare(`SELECT * FROM narrative_history WHERE ${KEY} ORDER BY id`).all(indicatorCode, orgUnitId, year) as Row[]).map(toChange)
}
