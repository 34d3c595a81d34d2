import type Database from 'better-sqlite3'
import type { SetBasedPlan } from '../../../src/core/rollupSetBased'

/**
 * The set-based rebuild of one indicator-year in SQLite (what
 * `SetBasedPlan` describes, src/core/rollupSetBased.ts): the contributions
 * of every unit-year computed with INSERT … SELECT … GROUP BY over the
 * reports, the indicator-year's roll-up rows replaced by their sums level
 * by level up the tree, and every unit-year's counted contribution and
 * stamp rewritten; all in one IMMEDIATE transaction, so no report write
 * interleaves. Answers the number of unit-years rewritten.
 */
export function rebuildSetBased(db: Database.Database, p: SetBasedPlan): number {
  const k = p.keys
  const params = {
    code: p.indicatorCode,
    year: p.year,
    level: p.reportLevel,
    from: String(p.year),
    to: String(p.year + 1),
    sumFields: JSON.stringify(p.sumFields),
    latestFields: JSON.stringify(p.latestFields),
    ratios: JSON.stringify(p.verdictRatios),
    received: k.received,
    onTime: k.onTime,
    approved: k.approved,
    units: k.units,
    returned: k.returned,
    vp: k.verdictPrefix
  }
  const run = (sql: string, extra: Record<string, unknown> = {}) => {
    const st = db.prepare(sql)
    // Only the parameters a statement names may be bound.
    const names = new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))
    const all: Record<string, unknown> = { ...params, ...extra }
    return st.run(Object.fromEntries(Object.entries(all).filter(([n]) => names.has(n))))
  }
  const ratio = `CASE WHEN j.type IN ('integer', 'real') THEN j.value ELSE json_extract(@ratios, '$.' || j.value) END`
  // One year aggregation over the reports `filter` picks, into key `key`.
  const yearOf = (key: string, filter: string, withReturned: boolean) => {
    const e = { key }
    run(`INSERT INTO rb_c SELECT r.unit, @key, r.field, SUM(r.value) FROM rb_v r
         WHERE ${filter} AND r.num AND r.field IN (SELECT value FROM json_each(@sumFields)) GROUP BY r.unit, r.field`, e)
    run(`INSERT INTO rb_c SELECT unit, @key, field, value FROM (
           SELECT r.unit, r.field, r.value, row_number() OVER (PARTITION BY r.unit, r.field ORDER BY r.period DESC) AS rn
           FROM rb_v r WHERE ${filter} AND r.num AND r.field IN (SELECT value FROM json_each(@latestFields))) WHERE rn = 1`, e)
    run(`INSERT INTO rb_c SELECT unit, @key, f, v FROM (
           SELECT unit, @received AS f, count(*) AS v FROM rb_r r WHERE ${filter} GROUP BY unit
           UNION ALL SELECT unit, @onTime, sum(on_time) FROM rb_r r WHERE ${filter} GROUP BY unit
           UNION ALL SELECT unit, @approved, sum(status = 'approved') FROM rb_r r WHERE ${filter} GROUP BY unit
           UNION ALL SELECT unit, @units, 1 FROM rb_r r WHERE ${filter} GROUP BY unit)`, e)
    run(`INSERT INTO rb_c SELECT unit, @key, @vp || field, value FROM (
           SELECT r.unit, r.field, r.value, row_number() OVER (PARTITION BY r.unit, r.field ORDER BY r.period DESC) AS rn
           FROM rb_vd r WHERE ${filter}) WHERE rn = 1`, e)
    if (withReturned) run(`INSERT INTO rb_c SELECT unit, @key, @returned, count(*) FROM rb_r WHERE status = 'returned' GROUP BY unit`, e)
  }

  return db.transaction((): number => {
    for (const t of ['rb_r', 'rb_v', 'rb_vd', 'rb_c', 'rb_l', 'rb_next', 'rb_counted']) db.exec(`DROP TABLE IF EXISTS temp.${t}`)
    // The reports that count: this indicator-year, from units now at the reporting level.
    run(`CREATE TEMP TABLE rb_r AS
         SELECT r.org_unit_id AS unit, r.period AS period, r.status AS status, json_extract(r.body, '$.onTime') AS on_time, r.body AS body
         FROM reports r JOIN org_units u ON u.id = r.org_unit_id
         WHERE r.indicator_code = @code AND r.year = @year AND u.level = @level`)
    // Each JSON body is read once: its values and its verdicts (as ratios) as rows.
    db.exec(`CREATE TEMP TABLE rb_v AS SELECT r.unit, r.period, r.status, j.key AS field, j.value AS value, j.type IN ('integer', 'real') AS num FROM rb_r r, json_each(r.body, '$.values') j`)
    run(`CREATE TEMP TABLE rb_vd AS SELECT r.unit, r.period, r.status, j.key AS field, ${ratio} AS value FROM rb_r r, json_each(r.body, '$.verdicts') j`)
    // Contributions: (unit, roll-up key, field, value); untyped value keeps integers integers.
    db.exec('CREATE TEMP TABLE rb_c (unit TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL, value)')
    db.exec(`INSERT INTO rb_c SELECT unit, period, field, value FROM rb_v WHERE status <> 'returned'`)
    run(`INSERT INTO rb_c SELECT unit, period, f, v FROM (
           SELECT unit, period, @received AS f, 1 AS v FROM rb_r WHERE status <> 'returned'
           UNION ALL SELECT unit, period, @onTime, on_time FROM rb_r WHERE status <> 'returned'
           UNION ALL SELECT unit, period, @approved, status = 'approved' FROM rb_r WHERE status <> 'returned'
           UNION ALL SELECT unit, period, @units, 1 FROM rb_r WHERE status <> 'returned'
           UNION ALL SELECT unit, period, @returned, 1 FROM rb_r WHERE status = 'returned')`)
    run(`INSERT INTO rb_c SELECT unit, period, @vp || field, value FROM rb_vd WHERE status <> 'returned'`)
    if (p.yearKey) yearOf(p.yearKey, "r.status <> 'returned'", true)
    yearOf(p.approvedKey, "r.status = 'approved'", false)

    // The roll-ups of the year's keys, replaced: the units' own rows, then each level's sums to its parents.
    run('DELETE FROM rollups WHERE indicator_code = @code AND period >= @from AND period < @to')
    db.exec('CREATE TEMP TABLE rb_l AS SELECT unit, key, field, sum(value) AS sum, count(*) AS n FROM rb_c GROUP BY unit, key, field')
    for (;;) {
      const wrote = run('INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) SELECT @code, unit, key, field, sum, n FROM rb_l WHERE true').changes
      if (wrote === 0) break
      db.exec(`CREATE TEMP TABLE rb_next AS SELECT u.parent_id AS unit, l.key, l.field, sum(l.sum) AS sum, sum(l.n) AS n
               FROM rb_l l JOIN org_units u ON u.id = l.unit WHERE u.parent_id IS NOT NULL GROUP BY u.parent_id, l.key, l.field`)
      db.exec('DROP TABLE temp.rb_l; ALTER TABLE temp.rb_next RENAME TO rb_l')
    }

    // Every unit-year of the indicator-year: its new counted contribution and a new stamp.
    run(`INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted) SELECT DISTINCT @code, unit, @year, 0, '{}' FROM rb_r WHERE true
         ON CONFLICT(indicator_code, org_unit_id, year) DO NOTHING`)
    db.exec(`CREATE TEMP TABLE rb_counted (unit TEXT PRIMARY KEY, counted TEXT NOT NULL);
             INSERT INTO rb_counted SELECT unit, json_group_object(key, json(obj)) FROM (SELECT unit, key, json_group_object(field, value) AS obj FROM rb_c GROUP BY unit, key) GROUP BY unit`)
    const n = run(`UPDATE unit_years SET stamp = stamp + 1, counted = coalesce((SELECT counted FROM rb_counted WHERE unit = unit_years.org_unit_id), '{}')
                   WHERE indicator_code = @code AND year = @year`).changes
    for (const t of ['rb_r', 'rb_v', 'rb_vd', 'rb_c', 'rb_l', 'rb_counted']) db.exec(`DROP TABLE IF EXISTS temp.${t}`)
    return n
  }).immediate()
}
