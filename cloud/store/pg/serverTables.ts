import type { Pool } from 'pg'
import type { Health, InstallMode, StoredUpload } from '../server'
import { inTransaction } from './tx'
import { LOCKS } from './migrate'

/**
 * The server's own tables in PostgreSQL (migration 003): install mode,
 * session generations, rate-limit counters and uploads, shared by every
 * server process on the database.
 */

export async function installMode(pool: Pool): Promise<InstallMode | null> {
  return (await pool.query<{ value: InstallMode }>("SELECT value FROM install WHERE key = 'mode'")).rows[0]?.value ?? null
}

export async function setInstallMode(pool: Pool, mode: InstallMode): Promise<void> {
  await pool.query("INSERT INTO install (key, value) VALUES ('mode', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [mode])
}

export async function sessionGeneration(pool: Pool, personId: string): Promise<number> {
  return (await pool.query<{ generation: number }>('SELECT generation FROM session_generations WHERE person_id = $1', [personId])).rows[0]?.generation ?? 0
}

export async function endSessions(pool: Pool, personId: string): Promise<number> {
  const r = await pool.query<{ generation: number }>(
    `INSERT INTO session_generations (person_id, generation) VALUES ($1, 1)
     ON CONFLICT (person_id) DO UPDATE SET generation = session_generations.generation + 1 RETURNING generation`,
    [personId]
  )
  return r.rows[0].generation
}

/**
 * PostgreSQL text cannot hold NUL, and keys carry what a client sent (a
 * bind code): NUL and backslash are escaped, one to one.
 */
export const counterKey = (key: string) => key.replace(/\\/g, '\\\\').replace(/\u0000/g, '\\0')

/** One upsert: two processes counting the same key at once each get their own count. */
export async function hitRate(pool: Pool, rawKey: string, windowMs: number, nowMs: number): Promise<{ count: number; resetAt: number }> {
  const key = counterKey(rawKey)
  return inTransaction(pool, async (c) => {
    // Old windows go as new hits come, so the table stays the size of one window's traffic.
    await c.query('DELETE FROM rate_limits WHERE reset_at <= $1 AND key <> $2', [nowMs, key])
    const r = await c.query<{ count: number; reset_at: string }>(
      `INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 1, $3)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_limits.reset_at <= $2 THEN 1 ELSE rate_limits.count + 1 END,
         reset_at = CASE WHEN rate_limits.reset_at <= $2 THEN $3 ELSE rate_limits.reset_at END
       RETURNING count, reset_at`,
      [key, nowMs, nowMs + windowMs]
    )
    return { count: r.rows[0].count, resetAt: Number(r.rows[0].reset_at) }
  })
}

interface UploadRow {
  id: string
  person_id: string
  unit_path: string
  mime: string
  name: string
  bytes: string
  created_at: string
}

const toUpload = (r: UploadRow): StoredUpload => ({ id: r.id, personId: r.person_id, unitPath: r.unit_path, mime: r.mime, name: r.name, bytes: Number(r.bytes), createdAt: r.created_at })

export async function putUpload(pool: Pool, u: StoredUpload): Promise<void> {
  await pool.query('INSERT INTO uploads (id, person_id, unit_path, mime, name, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    u.id,
    u.personId,
    u.unitPath,
    u.mime,
    u.name,
    u.bytes,
    u.createdAt
  ])
}

export async function getUpload(pool: Pool, id: string): Promise<StoredUpload | null> {
  if (id.includes('\u0000')) return null
  const row = (await pool.query<UploadRow>('SELECT * FROM uploads WHERE id = $1', [id])).rows[0]
  return row ? toUpload(row) : null
}

/** One person's uploads take turns on a transaction-scoped advisory lock, so the sum read is exact when the row goes in. */
export async function reserveUpload(pool: Pool, u: StoredUpload, since: string, quotaBytes: number): Promise<boolean> {
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [LOCKS.uploads, u.personId])
    const r = await c.query<{ b: string }>('SELECT coalesce(sum(bytes), 0) AS b FROM uploads WHERE person_id = $1 AND created_at >= $2', [u.personId, since])
    if (Number(r.rows[0].b) + u.bytes > quotaBytes) return false
    await c.query('INSERT INTO uploads (id, person_id, unit_path, mime, name, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [u.id, u.personId, u.unitPath, u.mime, u.name, u.bytes, u.createdAt])
    return true
  })
}

export async function uploadedBytesSince(pool: Pool, personId: string, since: string): Promise<number> {
  const r = await pool.query<{ b: string }>('SELECT coalesce(sum(bytes), 0) AS b FROM uploads WHERE person_id = $1 AND created_at >= $2', [personId, since])
  return Number(r.rows[0].b)
}

export async function knownUploads(pool: Pool, ids: string[]): Promise<Set<string>> {
  const clean = ids.filter((id) => !id.includes('\u0000'))
  if (clean.length === 0) return new Set()
  return new Set((await pool.query<{ id: string }>('SELECT id FROM uploads WHERE id = ANY($1::text[])', [clean])).rows.map((r) => r.id))
}

export async function orphanUploads(pool: Pool, before: string, limit: number): Promise<StoredUpload[]> {
  // Evidence ids are `local:<file>`; a file some report names is not an orphan.
  const r = await pool.query<UploadRow>(
    `SELECT * FROM uploads u WHERE u.created_at < $1 AND NOT EXISTS (
       SELECT 1 FROM reports r, jsonb_array_elements(r.body::jsonb -> 'evidence') e WHERE e ->> 'id' = 'local:' || u.id
     ) ORDER BY u.created_at LIMIT $2`,
    [before, limit]
  )
  return r.rows.map(toUpload)
}

export async function deleteUpload(pool: Pool, id: string): Promise<void> {
  await pool.query('DELETE FROM uploads WHERE id = $1', [id])
}

/** Up only when the database takes a write: one made and rolled back (a read-only standby shows as down). */
export async function health(pool: Pool): Promise<Health> {
  try {
    await inTransaction(pool, async (c) => {
      await c.query("INSERT INTO install (key, value) VALUES ('health', '') ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      return null
    }, { commitIf: () => false })
    return { up: true }
  } catch (e) {
    return { up: false, reason: e instanceof Error ? e.message : String(e) }
  }
}
