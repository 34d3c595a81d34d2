import { join, resolve } from 'node:path'
import { SqliteStore } from '../store/sqlite/SqliteStore'
import { rebuild } from './rebuild'

/**
 * `npm run rebuild-rollups`: rebuilds every plan item's roll-ups of every
 * year in the local SQLite store (DATA_DIR, default ./data) from the
 * reports, and prints what changed. Safe while the server runs: each
 * unit-year is reconciled in its own transaction, checked by its stamp.
 */
async function main() {
  const store = new SqliteStore(join(resolve(process.env.DATA_DIR ?? './data'), 'gebao.db'))
  const now = () => new Date().toISOString()
  try {
    for (const year of await store.planYears()) {
      for (const ind of await store.listIndicators(year)) {
        const job = await rebuild(store, ind, year, now)
        console.log(`${year} ${ind.code}: ${job.done} 个单位年度已重算`)
      }
    }
  } finally {
    await store.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
