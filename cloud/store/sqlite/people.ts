import type Database from 'better-sqlite3'
import type { Person } from '../../../src/core/person'
import { PersonExists, type Invite, type InvitesOutcome, type InviteWrite, type RedeemOutcome } from '../types'
import { prefixEnd } from './paths'
import * as server from './serverTables'

const PERSON = 'SELECT p.id, p.name, p.role, p.org_unit_id AS orgUnitId, p.deactivated_at AS deactivatedAt FROM people p'

interface PersonRow {
  id: string
  name: string
  role: Person['role']
  orgUnitId: string
  deactivatedAt: string | null
}

/** A person row as the domain sees it: `deactivatedAt` only when set. */
const toPerson = ({ deactivatedAt, ...p }: PersonRow): Person => (deactivatedAt ? { ...p, deactivatedAt } : p)
const one = (row: unknown): Person | null => (row ? toPerson(row as PersonRow) : null)

/** Inside a transaction: one person, ending their sessions when their role, unit or standing changes. */
function putPerson(db: Database.Database, p: Person): void {
  const cur = db.prepare('SELECT role, org_unit_id AS orgUnitId, deactivated_at AS deactivatedAt FROM people WHERE id = ?').get(p.id) as
    | { role: string; orgUnitId: string; deactivatedAt: string | null }
    | undefined
  // A new role or unit changes what the person may do, and a deactivated one may do nothing: sessions issued before end.
  if (cur && (cur.role !== p.role || cur.orgUnitId !== p.orgUnitId || (cur.deactivatedAt ?? null) !== (p.deactivatedAt ?? null))) server.endSessions(db, p.id)
  db.prepare(
    `INSERT INTO people (id, name, role, org_unit_id, deactivated_at) VALUES (@id, @name, @role, @orgUnitId, @deactivatedAt)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, org_unit_id = excluded.org_unit_id, deactivated_at = excluded.deactivated_at`
  ).run({ id: p.id, name: p.name, role: p.role, orgUnitId: p.orgUnitId, deactivatedAt: p.deactivatedAt ?? null })
}

/** People, their WeChat binding and their invites, in the SQLite store. */
export function putPeople(db: Database.Database, people: Person[]): void {
  db.transaction(() => people.forEach((p) => putPerson(db, p))).immediate()
}

export function getPerson(db: Database.Database, id: string): Person | null {
  return one(db.prepare(`${PERSON} WHERE id = ?`).get(id))
}

export function listPeople(db: Database.Database): Person[] {
  return (db.prepare(`${PERSON} ORDER BY id`).all() as PersonRow[]).map(toPerson)
}

export function peopleAfter(db: Database.Database, afterId: string | null, limit: number): Person[] {
  return (db.prepare(`${PERSON} WHERE id > ? ORDER BY id LIMIT ?`).all(afterId ?? '', limit) as PersonRow[]).map(toPerson)
}

export function peopleUnder(db: Database.Database, path: string, afterId: string | null, limit: number): Person[] {
  return (
    db.prepare(`${PERSON} JOIN org_units u ON u.id = p.org_unit_id WHERE u.path >= ? AND u.path < ? AND p.id > ? ORDER BY p.id LIMIT ?`).all(path, prefixEnd(path), afterId ?? '', limit) as PersonRow[]
  ).map(toPerson)
}

export function personByOpenid(db: Database.Database, openid: string): Person | null {
  return one(db.prepare(`${PERSON} WHERE openid = ?`).get(openid))
}

export function createInvite(db: Database.Database, inv: Omit<Invite, 'usedAt'>): void {
  db.prepare('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)').run(inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt)
}

/** The people (new ones) and their invites in one transaction: a failure leaves neither. */
export function createInvites(db: Database.Database, items: InviteWrite[]): InvitesOutcome {
  const exists = db.prepare('SELECT 1 FROM people WHERE id = ?')
  return db.transaction((): InvitesOutcome => {
    for (const { invite: inv, newPerson } of items) {
      if (newPerson) {
        if (exists.get(newPerson.id)) throw new PersonExists(newPerson.id)
        putPerson(db, newPerson)
      }
      createInvite(db, inv)
    }
    return { kind: 'ok' }
  }).immediate()
}

export function redeemInvite(db: Database.Database, code: string, openid: string, now: string): RedeemOutcome {
  return db.transaction((): RedeemOutcome => {
    const inv = db.prepare('SELECT person_id, expires_at, used_at FROM invites WHERE code = ?').get(code) as { person_id: string; expires_at: string; used_at: string | null } | undefined
    if (!inv) return { kind: 'not_found' }
    if (inv.used_at) return { kind: 'used' }
    if (inv.expires_at < now) return { kind: 'expired' }
    const holder = db.prepare('SELECT deactivated_at FROM people WHERE id = ?').get(inv.person_id) as { deactivated_at: string | null } | undefined
    // A deactivated person's code is as good as none (the one answer for every bad code).
    if (!holder || holder.deactivated_at) return { kind: 'not_found' }
    db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE code = ?').run(now, openid, code)
    // One WeChat account speaks for one person: a re-bind moves it.
    db.prepare('UPDATE people SET openid = NULL WHERE openid = ?').run(openid)
    db.prepare('UPDATE people SET openid = ? WHERE id = ?').run(openid, inv.person_id)
    return { kind: 'ok', person: one(db.prepare(`${PERSON} WHERE id = ?`).get(inv.person_id))! }
  }).immediate()
}
