import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalServer, type LocalServer } from '../../cloud/server/app'
import { PgStore } from '../../cloud/store/pg/PgStore'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { freshDatabase } from '../pg/db'

/** A settable clock: tests move time by assigning `at`. */
export class TestClock {
  constructor(public at: Date) {}
  now(): Date {
    return new Date(this.at)
  }
  set(iso: string): void {
    this.at = new Date(iso)
  }
}

export interface Running {
  base: string
  server: LocalServer
  clock: TestClock
  dataDir: string
  /** A session token for a person, as the login screen would get. */
  tokenFor(personId: string): string
  call<T = any>(action: string, payload: unknown, token?: string): Promise<{ status: number; body: any & { data: T } }>
  stop(): Promise<void>
}

/**
 * The real local server on an ephemeral port with a temp data folder; over
 * a fresh PostgreSQL database of its own when DATABASE_URL is set (`npm run
 * test:pg`), else over SQLite in the data folder.
 */
export async function startServer(startAt = '2020-12-20T10:00:00+08:00'): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gebao-test-'))
  const clock = new TestClock(new Date(startAt))
  const databaseUrl = process.env.DATABASE_URL ? await freshDatabase('srv') : undefined
  const server = await createLocalServer({ dataDir, clock, databaseUrl })
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' })
  return {
    base: address,
    server,
    clock,
    dataDir,
    tokenFor: (personId) => server.sessions.issue(personId, clock.now().getTime()),
    async call(action, payload, token) {
      const res = await fetch(`${address}/api/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payload)
      })
      return { status: res.status, body: await res.json() }
    },
    async stop() {
      await server.app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}

/** Every row of every table, to show that a refused request changed nothing. */
export async function fingerprint(s: Running): Promise<string> {
  const store = s.server.store
  if (store instanceof PgStore) {
    const tables = (await store.pool.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((t) => t.name)
    const rows = await Promise.all(tables.map(async (t) => [t, (await store.pool.query(`SELECT * FROM "${t}" ORDER BY 1`)).rows]))
    return JSON.stringify(rows)
  }
  const db = (store as SqliteStore).db
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]))
}

let seq = 0
/** A fresh client id, as the mini-program would generate. */
export function clientId(prefix = 'c'): string {
  seq += 1
  return `${prefix}-${Date.now().toString(36)}-${seq.toString().padStart(4, '0')}`
}

export const GRID_WORKER = 'u-grid-1'
export const GRID_WORKER_UNIT = 'qk-s11-c01-g1'
export const OTHER_GRID_WORKER = 'u-grid-3'
export const COMMUNITY_REVIEWER = 'u-comm-1'
export const STREET_REVIEWER = 'u-street-1'
export const ADMIN = 'u-admin'
