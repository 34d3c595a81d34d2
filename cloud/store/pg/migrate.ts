import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Pool } from 'pg'

/**
 * Plain-SQL migrations (migrations/NNN_name.sql, applied in name order;
 * never edit a shipped one, add the next). `schema_migrations` records
 * which ran. Everything runs in one transaction holding an advisory lock,
 * so several processes starting at once apply each migration exactly once:
 * the others wait on the lock, then find nothing left to do.
 */

export const MIGRATIONS_DIR = join(__dirname, 'migrations')

/** Advisory-lock keys (one bigint space per database): fixed, documented numbers. */
export const LOCKS = { migrate: 471_701, reminders: 471_702, seed: 471_703, uploads: 471_704 } as const

export function migrationFiles(dir = MIGRATIONS_DIR): { version: number; name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ version: Number(name.slice(0, 3)), name, sql: readFileSync(join(dir, name), 'utf8') }))
}

/** Applies what is missing; answers the versions applied by this call. */
export async function migrate(pool: Pool, dir = MIGRATIONS_DIR): Promise<number[]> {
  const client = await pool.connect()
  const applied: number[] = []
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrate])
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())')
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version))
    for (const m of migrationFiles(dir)) {
      if (done.has(m.version)) continue
      await client.query(m.sql)
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      applied.push(m.version)
    }
    await client.query('COMMIT')
    return applied
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw e
  } finally {
    client.release()
  }
}
