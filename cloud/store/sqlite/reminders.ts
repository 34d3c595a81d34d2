import type Database from 'better-sqlite3'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { GrantChange, OutboxEntry, OutboxQuery, ReminderGrant } from '../types'

/** The reminder part of the SQLite store (tables from migration 2). */

interface GrantRow {
  person_id: string
  template_id: string
  openid: string | null
  one_time: number
  long_term: number
  updated_at: string
}

const toGrant = (r: GrantRow): ReminderGrant => ({
  personId: r.person_id,
  templateId: r.template_id,
  openid: r.openid,
  oneTime: r.one_time,
  longTerm: r.long_term === 1,
  updatedAt: r.updated_at
})

const GRANT = 'SELECT * FROM reminder_grants'

export function reminderGrants(db: Database.Database, personIds?: string[]): ReminderGrant[] {
  const rows = personIds
    ? (personIds.length ? (db.prepare(`${GRANT} WHERE person_id IN (${personIds.map(() => '?').join(',')}) ORDER BY person_id, template_id`).all(...personIds) as GrantRow[]) : [])
    : (db.prepare(`${GRANT} ORDER BY person_id, template_id`).all() as GrantRow[])
  return rows.map(toGrant)
}

export function grantReminder(db: Database.Database, c: GrantChange): ReminderGrant {
  return db.transaction((): ReminderGrant => {
    const cur = db.prepare(`${GRANT} WHERE person_id = ? AND template_id = ?`).get(c.personId, c.templateId) as GrantRow | undefined
    const otherAccount = !!cur?.openid && !!c.openid && cur.openid !== c.openid
    const keep = cur && !otherAccount
    const next: GrantRow = {
      person_id: c.personId,
      template_id: c.templateId,
      openid: c.openid ?? cur?.openid ?? null,
      one_time: (keep ? cur.one_time : 0) + c.add,
      long_term: c.longTerm === undefined ? (keep ? cur.long_term : 0) : c.longTerm ? 1 : 0,
      updated_at: c.at
    }
    db.prepare(
      `INSERT INTO reminder_grants (person_id, template_id, openid, one_time, long_term, updated_at)
       VALUES (@person_id, @template_id, @openid, @one_time, @long_term, @updated_at)
       ON CONFLICT(person_id, template_id) DO UPDATE SET openid = excluded.openid, one_time = excluded.one_time,
         long_term = excluded.long_term, updated_at = excluded.updated_at`
    ).run(next)
    return toGrant(next)
  }).immediate()
}

export function useReminderGrant(db: Database.Database, personId: string, templateId: string, at: string): boolean {
  const r = db.prepare('UPDATE reminder_grants SET one_time = one_time - 1, updated_at = ? WHERE person_id = ? AND template_id = ? AND one_time > 0').run(at, personId, templateId)
  return r.changes === 1
}

export function zeroReminderGrants(db: Database.Database, personId: string, templateId: string, at: string): void {
  db.prepare('UPDATE reminder_grants SET one_time = 0, long_term = 0, updated_at = ? WHERE person_id = ? AND template_id = ?').run(at, personId, templateId)
}

export function markReminded(db: Database.Database, personId: string, day: string): boolean {
  const r = db
    .prepare('INSERT INTO reminder_days (person_id, day) VALUES (?, ?) ON CONFLICT(person_id) DO UPDATE SET day = excluded.day WHERE reminder_days.day <> excluded.day')
    .run(personId, day)
  return r.changes === 1
}

export function unmarkReminded(db: Database.Database, personId: string, day: string): void {
  db.prepare('DELETE FROM reminder_days WHERE person_id = ? AND day = ?').run(personId, day)
}

export function remindedOn(db: Database.Database, day: string): string[] {
  return (db.prepare('SELECT person_id FROM reminder_days WHERE day = ? ORDER BY person_id').all(day) as { person_id: string }[]).map((r) => r.person_id)
}

export function appendOutbox(db: Database.Database, e: OutboxEntry): void {
  db.prepare('INSERT INTO reminder_outbox (id, person_id, day, status, body) VALUES (?, ?, ?, ?, ?)').run(e.id, e.personId, e.day, e.status, JSON.stringify(e))
}

export function listOutbox(db: Database.Database, q: OutboxQuery): OutboxEntry[] {
  const where: string[] = []
  const params: Record<string, unknown> = { limit: q.limit }
  if (q.before) (where.push('id < @before'), (params.before = q.before))
  if (q.personId) (where.push('person_id = @personId'), (params.personId = q.personId))
  const sql = `SELECT body FROM reminder_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`
  return (db.prepare(sql).all(params) as { body: string }[]).map((r) => JSON.parse(r.body))
}

export function reminderCursor(db: Database.Database): ReminderCursor | null {
  const row = db.prepare("SELECT body FROM job_state WHERE name = 'reminders'").get() as { body: string } | undefined
  return row ? JSON.parse(row.body) : null
}

export function putReminderCursor(db: Database.Database, c: ReminderCursor): void {
  db.prepare("INSERT INTO job_state (name, body) VALUES ('reminders', ?) ON CONFLICT(name) DO UPDATE SET body = excluded.body").run(JSON.stringify(c))
}
