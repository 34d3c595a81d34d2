import { resolve, join } from 'node:path'
import { useChineseMessages } from '../api/router'
import { FutureSchemaError } from '../store/sqlite/migrations'
import { PgStore } from '../store/pg/PgStore'
import { SqliteStore } from '../store/sqlite/SqliteStore'
import { backfillCommand } from './backfill'
import { addUnit, AdminError, dropDemoCommand, init, inviteCommand, type Flags } from './commands'
import { migrateToPg } from './migrateToPg'

/**
 * `npm run admin -- <command> [--flag value …]` on DATA_DIR (default ./data):
 *   init --district 某某区 --name 张三 [--district-id id] [--person-id id]
 *   unit --parent <unit id> --name 某某街 [--id id]
 *   invite --person-id <id>
 *   invite --name 李四 --role grid_worker|community_reviewer|street_reviewer|admin --unit <unit id> [--id id]
 *   drop-demo
 *   migrate-to-pg [--upload-dir <dir>]   (DATABASE_URL: the empty PostgreSQL database to copy into)
 *   backfill <file.xlsx|file.csv> [--dry-run] [--year 2020] [--approved]
 * Works beside a running server (it is not one: no data-folder lock).
 */
const USAGE = `usage: npm run admin -- init --district 某某区 --name 张三
       npm run admin -- unit --parent <unit id> --name 某某街 [--id <id>]
       npm run admin -- invite --person-id <id>
       npm run admin -- invite --name 李四 --role grid_worker --unit <unit id> [--id <id>]
       npm run admin -- drop-demo
       DATABASE_URL=postgres://… npm run admin -- migrate-to-pg [--upload-dir <dir>]
       npm run admin -- backfill <file.xlsx|file.csv> [--dry-run] [--year 2020] [--approved]
(DATA_DIR chooses the data folder; default ./data)`

function parseFlags(args: string[]): Flags {
  const flags: Flags = {}
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i])
    if (!m) throw new AdminError(`unexpected argument: ${args[i]}`)
    if (m[2] !== undefined) flags[m[1]] = m[2]
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) flags[m[1]] = args[++i]
    else throw new AdminError(`--${m[1]} needs a value`)
  }
  return flags
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE)
    return command ? 0 : 2
  }
  useChineseMessages()
  // backfill takes a file and two switches before its --flag value pairs.
  const file = command === 'backfill' && rest[0] && !rest[0].startsWith('--') ? rest.shift() : undefined
  const switches = new Set<string>(command === 'backfill' ? rest.filter((a) => a === '--dry-run' || a === '--approved') : [])
  const flags = parseFlags(rest.filter((a) => !switches.has(a)))
  if (command === 'migrate-to-pg') {
    const databaseUrl = process.env.DATABASE_URL?.trim()
    if (!databaseUrl) throw new AdminError('migrate-to-pg: set DATABASE_URL=postgres://… to the empty PostgreSQL database to copy into')
    const dataDir = resolve(process.env.DATA_DIR ?? './data')
    const r = await migrateToPg({ dataDir, databaseUrl, ...(flags['upload-dir'] ? { uploadDir: flags['upload-dir'] } : {}), ...(process.env.UPLOAD_DIR ? { sourceUploadDir: process.env.UPLOAD_DIR } : {}) })
    for (const t of r.tables) console.log(`${t.name}: ${t.rows}`)
    console.log(`copied ${dataDir}/gebao.db into PostgreSQL${r.uploadsCopiedTo ? `; upload files copied to ${r.uploadsCopiedTo} (start the servers with UPLOAD_DIR=${r.uploadsCopiedTo})` : `; upload files stay in ${process.env.UPLOAD_DIR ?? join(dataDir, 'uploads')}`}. Start the server with DATABASE_URL set and the same DATA_DIR.`)
    return 0
  }
  // The same choice as the server's (cloud/store/server.ts): DATABASE_URL names PostgreSQL, else the data folder's SQLite file.
  const databaseUrl = process.env.DATABASE_URL?.trim()
  const store = databaseUrl ? await PgStore.connect(databaseUrl) : new SqliteStore(join(resolve(process.env.DATA_DIR ?? './data'), 'gebao.db'))
  const env = { store, clock: { now: () => new Date() } }
  try {
    switch (command) {
      case 'init':
        console.log(await init(env, flags))
        return 0
      case 'unit':
        console.log(await addUnit(env, flags))
        return 0
      case 'invite':
        console.log(await inviteCommand(env, flags))
        return 0
      case 'drop-demo':
        console.log(await dropDemoCommand(env))
        return 0
      case 'backfill':
        console.log(await backfillCommand(env, file, flags, switches.has('--dry-run'), switches.has('--approved')))
        return 0
      default:
        throw new AdminError(`unknown command ${command}\n${USAGE}`)
    }
  } finally {
    await store.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof AdminError || e instanceof FutureSchemaError ? `admin: ${e.message}` : e)
    process.exit(1)
  }
)
