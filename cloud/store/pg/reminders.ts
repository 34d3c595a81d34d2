import type { Pool } from 'pg'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { GrantChange, OutboxEntry, OutboxQuery, ReminderGrant } from '../types'
import { inTransaction } from './tx'

/** The reminder part of the PostgreSQL store. */

interface GrantRow {
  person_id: string
  template_id: string
  openid: string | null
  one_time: number
  long_term: boolean
  updated_at: string
}

const toGrant = (r: GrantRow): ReminderGrant => ({
  personId: r.person_id,
  templateId: r.template_id,
  openid: r.openid,
  oneTime: r.one_time,
  longTerm: r.long_term,
  updatedAt: r.updated_at
})

const GRANT = 'SELECT person_id, template_id, openid, one_time, long_term, updated_at FROM reminder_grants'

export async function reminderGrants(pool: Pool, personIds?: string[]): Promise<ReminderGrant[]> {
  if (personIds && personIds.length === 0) return []
  const r = personIds
    ? await pool.query<GrantRow>(`${GRANT} WHERE person_id = ANY($1::text[]) ORDER BY person_id, template_id`, [personIds])
    : await pool.query<GrantRow>(`${GRANT} ORDER BY person_id, template_id`)
  return r.rows.map(toGrant)
}

export function grantReminder(pool: Pool, c: GrantChange): Promise<ReminderGrant> {
  return inTransaction(pool, async (tx) => {
    // An empty row first (a no-op when one exists), so FOR UPDATE always has a row to lock.
    await tx.query('INSERT INTO reminder_grants (person_id, template_id, openid, one_time, long_term, updated_at) VALUES ($1, $2, NULL, 0, false, $3) ON CONFLICT DO NOTHING', [
      c.personId,
      c.templateId,
      c.at
    ])
    const cur = (await tx.query<GrantRow>(`${GRANT} WHERE person_id = $1 AND template_id = $2 FOR UPDATE`, [c.personId, c.templateId])).rows[0]
    const otherAccount = !!cur.openid && !!c.openid && cur.openid !== c.openid
    const keep = !otherAccount
    const next: GrantRow = {
      person_id: c.personId,
      template_id: c.templateId,
      openid: c.openid ?? cur.openid ?? null,
      one_time: (keep ? cur.one_time : 0) + c.add,
      long_term: c.longTerm === undefined ? keep && cur.long_term : c.longTerm,
      updated_at: c.at
    }
    await tx.query('UPDATE reminder_grants SET openid = $3, one_time = $4, long_term = $5, updated_at = $6 WHERE person_id = $1 AND template_id = $2', [
      next.person_id,
      next.template_id,
      next.openid,
      next.one_time,
      next.long_term,
      next.updated_at
    ])
    return toGrant(next)
  })
}

export async function useReminderGrant(pool: Pool, personId: string, templateId: string, at: string): Promise<boolean> {
  const r = await pool.query('UPDATE reminder_grants SET one_time = one_time - 1, updated_at = $1 WHERE person_id = $2 AND template_id = $3 AND one_time > 0', [at, personId, templateId])
  return r.rowCount === 1
}

export async function zeroReminderGrants(pool: Pool, personId: string, templateId: string, at: string): Promise<void> {
  await pool.query('UPDATE reminder_grants SET one_time = 0, long_term = false, updated_at = $1 WHERE person_id = $2 AND template_id = $3', [at, personId, templateId])
}

export async function markReminded(pool: Pool, personId: string, day: string): Promise<boolean> {
  const r = await pool.query(
    'INSERT INTO reminder_days (person_id, day) VALUES ($1, $2) ON CONFLICT (person_id) DO UPDATE SET day = excluded.day WHERE reminder_days.day <> excluded.day',
    [personId, day]
  )
  return r.rowCount === 1
}

export async function unmarkReminded(pool: Pool, personId: string, day: string): Promise<void> {
  await pool.query('DELETE FROM reminder_days WHERE person_id = $1 AND day = $2', [personId, day])
}

export async function remindedOn(pool: Pool, day: string): Promise<string[]> {
  return (await pool.query<{ person_id: string }>('SELECT person_id FROM reminder_days WHERE day = $1 ORDER BY person_id', [day])).rows.map((r) => r.person_id)
}

export async function appendOutbox(pool: Pool, e: OutboxEntry): Promise<void> {
  await pool.query('INSERT INTO reminder_outbox (id, person_id, day, status, body) VALUES ($1, $2, $3, $4, $5)', [e.id, e.personId, e.day, e.status, JSON.stringify(e)])
}

export async function listOutbox(pool: Pool, q: OutboxQuery): Promise<OutboxEntry[]> {
  const where: string[] = []
  const params: unknown[] = []
  if (q.before) (params.push(q.before), where.push(`id < $${params.length}`))
  if (q.personId) (params.push(q.personId), where.push(`person_id = $${params.length}`))
  params.push(q.limit)
  const sql = `SELECT body FROM reminder_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`
  return (await pool.query<{ body: string }>(sql, params)).rows.map((r) => JSON.parse(r.body))
}

export async function reminderCursor(pool: Pool): Promise<ReminderCursor | null> {
  const row = (await pool.query<{ body: string }>("SELECT body FROM job_state WHERE name = 'reminders'")).rows[0]
  return row ? JSON.parse(row.body) : null
}

export async function putReminderCursor(pool: Pool, c: ReminderCursor): Promise<void> {
  await pool.query("INSERT INTO job_state (name, body) VALUES ('reminders', $1) ON CONFLICT (name) DO UPDATE SET body = excluded.body", [JSON.stringify(c)])
}
