import type { Pool } from 'pg'
import type { Person } from '../../../src/core/person'
import type { Invite, RedeemOutcome } from '../types'
import { inTransaction, type Queryable } from './tx'

/** People, their WeChat binding and their invites, in the PostgreSQL store. */
export const PERSON = 'SELECT id, name, role, org_unit_id AS "orgUnitId" FROM people'
const BATCH = 1000

export async function putPeople(pool: Pool, people: Person[]): Promise<void> {
  await inTransaction(pool, async (c) => {
    for (let i = 0; i < people.length; i += BATCH) {
      const b = people.slice(i, i + BATCH)
      // A new role or unit changes what the person may do: sessions issued before end.
      await c.query(
        `INSERT INTO session_generations (person_id, generation)
         SELECT p.id, 1 FROM people p JOIN unnest($1::text[], $2::text[], $3::text[]) AS n(id, role, unit) ON p.id = n.id
         WHERE p.role <> n.role OR p.org_unit_id <> n.unit
         ON CONFLICT (person_id) DO UPDATE SET generation = session_generations.generation + 1`,
        [b.map((p) => p.id), b.map((p) => p.role), b.map((p) => p.orgUnitId)]
      )
      await c.query(
        `INSERT INTO people (id, name, role, org_unit_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, org_unit_id = excluded.org_unit_id`,
        [b.map((p) => p.id), b.map((p) => p.name), b.map((p) => p.role), b.map((p) => p.orgUnitId)]
      )
    }
  })
}

export async function getPerson(q: Queryable, id: string): Promise<Person | null> {
  return (await q.query<Person>(`${PERSON} WHERE id = $1`, [id])).rows[0] ?? null
}

export async function listPeople(q: Queryable): Promise<Person[]> {
  return (await q.query<Person>(`${PERSON} ORDER BY id`)).rows
}

export async function peopleAfter(q: Queryable, afterId: string | null, limit: number): Promise<Person[]> {
  return (await q.query<Person>(`${PERSON} WHERE id > $1 ORDER BY id LIMIT $2`, [afterId ?? '', limit])).rows
}

export async function personByOpenid(q: Queryable, openid: string): Promise<Person | null> {
  return (await q.query<Person>(`${PERSON} WHERE openid = $1`, [openid])).rows[0] ?? null
}

export async function createInvite(pool: Pool, inv: Invite): Promise<void> {
  await pool.query('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)', [inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt])
}

export async function redeemInvite(pool: Pool, code: string, openid: string, now: string): Promise<RedeemOutcome> {
  return inTransaction(pool, async (c): Promise<RedeemOutcome> => {
    // The row lock makes two redeems of one code take turns: the second sees it used.
    const inv = (await c.query<{ person_id: string; expires_at: string; used_at: string | null }>('SELECT person_id, expires_at, used_at FROM invites WHERE code = $1 FOR UPDATE', [code])).rows[0]
    if (!inv) return { kind: 'not_found' }
    if (inv.used_at) return { kind: 'used' }
    if (inv.expires_at < now) return { kind: 'expired' }
    await c.query('UPDATE invites SET used_at = $1, used_by = $2 WHERE code = $3', [now, openid, code])
    // One WeChat account speaks for one person: a re-bind moves it.
    await c.query('UPDATE people SET openid = NULL WHERE openid = $1', [openid])
    await c.query('UPDATE people SET openid = $1 WHERE id = $2', [openid, inv.person_id])
    return { kind: 'ok', person: (await c.query<Person>(`${PERSON} WHERE id = $1`, [inv.person_id])).rows[0] }
  })
}
