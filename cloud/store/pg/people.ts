import type { Pool } from 'pg'
import type { Person } from '../../../src/core/person'
import { PersonExists, type Invite, type InvitesOutcome, type InviteWrite, type RedeemOutcome } from '../types'
import { prefixEnd } from './reports'
import { inTransaction, type Queryable } from './tx'

/** People, their WeChat binding and their invites, in the PostgreSQL store. */
export const PERSON = 'SELECT p.id, p.name, p.role, p.org_unit_id AS "orgUnitId", p.deactivated_at AS "deactivatedAt" FROM people p'
const BATCH = 1000

type PersonRow = Omit<Person, 'deactivatedAt'> & { deactivatedAt: string | null }
/** A person row as the domain sees it: `deactivatedAt` only when set. */
const toPerson = ({ deactivatedAt, ...p }: PersonRow): Person => (deactivatedAt ? { ...p, deactivatedAt } : p)

/**
 * Inside a transaction: upserts people, ending the sessions of anyone whose
 * role, unit or standing (deactivated or not) changes.
 */
async function putPeopleIn(c: Queryable, people: Person[]): Promise<void> {
  for (let i = 0; i < people.length; i += BATCH) {
    const b = people.slice(i, i + BATCH)
    const cols = [b.map((p) => p.id), b.map((p) => p.name), b.map((p) => p.role), b.map((p) => p.orgUnitId), b.map((p) => p.deactivatedAt ?? null)]
    await c.query(
      `INSERT INTO session_generations (person_id, generation)
       SELECT p.id, 1 FROM people p JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS n(id, name, role, unit, off) ON p.id = n.id
       WHERE p.role <> n.role OR p.org_unit_id <> n.unit OR p.deactivated_at IS DISTINCT FROM n.off
       ON CONFLICT (person_id) DO UPDATE SET generation = session_generations.generation + 1`,
      cols
    )
    await c.query(
      `INSERT INTO people (id, name, role, org_unit_id, deactivated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, org_unit_id = excluded.org_unit_id, deactivated_at = excluded.deactivated_at`,
      cols
    )
  }
}

export async function putPeople(pool: Pool, people: Person[]): Promise<void> {
  await inTransaction(pool, (c) => putPeopleIn(c, people))
}

export async function getPerson(q: Queryable, id: string): Promise<Person | null> {
  const row = (await q.query<PersonRow>(`${PERSON} WHERE id = $1`, [id])).rows[0]
  return row ? toPerson(row) : null
}

export async function listPeople(q: Queryable): Promise<Person[]> {
  return (await q.query<PersonRow>(`${PERSON} ORDER BY id`)).rows.map(toPerson)
}

export async function peopleAfter(q: Queryable, afterId: string | null, limit: number): Promise<Person[]> {
  return (await q.query<PersonRow>(`${PERSON} WHERE id > $1 ORDER BY id LIMIT $2`, [afterId ?? '', limit])).rows.map(toPerson)
}

export async function peopleUnder(q: Queryable, path: string, afterId: string | null, limit: number): Promise<Person[]> {
  const r = await q.query<PersonRow>(`${PERSON} JOIN org_units u ON u.id = p.org_unit_id WHERE u.path >= $1 AND u.path < $2 AND p.id > $3 ORDER BY p.id LIMIT $4`, [path, prefixEnd(path), afterId ?? '', limit])
  return r.rows.map(toPerson)
}

export async function personByOpenid(q: Queryable, openid: string): Promise<Person | null> {
  const row = (await q.query<PersonRow>(`${PERSON} WHERE openid = $1`, [openid])).rows[0]
  return row ? toPerson(row) : null
}

export async function createInvite(pool: Pool, inv: Invite): Promise<void> {
  await pool.query('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)', [inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt])
}

/** The people (new ones) and their invites in one transaction: a failure leaves neither. */
export async function createInvites(pool: Pool, items: InviteWrite[]): Promise<InvitesOutcome> {
  return inTransaction(pool, async (c): Promise<InvitesOutcome> => {
    const fresh = items.flatMap((i) => (i.newPerson ? [i.newPerson] : []))
    if (fresh.length) {
      const taken = (await c.query<{ id: string }>('SELECT id FROM people WHERE id = ANY($1::text[]) LIMIT 1', [fresh.map((p) => p.id)])).rows[0]
      if (taken) throw new PersonExists(taken.id)
      await putPeopleIn(c, fresh)
    }
    for (const { invite: inv } of items) {
      await c.query('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)', [inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt])
    }
    return { kind: 'ok' }
  })
}

export async function redeemInvite(pool: Pool, code: string, openid: string, now: string): Promise<RedeemOutcome> {
  return inTransaction(pool, async (c): Promise<RedeemOutcome> => {
    // The row lock makes two redeems of one code take turns: the second sees it used.
    const inv = (await c.query<{ person_id: string; expires_at: string; used_at: string | null }>('SELECT person_id, expires_at, used_at FROM invites WHERE code = $1 FOR UPDATE', [code])).rows[0]
    if (!inv) return { kind: 'not_found' }
    if (inv.used_at) return { kind: 'used' }
    if (inv.expires_at < now) return { kind: 'expired' }
    const holder = (await c.query<{ deactivated_at: string | null }>('SELECT deactivated_at FROM people WHERE id = $1', [inv.person_id])).rows[0]
    // A deactivated person's code is as good as none (the one answer for every bad code).
    if (!holder || holder.deactivated_at) return { kind: 'not_found' }
    await c.query('UPDATE invites SET used_at = $1, used_by = $2 WHERE code = $3', [now, openid, code])
    // One WeChat account speaks for one person: a re-bind moves it.
    await c.query('UPDATE people SET openid = NULL WHERE openid = $1', [openid])
    await c.query('UPDATE people SET openid = $1 WHERE id = $2', [openid, inv.person_id])
    return { kind: 'ok', person: toPerson((await c.query<PersonRow>(`${PERSON} WHERE id = $1`, [inv.person_id])).rows[0]) }
  })
}
