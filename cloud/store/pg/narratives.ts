import type { Pool } from 'pg'
import type { NarrativeChange, NarrativeOverride } from '../types'
import { inTransaction, type Queryable } from './tx'

/** The 自查表 narrative part of the PostgreSQL store. */

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

const COLUMNS = 'indicator_code, org_unit_id, year, text, by_id, by_name, at'
const KEY = 'indicator_code = $1 AND org_unit_id = $2 AND year = $3'

async function appendHistory(q: Queryable, c: NarrativeChange): Promise<void> {
  await q.query(`INSERT INTO narrative_history (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [c.indicatorCode, c.orgUnitId, c.year, c.text, c.byId, c.byName, c.at])
}

export async function getNarrative(pool: Pool, indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeOverride | null> {
  const row = (await pool.query<Row>(`SELECT ${COLUMNS} FROM narratives WHERE ${KEY}`, [indicatorCode, orgUnitId, year])).rows[0]
  return row ? (toChange(row) as NarrativeOverride) : null
}

export async function putNarrative(pool: Pool, n: NarrativeOverride): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query(
      `INSERT INTO narratives (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (indicator_code, org_unit_id, year) DO UPDATE SET text = excluded.text, by_id = excluded.by_id, by_name = excluded.by_name, at = excluded.at`,
      [n.indicatorCode, n.orgUnitId, n.year, n.text, n.byId, n.byName, n.at]
    )
    await appendHistory(c, n)
  })
}

export async function clearNarrative(pool: Pool, c: Omit<NarrativeChange, 'text'>): Promise<boolean> {
  return inTransaction(pool, async (tx) => {
    const removed = (await tx.query(`DELETE FROM narratives WHERE ${KEY}`, [c.indicatorCode, c.orgUnitId, c.year])).rowCount === 1
    if (removed) await appendHistory(tx, { ...c, text: null })
    return removed
  })
}

export async function narrativeHistory(pool: Pool, indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeChange[]> {
  return (await pool.query<Row>(`SELECT ${COLUMNS} FROM narrative_history WHERE ${KEY} ORDER BY id`, [indicatorCode, orgUnitId, year])).rows.map(toChange)
}
