import type Database from 'better-sqlite3'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import { prefixEnd } from './paths'
import { prepared } from './prepared'
import * as server from './serverTables'

/** Org units in the SQLite store: the tree, its changes, and the people an org change moves. */
interface UnitRow {
  id: string
  name: string
  level: OrgLevel
  parentId: string | null
  path: string
  retiredAt: string | null
  mergedInto: string | null
  population: string | null
}

const UNIT_COLUMNS = 'SELECT id, name, level, parent_id AS parentId, path, retired_at AS retiredAt, merged_into AS mergedInto, population FROM org_units'

/** A unit row as the domain sees it: optional fields only when set. */
const toUnit = ({ retiredAt, mergedInto, population, ...u }: UnitRow): OrgUnit => ({
  ...u,
  ...(retiredAt ? { retiredAt } : {}),
  ...(mergedInto ? { mergedInto } : {}),
  ...(population ? { population: JSON.parse(population) } : {})
})

export function putOrgUnits(db: Database.Database, units: OrgUnit[]): void {
  const stmt = db.prepare(
    `INSERT INTO org_units (id, name, level, parent_id, path) VALUES (@id, @name, @level, @parentId, @path)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name`
  )
  db.transaction(() => units.forEach((u) => stmt.run(u))).immediate()
}

export function getOrgUnit(db: Database.Database, id: string): OrgUnit | null {
  const row = prepared(db, `${UNIT_COLUMNS} WHERE id = ?`).get(id) as UnitRow | undefined
  return row ? toUnit(row) : null
}

// Retired units keep their rows (their reports are history) but take no new work: left out here.
export function childUnits(db: Database.Database, parentId: string): OrgUnit[] {
  return (db.prepare(`${UNIT_COLUMNS} WHERE parent_id = ? AND retired_at IS NULL ORDER BY path`).all(parentId) as UnitRow[]).map(toUnit)
}

export function unitsUnder(db: Database.Database, path: string, level: OrgLevel): OrgUnit[] {
  return (
    db.prepare(`${UNIT_COLUMNS} WHERE level = ? AND path >= ? AND path < ? AND retired_at IS NULL ORDER BY path`).all(level, path, prefixEnd(path)) as UnitRow[]
  ).map(toUnit)
}

export function countUnitsUnder(db: Database.Database, path: string, level: OrgLevel): number {
  const row = db.prepare('SELECT count(*) AS c FROM org_units WHERE level = ? AND path >= ? AND path < ? AND retired_at IS NULL').get(level, path, prefixEnd(path)) as { c: number }
  return row.c
}

export function orgTree(db: Database.Database, path: string): OrgUnit[] {
  return (db.prepare(`${UNIT_COLUMNS} WHERE path >= ? AND path < ? ORDER BY path`).all(path, prefixEnd(path)) as UnitRow[]).map(toUnit)
}

export function applyOrgChange(db: Database.Database, units: OrgUnit[], people: { personId: string; orgUnitId: string }[]): void {
  const put = db.prepare(
    `INSERT INTO org_units (id, name, level, parent_id, path, retired_at, merged_into, population)
     VALUES (@id, @name, @level, @parentId, @path, @retiredAt, @mergedInto, @population)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, path = excluded.path,
       retired_at = excluded.retired_at, merged_into = excluded.merged_into, population = excluded.population`
  )
  const follow = db.prepare('UPDATE reports SET unit_path = ? WHERE org_unit_id = ? AND unit_path <> ?')
  const move = db.prepare('UPDATE people SET org_unit_id = ? WHERE id = ?')
  db
    .transaction(() => {
      // No write collides on the unique path: every path ends in its unit's own id.
      for (const u of units) {
        put.run({ id: u.id, name: u.name, level: u.level, parentId: u.parentId, path: u.path, retiredAt: u.retiredAt ?? null, mergedInto: u.mergedInto ?? null, population: u.population ? JSON.stringify(u.population) : null })
        follow.run(u.path, u.id, u.path)
      }
      for (const p of people) {
        // A new unit changes what the person may do: sessions issued before end (as in putPeople).
        server.endSessions(db, p.personId)
        move.run(p.orgUnitId, p.personId)
      }
    })
    .immediate()
}
