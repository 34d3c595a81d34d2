import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export class DataFolderLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `Another 格报 server is already running on the data folder ${dataDir}. ` +
        'Stop it first, or give this one its own folder (DATA_DIR). The admin command (npm run admin) works beside a running server.'
    )
  }
}

export interface DataFolderLock {
  release(): void
}

/**
 * One server per data folder: an exclusive lock on `server.lock`, taken
 * through SQLite (an open EXCLUSIVE transaction on a file of its own), so
 * the operating system drops it when the process dies, SIGKILL included;
 * no stale lock file to clean up. The database itself is not locked: the
 * admin command still reads and writes it while the server runs.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, 'server.lock'))
  try {
    db.pragma('busy_timeout = 0')
    db.exec('BEGIN EXCLUSIVE')
  } catch (e) {
    db.close()
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new DataFolderLockedError(dataDir)
    throw e
  }
  return {
    release() {
      if (!db.open) return
      db.exec('ROLLBACK')
      db.close()
    }
  }
}
