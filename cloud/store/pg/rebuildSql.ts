import type { Pool } from 'pg'
import type { SetBasedPlan } from '../../../src/core/rollupSetBased'
import { inTransaction } from './tx'

/**
 * The set-based rebuild of one indicator-year in PostgreSQL (what
 * `SetBasedPlan` describes, src/core/rollupSetBased.ts; the same steps as
 * the SQLite store's rebuildSql.ts): contributions by INSERT … SELECT …
 * GROUP BY over the reports, the indicator-year's roll-up rows replaced by
 * their sums level by level up the tree, every unit-year's counted
 * contribution and stamp rewritten, in one transaction.
 *
 * Report writes wait while it runs: it takes `unit_years` in EXCLUSIVE
 * mode, which every write's first statement (the unit-year upsert) must
 * queue behind, and which waits for writes already under way. Reads go on.
 * At city scale that is seconds per indicator; a rebuild is a repair, not a
 * request path. Answers the number of unit-years rewritten.
 */
export async function rebuildSetBased(pool: Pool, p: SetBasedPlan): Promise<number> {
  const k = p.keys
  return inTransaction(pool, async (c) => {
    await c.query('LOCK TABLE unit_years IN EXCLUSIVE MODE')
    // $1 code, $2 year, $3 level: the reports that count, from units now at the reporting level.
    await c.query(
      `CREATE TEMP TABLE rb_r ON COMMIT DROP AS
       SELECT r.org_unit_id AS unit, r.period, r.status, (r.body::jsonb ->> 'onTime')::boolean AS on_time, r.body::jsonb AS body
       FROM reports r JOIN org_units u ON u.id = r.org_unit_id
       WHERE r.indicator_code = $1 AND r.year = $2 AND u.level = $3`,
      [p.indicatorCode, p.year, p.reportLevel]
    )
    await c.query('CREATE TEMP TABLE rb_c (unit TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL, field TEXT COLLATE "C" NOT NULL, value DOUBLE PRECISION NOT NULL) ON COMMIT DROP')
    const ratio = `CASE WHEN jsonb_typeof(j.value) = 'number' THEN (j.value)::float8 ELSE ($1::jsonb ->> (j.value #>> '{}'))::float8 END`
    const ratios = JSON.stringify(p.verdictRatios)
    // Each report's period key.
    await c.query(`INSERT INTO rb_c SELECT r.unit, r.period, j.key, (j.value)::float8 FROM rb_r r, jsonb_each(r.body -> 'values') j WHERE r.status <> 'returned'`)
    await c.query(
      `INSERT INTO rb_c SELECT unit, period, f, v FROM (
         SELECT unit, period, $1::text AS f, 1::float8 AS v FROM rb_r WHERE status <> 'returned'
         UNION ALL SELECT unit, period, $2, CASE WHEN on_time THEN 1 ELSE 0 END FROM rb_r WHERE status <> 'returned'
         UNION ALL SELECT unit, period, $3, CASE WHEN status = 'approved' THEN 1 ELSE 0 END FROM rb_r WHERE status <> 'returned'
         UNION ALL SELECT unit, period, $4, 1 FROM rb_r WHERE status <> 'returned'
         UNION ALL SELECT unit, period, $5, 1 FROM rb_r WHERE status = 'returned') x`,
      [k.received, k.onTime, k.approved, k.units, k.returned]
    )
    await c.query(`INSERT INTO rb_c SELECT r.unit, r.period, $2 || j.key, ${ratio} FROM rb_r r, jsonb_each(r.body -> 'verdicts') j WHERE r.status <> 'returned'`, [ratios, k.verdictPrefix])
    // A year aggregation over the reports `filter` picks, into key $1.
    const yearOf = async (key: string, filter: string, withReturned: boolean) => {
      await c.query(
        `INSERT INTO rb_c SELECT r.unit, $1, j.key, sum((j.value)::float8) FROM rb_r r, jsonb_each(r.body -> 'values') j
         WHERE ${filter} AND jsonb_typeof(j.value) = 'number' AND j.key = ANY($2::text[]) GROUP BY r.unit, j.key`,
        [key, p.sumFields]
      )
      await c.query(
        `INSERT INTO rb_c SELECT unit, $1, field, value FROM (
           SELECT r.unit, j.key AS field, (j.value)::float8 AS value, row_number() OVER (PARTITION BY r.unit, j.key ORDER BY r.period DESC) AS rn
           FROM rb_r r, jsonb_each(r.body -> 'values') j
           WHERE ${filter} AND jsonb_typeof(j.value) = 'number' AND j.key = ANY($2::text[])) x WHERE rn = 1`,
        [key, p.latestFields]
      )
      await c.query(
        `INSERT INTO rb_c SELECT unit, $1, f, v FROM (
           SELECT unit, $2::text AS f, count(*)::float8 AS v FROM rb_r r WHERE ${filter} GROUP BY unit
           UNION ALL SELECT unit, $3, sum(CASE WHEN on_time THEN 1 ELSE 0 END) FROM rb_r r WHERE ${filter} GROUP BY unit
           UNION ALL SELECT unit, $4, sum(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) FROM rb_r r WHERE ${filter} GROUP BY unit
           UNION ALL SELECT unit, $5, 1 FROM rb_r r WHERE ${filter} GROUP BY unit) x`,
        [key, k.received, k.onTime, k.approved, k.units]
      )
      await c.query(
        `INSERT INTO rb_c SELECT unit, $3, $2 || field, value FROM (
           SELECT r.unit, j.key AS field, ${ratio} AS value, row_number() OVER (PARTITION BY r.unit, j.key ORDER BY r.period DESC) AS rn
           FROM rb_r r, jsonb_each(r.body -> 'verdicts') j WHERE ${filter}) x WHERE rn = 1`,
        [ratios, k.verdictPrefix, key]
      )
      if (withReturned) await c.query(`INSERT INTO rb_c SELECT unit, $1, $2, count(*) FROM rb_r WHERE status = 'returned' GROUP BY unit`, [key, k.returned])
    }
    if (p.yearKey) await yearOf(p.yearKey, "r.status <> 'returned'", true)
    await yearOf(p.approvedKey, "r.status = 'approved'", false)

    // The roll-ups of the year's keys, replaced: the units' own rows, then each level's sums to its parents.
    await c.query('DELETE FROM rollups WHERE indicator_code = $1 AND period >= $2 AND period < $3', [p.indicatorCode, String(p.year), String(p.year + 1)])
    await c.query('CREATE TEMP TABLE rb_l0 ON COMMIT DROP AS SELECT unit, key, field, sum(value) AS sum, count(*)::int AS n FROM rb_c GROUP BY unit, key, field')
    for (let depth = 0; ; depth++) {
      const wrote = (await c.query(`INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) SELECT $1, unit, key, field, sum, n FROM rb_l${depth}`, [p.indicatorCode])).rowCount
      if (!wrote) break
      await c.query(
        `CREATE TEMP TABLE rb_l${depth + 1} ON COMMIT DROP AS SELECT u.parent_id AS unit, l.key, l.field, sum(l.sum) AS sum, sum(l.n)::int AS n
         FROM rb_l${depth} l JOIN org_units u ON u.id = l.unit WHERE u.parent_id IS NOT NULL GROUP BY u.parent_id, l.key, l.field`
      )
    }

    // Every unit-year of the indicator-year: its new counted contribution and a new stamp.
    await c.query(
      `INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted) SELECT DISTINCT $1::text, unit, $2::int, 0, '{}' FROM rb_r
       ON CONFLICT (indicator_code, org_unit_id, year) DO NOTHING`,
      [p.indicatorCode, p.year]
    )
    await c.query(
      `CREATE TEMP TABLE rb_counted ON COMMIT DROP AS
       SELECT unit, jsonb_object_agg(key, obj)::text AS counted FROM (SELECT unit, key, jsonb_object_agg(field, value) AS obj FROM rb_c GROUP BY unit, key) x GROUP BY unit`
    )
    await c.query('CREATE INDEX ON rb_counted (unit)')
    const r = await c.query(
      `UPDATE unit_years y SET stamp = y.stamp + 1, counted = coalesce((SELECT counted FROM rb_counted WHERE unit = y.org_unit_id), '{}')
       WHERE y.indicator_code = $1 AND y.year = $2`,
      [p.indicatorCode, p.year]
    )
    return r.rowCount ?? 0
  })
}
