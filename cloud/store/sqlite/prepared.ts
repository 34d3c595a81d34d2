import type Database from 'better-sqlite3'

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** A prepared statement of this connection, compiled once: the roll-up paths run these per unit-year. */
export function prepared(db: Database.Database, sql: string): Database.Statement {
  let byText = cache.get(db)
  if (!byText) cache.set(db, (byText = new Map()))
  let st = byText.get(sql)
  if (!st) byText.set(sql, (st = db.prepare(sql)))
  return st
}
