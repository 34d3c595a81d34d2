import type { Pool } from 'pg'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import { prefixEnd } from './reports'
import { inTransaction, type Queryable } from './tx'

/** Org units in the PostgreSQL store: the tree, its changes, and the people an org change moves. */
const UNIT = 'SELECT id, name, level, parent_id AS "parentId", path, retired_at AS "retiredAt", merged_into AS "mergedInto", population FROM org_units'

interface UnitRow extends Omit<OrgUnit, 'retiredAt' | 'mergedInto' | 'population'> {
  retiredAt: string | null
  mergedInto: string | null
  population: Record<string, number> | null
}

/** A unit row as the domain sees it: optional fields only when set. */
const toUnit = ({ retiredAt, mergedInto, population, ...u }: UnitRow): OrgUnit => ({
  ...u,
  ...(retiredAt ? { retiredAt } : {}),
  ...(mergedInto ? { mergedInto } : {}),
  ...(population ? { population } : {})
})
const BATCH = 1000

export async function putOrgUnits(pool: Pool, units: OrgUnit[]): Promise<void> {
  await inTransaction(pool, async (c) => {
    for (let i = 0; i < units.length; i += BATCH) {
      const b = units.slice(i, i + BATCH)
      await c.query(
        `INSERT INTO org_units (id, name, level, parent_id, path)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
        [b.map((u) => u.id), b.map((u) => u.name), b.map((u) => u.level), b.map((u) => u.parentId), b.map((u) => u.path)]
      )
    }
  })
}

export async function getOrgUnit(q: Queryable, id: string): Promise<OrgUnit | null> {
  const row = (await q.query<UnitRow>(`${UNIT} WHERE id = $1`, [id])).rows[0]
  return row ? toUnit(row) : null
}

// Retired units keep their rows (their reports are history) but take no new work: left out here.
export async function childUnits(q: Queryable, parentId: string): Promise<OrgUnit[]> {
  return (await q.query<UnitRow>(`${UNIT} WHERE parent_id = $1 AND retired_at IS NULL ORDER BY path`, [parentId])).rows.map(toUnit)
}

export async function unitsUnder(q: Queryable, path: string, level: OrgLevel): Promise<OrgUnit[]> {
  return (await q.query<UnitRow>(`${UNIT} WHERE level = $1 AND path >= $2 AND path < $3 AND retired_at IS NULL ORDER BY path`, [level, path, prefixEnd(path)])).rows.map(toUnit)
}

/** Counts per pool, valid while org_stamp (migration 013) holds the stamp they were read under. */
const counted = new WeakMap<Pool, { stamp: string; n: Map<string, number> }>()
const MAX_COUNTS = 50_000

/**
 * Units of `level` under `path`. A count visits every such unit (60,000
 * grids under a city district: the bulk of a district `progress`), and the
 * tree changes rarely: counts are kept per process and read again once any
 * process has written org_units since (one primary-key read per call).
 */
export async function countUnitsUnder(pool: Pool, q: Queryable, path: string, level: OrgLevel): Promise<number> {
  const stamp = (await q.query<{ stamp: string }>('SELECT stamp::text AS stamp FROM org_stamp WHERE id = 1')).rows[0].stamp
  let cache = counted.get(pool)
  if (!cache || cache.stamp !== stamp || cache.n.size > MAX_COUNTS) counted.set(pool, (cache = { stamp, n: new Map() }))
  const key = `${level}|${path}`
  const known = cache.n.get(key)
  if (known !== undefined) return known
  // Read after the stamp: a write committed in between makes this count newer than the stamp, never older.
  const r = await q.query<{ c: number }>('SELECT count(*)::int AS c FROM org_units WHERE level = $1 AND path >= $2 AND path < $3 AND retired_at IS NULL', [level, path, prefixEnd(path)])
  cache.n.set(key, r.rows[0].c)
  return r.rows[0].c
}

export async function orgTree(q: Queryable, path: string): Promise<OrgUnit[]> {
  return (await q.query<UnitRow>(`${UNIT} WHERE path >= $1 AND path < $2 ORDER BY path`, [path, prefixEnd(path)])).rows.map(toUnit)
}

export async function applyOrgChange(pool: Pool, units: OrgUnit[], people: { personId: string; orgUnitId: string }[]): Promise<void> {
  await inTransaction(pool, async (c) => {
    for (const u of units) {
      await c.query(
        `INSERT INTO org_units (id, name, level, parent_id, path, retired_at, merged_into, population) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, path = excluded.path,
           retired_at = excluded.retired_at, merged_into = excluded.merged_into, population = excluded.population`,
        [u.id, u.name, u.level, u.parentId, u.path, u.retiredAt ?? null, u.mergedInto ?? null, u.population ? JSON.stringify(u.population) : null]
      )
      await c.query('UPDATE reports SET unit_path = $1 WHERE org_unit_id = $2 AND unit_path <> $1', [u.path, u.id])
    }
    for (const p of people) {
      // A new unit changes what the person may do: sessions issued before end (as in putPeople).
      await c.query(
        `INSERT INTO session_generations (person_id, generation) VALUES ($1, 1)
         ON CONFLICT (person_id) DO UPDATE SET generation = session_generations.generation + 1`,
        [p.personId]
      )
      await c.query('UPDATE people SET org_unit_id = $1 WHERE id = $2', [p.orgUnitId, p.personId])
    }
  })
}
