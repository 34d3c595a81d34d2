import { REPORTS_IN_YEAR } from '../../cloud/store/sqlite/reports'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'

/**
 * Query plans of the reads every request makes, on the store's own schema:
 * a read that walks every report of an indicator makes each submit slower
 * as reports pile up, which no result-based test notices.
 */
const plan = (store: SqliteStore, sql: string, ...args: unknown[]) =>
  (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail)

test("a unit's reports of a year are sought by indicator, unit and year, not walked over the indicator", async () => {
  const store = new SqliteStore(':memory:')
  try {
    expect(plan(store, REPORTS_IN_YEAR, 'YL-133', 'g1', 2020)).toEqual([
      'SEARCH reports USING INDEX reports_unit_year (indicator_code=? AND org_unit_id=? AND year=?)',
      'USE TEMP B-TREE FOR ORDER BY'
    ])
  } finally {
    await store.close()
  }
})
