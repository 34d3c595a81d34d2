import type Database from 'better-sqlite3'
import type { Person } from '../../../src/core/person'
import type { Invite, RedeemOutcome } from '../types'
import * as server from './serverTables'

const PERSON = 'SELECT id, name, role, org_unit_id AS orgUnitId FROM people'

/** People, their WeChat binding and their invites, in the SQLite store. */
export function putPeople(db: Database.Database, people: Person[]): void {
  const stmt = db.prepare(
    `INSERT INTO people (id, name, role, org_unit_id) VALUES (@id, @name, @role, @orgUnitId)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, org_unit_id = excluded.org_unit_id`
  )
  const before = db.prepare('SELECT role, org_unit_id AS orgUnitId FROM people WHERE id = ?')
  db.transaction(() =>
    people.forEach((p) => {
      // A new role or unit changes what the person may do: sessions issued before end.
      const cur = before.get(p.id) as { role: string; orgUnitId: string } | undefined
      if (cur && (cur.role !== p.role || cur.orgUnitId !== p.orgUnitId)) server.endSessions(db, p.id)
      stmt.run(p)
    })
  ).immediate()
}

export function getPerson(db: Database.Database, id: string): Person | null {
  return (db.prepare(`${PERSON} WHERE id = ?`).get(id) as Person) ?? null
}

export function listPeople(db: Database.Database): Person[] {
  return db.prepare(`${PERSON} ORDER BY id`).all() as Person[]
}

export function peopleAfter(db: Database.Database, afterId: string | null, limit: number): Person[] {
  return db.prepare(`${PERSON} WHERE id > ? ORDER BY id LIMIT ?`).all(afterId ?? '', limit) as Person[]
}

export function personByOpenid(db: Database.Database, openid: string): Person | null {
  return (db.prepare(`${PERSON} WHERE openid = ?`).get(openid) as Person) ?? null
}

export function createInvite(db: Database.Database, inv: Invite): void {
  db.prepare('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)').run(inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt)
}

export function redeemInvite(db: Database.Database, code: string, openid: string, now: string): RedeemOutcome {
  return db.transaction((): RedeemOutcome => {
    const inv = db.prepare('SELECT person_id, expires_at, used_at FROM invites WHERE code = ?').get(code) as { person_id: string; expires_at: string; used_at: string | null } | undefined
    if (!inv) return { kind: 'not_found' }
    if (inv.used_at) return { kind: 'used' }
    if (inv.expires_at < now) return { kind: 'expired' }
    db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE code = ?').run(now, openid, code)
    // One WeChat account speaks for one person: a re-bind moves it.
    db.prepare('UPDATE people SET openid = NULL WHERE openid = ?').run(openid)
    db.prepare('UPDATE people SET openid = ? WHERE id = ?').run(openid, inv.person_id)
    return { kind: 'ok', person: db.prepare(`${PERSON} WHERE id = ?`).get(inv.person_id) as Person }
  }).immediate()
}
