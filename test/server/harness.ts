import type Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalServer, type LocalServer, type ServerOptions } from '../../cloud/server/app'
import { PgStore } from '../../cloud/store/pg/PgStore'
import type { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { sessionGeneration } from '../../cloud/store/sqlite/serverTables'
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
  /** The server's own PostgreSQL database, when the suite runs over PostgreSQL. */
  databaseUrl?: string
  /** The SQLite database (SQLite-only tests; over PostgreSQL reading it throws). */
  readonly db: Database.Database
  /** A session token for a person, as the login screen would get. */
  tokenFor(personId: string): string
  call<T = any>(action: string, payload: unknown, token?: string): Promise<{ status: number; body: any & { data: T } }>
  stop(): Promise<void>
}

/**
 * Session generations of servers over PostgreSQL, for `tokenOf` to stay
 * synchronous: a fresh database starts every person at 0, and every change
 * goes through the store's `endSessions`, which startServer watches.
 */
const pgGenerations = new WeakMap<LocalServer, Map<string, number>>()

function watchGenerations(server: LocalServer): void {
  const store = server.store
  const generations = new Map<string, number>()
  pgGenerations.set(server, generations)
  const end = store.endSessions.bind(store)
  store.endSessions = async (personId) => {
    const g = await end(personId)
    generations.set(personId, g)
    return g
  }
  // A changed role or unit ends sessions inside putPeople.
  const put = store.putPeople.bind(store)
  store.putPeople = async (people) => {
    await put(people)
    for (const p of people) generations.set(p.id, await store.sessionGeneration(p.id))
  }
  // So does moving people with an org edit (org.merge).
  const apply = store.applyOrgChange.bind(store)
  store.applyOrgChange = async (units, people) => {
    await apply(units, people)
    for (const p of people) generations.set(p.personId, await store.sessionGeneration(p.personId))
  }
}

/** A token for the person's current session generation, as sign-in would give (synchronous, for test tables). */
export function tokenOf(server: LocalServer, personId: string, now: number): string {
  const pg = pgGenerations.get(server)
  const generation = pg ? (pg.get(personId) ?? 0) : sessionGeneration((server.store as SqliteStore).db, personId)
  return server.sessions.tokens.issue(personId, generation, now)
}

/**
 * The real local server on an ephemeral port with a temp data folder; over
 * a fresh PostgreSQL database of its own when DATABASE_URL is set (`npm run
 * test:pg`), else over SQLite in the data folder.
 */
export async function startServer(startAt = '2020-12-20T10:00:00+08:00', opts: Partial<ServerOptions> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gebao-test-'))
  const clock = new TestClock(new Date(startAt))
  const databaseUrl = process.env.DATABASE_URL ? await freshDatabase('srv') : undefined
  const server = await createLocalServer({ dataDir, clock, ...(databaseUrl ? { databaseUrl } : {}), ...opts })
  if (server.store instanceof PgStore) watchGenerations(server)
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' })
  return {
    base: address,
    server,
    clock,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    get db(): Database.Database {
      if (server.store instanceof PgStore) throw new Error('this test reads SQLite directly; it does not run over PostgreSQL')
      return (server.store as SqliteStore).db
    },
    tokenFor: (personId) => tokenOf(server, personId, clock.now().getTime()),
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

/**
 * Every row of every table, to show that a refused request changed nothing.
 * Rate-limit counters are left out: counting an attempt is what a refused
 * `bind` is meant to change.
 */
export async function fingerprint(s: Running): Promise<string> {
  const store = s.server.store
  if (store instanceof PgStore) {
    const tables = (await store.pool.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'rate_limits' ORDER BY tablename")).rows.map((t) => t.name)
    const rows = await Promise.all(tables.map(async (t) => [t, (await store.pool.query(`SELECT * FROM "${t}" ORDER BY 1`)).rows]))
    return JSON.stringify(rows)
  }
  const db = (store as SqliteStore).db
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'rate_limits' ORDER BY name").all() as { name: string }[]).map((t) => t.name)
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

/** `SELECT count(*) AS n …` on either store (portable SQL only). */
export async function countOf(s: Running, sql: string): Promise<number> {
  const store = s.server.store
  if (store instanceof PgStore) return Number((await store.pool.query<{ n: string }>(sql)).rows[0].n)
  return ((store as SqliteStore).db.prepare(sql).get() as { n: number }).n
}
