import { cpSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'
import { PgStore } from '../store/pg/PgStore'
import { SqliteStore } from '../store/sqlite/SqliteStore'
import { AdminError } from './commands'

/**
 * `npm run admin -- migrate-to-pg`: copies a SQLite install (DATA_DIR/gebao.db)
 * into the PostgreSQL database DATABASE_URL names, all of it, in one
 * transaction: every table the PostgreSQL schema has (it is the same schema,
 * migrations 001… mirror SQLite's), row for row with COPY, parents before children,
 * and the id sequences moved past the copied ids. Both schemas are brought
 * up to date first by their own migrations.
 *
 * Uploads: their records (the `uploads` table) are copied; their bytes are
 * files under UPLOAD_DIR (default DATA_DIR/uploads), which the PostgreSQL
 * server reads from the same place. With `--upload-dir <dir>` the files are
 * copied there too (a shared volume for several processes); then start the
 * servers with UPLOAD_DIR=<dir>. The session key and exports stay in
 * DATA_DIR, so sessions issued before the move stay valid.
 *
 * Refuses a target that holds any row, so it can never merge two installs
 * or run twice. Run it with the SQLite server stopped.
 */
export interface MigrateOptions {
  dataDir: string
  databaseUrl: string
  uploadDir?: string
  /** Where the SQLite install keeps upload files (UPLOAD_DIR of the old server). */
  sourceUploadDir?: string
}

export interface MigrateResult {
  tables: { name: string; rows: number }[]
  uploadsCopiedTo: string | null
}

/** Tables PostgreSQL keeps for itself, never copied (org_stamp is set by org_units' own trigger, migration 013). */
const OWN = new Set(['schema_migrations', 'org_stamp'])
/** Rows per chunk handed to the COPY stream. */
const CHUNK = 2000

/** One value in COPY's text format: \N for NULL, backslash escapes for the characters it gives meaning to. */
function copyText(v: unknown, bool: boolean): string {
  if (v === null || v === undefined) return '\\N'
  if (bool) return v ? 't' : 'f'
  return String(v).replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'))
}

/** A table's rows as COPY text, read from SQLite one row at a time so a city's tens of millions of roll-up rows never sit in memory at once. */
function* copyLines(rows: IterableIterator<unknown[]>, bool: boolean[], count: { n: number }): Generator<string> {
  let chunk: string[] = []
  for (const row of rows) {
    chunk.push(`${row.map((v, k) => copyText(v, bool[k])).join('\t')}\n`)
    count.n++
    if (chunk.length === CHUNK) {
      yield chunk.join('')
      chunk = []
    }
  }
  if (chunk.length) yield chunk.join('')
}

export async function migrateToPg(opts: MigrateOptions): Promise<MigrateResult> {
  const file = join(opts.dataDir, 'gebao.db')
  if (!existsSync(file)) throw new AdminError(`没有找到 SQLite 数据文件 ${file}（DATA_DIR 指向旧的数据文件夹）`)
  const sqlite = new SqliteStore(file)
  const pg = await PgStore.connect(opts.databaseUrl)
  try {
    const db = sqlite.db
    const pgTables = (await pg.pool.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.name).filter((t) => !OWN.has(t))
    const sqliteTables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name))
    const missing = [...sqliteTables].filter((t) => !pgTables.includes(t))
    if (missing.length) throw new AdminError(`PostgreSQL 的表结构里没有这些表：${missing.join(', ')}（先升级程序）`)

    for (const t of pgTables) {
      const n = Number((await pg.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n)
      if (n > 0) throw new AdminError(`目标数据库不是空的（表 ${t} 有 ${n} 行）：只能迁移到一个新建的空数据库，没有写入任何数据`)
    }

    // Parents before children: order by the foreign keys PostgreSQL knows.
    const fks = (
      await pg.pool.query<{ child: string; parent: string }>(
        `SELECT tc.table_name AS child, ccu.table_name AS parent FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`
      )
    ).rows
    const order: string[] = []
    const visit = (t: string, seen: Set<string>) => {
      if (order.includes(t) || seen.has(t)) return
      seen.add(t)
      for (const f of fks) if (f.child === t && f.parent !== t) visit(f.parent, seen)
      order.push(t)
    }
    for (const t of [...pgTables].sort()) visit(t, new Set())

    const types = new Map<string, Map<string, string>>()
    for (const r of (await pg.pool.query<{ t: string; c: string; type: string }>("SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns WHERE table_schema = 'public'")).rows) {
      if (!types.has(r.t)) types.set(r.t, new Map())
      types.get(r.t)!.set(r.c, r.type)
    }

    const copied: { name: string; rows: number }[] = []
    const client = await pg.pool.connect()
    try {
      await client.query('BEGIN')
      for (const t of order) {
        if (!sqliteTables.has(t)) continue
        const pgCols = types.get(t)!
        const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name).filter((c) => pgCols.has(c))
        // org_units refers to itself: a parent's path is a prefix of its children's, so shorter first.
        const orderBy = t === 'org_units' ? 'ORDER BY length(path), path' : ''
        const rows = db.prepare(`SELECT ${cols.map((c) => `"${c}"`).join(', ')} FROM "${t}" ${orderBy}`).raw().iterate() as IterableIterator<unknown[]>
        const bool = cols.map((c) => pgCols.get(c) === 'boolean')
        // COPY, not INSERT: at city scale (26 M roll-up rows) batched INSERTs took hours.
        const count = { n: 0 }
        await pipeline(Readable.from(copyLines(rows, bool, count)), client.query(copyFrom(`COPY "${t}" (${cols.map((c) => `"${c}"`).join(', ')}) FROM STDIN`)))
        copied.push({ name: t, rows: count.n })
      }
      // Sequences (BIGSERIAL ids) go on after the copied ids.
      const serials = (
        await client.query<{ t: string; c: string; seq: string }>(
          "SELECT table_name AS t, column_name AS c, pg_get_serial_sequence(quote_ident(table_name), column_name) AS seq FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'"
        )
      ).rows
      for (const s of serials) if (s.seq) await client.query(`SELECT setval($1, GREATEST((SELECT max("${s.c}") FROM "${s.t}"), 1), (SELECT max("${s.c}") IS NOT NULL FROM "${s.t}"))`, [s.seq])
      await client.query('COMMIT')
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    } finally {
      client.release()
    }

    let uploadsCopiedTo: string | null = null
    if (opts.uploadDir) {
      const from = resolve(opts.sourceUploadDir ?? join(opts.dataDir, 'uploads'))
      const to = resolve(opts.uploadDir)
      if (existsSync(from) && from !== to) cpSync(from, to, { recursive: true, errorOnExist: false, force: false })
      uploadsCopiedTo = to
    }
    return { tables: copied, uploadsCopiedTo }
  } finally {
    await sqlite.close()
    await pg.close()
  }
}
