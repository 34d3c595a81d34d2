import type Database from 'better-sqlite3'
import type { Health, InstallMode, StoredUpload } from '../server'

/**
 * The server's own tables in SQLite (migration 5): install mode, session
 * generations, rate-limit counters and uploads. Writes that read first
 * begin IMMEDIATE, like every other write here.
 */

export function installMode(db: Database.Database): InstallMode | null {
  const row = db.prepare("SELECT value FROM install WHERE key = 'mode'").get() as { value: InstallMode } | undefined
  return row?.value ?? null
}

export function setInstallMode(db: Database.Database, mode: InstallMode): void {
  db.prepare("INSERT INTO install (key, value) VALUES ('mode', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(mode)
}

export function sessionGeneration(db: Database.Database, personId: string): number {
  const row = db.prepare('SELECT generation FROM session_generations WHERE person_id = ?').get(personId) as { generation: number } | undefined
  return row?.generation ?? 0
}

export function endSessions(db: Database.Database, personId: string): number {
  const row = db
    .prepare(
      `INSERT INTO session_generations (person_id, generation) VALUES (?, 1)
       ON CONFLICT(person_id) DO UPDATE SET generation = generation + 1 RETURNING generation`
    )
    .get(personId) as { generation: number }
  return row.generation
}

export function hitRate(db: Database.Database, key: string, windowMs: number, nowMs: number): { count: number; resetAt: number } {
  return db
    .transaction(() => {
      // Old windows go as new hits come, so the table stays the size of the traffic of one window.
      db.prepare('DELETE FROM rate_limits WHERE reset_at <= ? AND key <> ?').run(nowMs, key)
      const row = db
        .prepare(
          `INSERT INTO rate_limits (key, count, reset_at) VALUES (@key, 1, @reset)
           ON CONFLICT(key) DO UPDATE SET
             count = CASE WHEN reset_at <= @now THEN 1 ELSE count + 1 END,
             reset_at = CASE WHEN reset_at <= @now THEN @reset ELSE reset_at END
           RETURNING count, reset_at`
        )
        .get({ key, now: nowMs, reset: nowMs + windowMs }) as { count: number; reset_at: number }
      return { count: row.count, resetAt: row.reset_at }
    })
    .immediate()
}

interface UploadRow {
  id: string
  person_id: string
  unit_path: string
  mime: string
  name: string
  bytes: number
  created_at: string
}

const toUpload = (r: UploadRow): StoredUpload => ({ id: r.id, personId: r.person_id, unitPath: r.unit_path, mime: r.mime, name: r.name, bytes: r.bytes, createdAt: r.created_at })

export function putUpload(db: Database.Database, u: StoredUpload): void {
  db.prepare('INSERT INTO uploads (id, person_id, unit_path, mime, name, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(u.id, u.personId, u.unitPath, u.mime, u.name, u.bytes, u.createdAt)
}

export function reserveUpload(db: Database.Database, u: StoredUpload, since: string, quotaBytes: number): boolean {
  return db
    .transaction((): boolean => {
      if (uploadedBytesSince(db, u.personId, since) + u.bytes > quotaBytes) return false
      putUpload(db, u)
      return true
    })
    .immediate()
}

export function getUpload(db: Database.Database, id: string): StoredUpload | null {
  const row = db.prepare('SELECT * FROM uploads WHERE id = ?').get(id) as UploadRow | undefined
  return row ? toUpload(row) : null
}

export function uploadedBytesSince(db: Database.Database, personId: string, since: string): number {
  const row = db.prepare('SELECT coalesce(sum(bytes), 0) AS b FROM uploads WHERE person_id = ? AND created_at >= ?').get(personId, since) as { b: number }
  return row.b
}

export function knownUploads(db: Database.Database, ids: string[]): Set<string> {
  if (ids.length === 0) return new Set()
  const rows = db.prepare(`SELECT id FROM uploads WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: string }[]
  return new Set(rows.map((r) => r.id))
}

export function orphanUploads(db: Database.Database, before: string, limit: number): StoredUpload[] {
  // Evidence ids are `local:<file>`; a file some report names is not an orphan.
  const rows = db
    .prepare(
      `SELECT * FROM uploads u WHERE u.created_at < ? AND NOT EXISTS (
         SELECT 1 FROM reports r, json_each(r.body, '$.evidence') e WHERE json_extract(e.value, '$.id') = 'local:' || u.id
       ) ORDER BY u.created_at LIMIT ?`
    )
    .all(before, limit) as UploadRow[]
  return rows.map(toUpload)
}

export function deleteUpload(db: Database.Database, id: string): void {
  db.prepare('DELETE FROM uploads WHERE id = ?').run(id)
}

/**
 * Up only when the database reads and takes a write: a write that is rolled
 * back (an IMMEDIATE transaction must get the write lock, and the schema
 * version is read), so a read-only file or a closed handle shows as down.
 */
export function health(db: Database.Database): Health {
  try {
    if (!db.open) return { up: false, reason: 'database closed' }
    db.transaction(() => {
      db.prepare("INSERT INTO install (key, value) VALUES ('health', '') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run()
      throw new RollBack()
    }).immediate()
    return { up: true }
  } catch (e) {
    if (e instanceof RollBack) return { up: true }
    return { up: false, reason: e instanceof Error ? e.message : String(e) }
  }
}

class RollBack extends Error {}
