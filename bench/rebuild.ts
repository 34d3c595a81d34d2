import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { rebuild } from '../cloud/rollup/rebuild'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import { int, median, ms, ratio } from './lib/stats'
import type { Bench } from './lib/types'
import { COMMUNITIES, GRIDS_PER_COMMUNITY_PER_BATCH, INDICATORS, indicators, MONTHS, NAIVE_SQL, orgTree, STREETS, YEAR } from './progress'

/**
 * A full roll-up rebuild at city scale: the `progress` bench's city
 * (15,000 grids × 30 monthly grid-level indicators × 12 months = 5.4
 * million reported values), this time as stored reports: one `reports`
 * row per report (its JSON body as SqliteStore writes it), one unit-year
 * per grid and indicator, and no roll-ups at all. Then `rebuild(indicator,
 * 2020)` (cloud/rollup/rebuild.ts, the code `rollups.rebuild` and `npm run
 * rebuild-rollups` run) for all 30 indicators over the real SqliteStore,
 * timed against the same GROUP BY over the same values as the `progress`
 * bench's baseline, in the same run. The rebuilt district figures are
 * checked against the GROUP BY.
 */
const G = COMMUNITIES * GRIDS_PER_COMMUNITY_PER_BATCH
const NAIVE_RUNS = 3
/** BENCH_REBUILD_PAGED=n also times the paged core rebuild of the first n indicators (0 by default: ≈ 50 s per indicator at 1/10 scale). */
const PAGED = Number(process.env.BENCH_REBUILD_PAGED ?? 0)

function generate(db: Database.Database): void {
  const seq = (n: number) => `(WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < ${n - 1}) SELECT x FROM s)`
  const unit = `'ga-' || printf('%04d', gl / ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1) || '-' || printf('%02d', gl % ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1)`
  const path = `'/bd/bd-s' || printf('%02d', ((gl / ${GRIDS_PER_COMMUNITY_PER_BATCH}) % ${STREETS}) + 1) || '/bd-c' || printf('%04d', gl / ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1) || '/' || ${unit} || '/'`
  // The same figures as the progress bench's batch a (value, on time, approved).
  const b = `((gl * 7 + i * 13) % 40)`
  const onTime = `(NOT (m = 1 + ((gl + i) % 12) AND (gl + i) % 4 = 0))`
  const approved = `(m <= 6 + (gl % 6))`
  const period = `'${YEAR}-' || printf('%02d', m)`
  const code = `'B-' || printf('%02d', i)`
  const rows = `(SELECT x / ${MONTHS * G} + 1 AS i, (x / ${MONTHS}) % ${G} AS gl, x % ${MONTHS} + 1 AS m FROM ${seq(INDICATORS * G * MONTHS)})`
  db.exec(`
    INSERT INTO reports (id, indicator_code, org_unit_id, unit_path, period, year, status, version, updated_at, body)
    SELECT ${code} || '~' || ${unit} || '~' || ${period}, ${code}, ${unit}, ${path}, ${period}, ${YEAR},
           CASE WHEN ${approved} THEN 'approved' ELSE 'submitted' END, 1, '${YEAR}-12-01T00:00:00.000Z',
           json_object('id', ${code} || '~' || ${unit} || '~' || ${period}, 'clientId', 'bench-' || x, 'indicatorCode', ${code}, 'orgUnitId', ${unit},
             'period', ${period}, 'values', json_object('done', ${b} + m), 'dates', json('{}'), 'narrative', '', 'evidence', json('[]'), 'reasons', json('{}'),
             'status', CASE WHEN ${approved} THEN 'approved' ELSE 'submitted' END, 'version', 1, 'submittedBy', 'u-bench', 'submittedAt', '${YEAR}-12-01T00:00:00.000Z',
             'onTime', json(CASE WHEN ${onTime} THEN 'true' ELSE 'false' END), 'updatedAt', '${YEAR}-12-01T00:00:00.000Z', 'returnedFields', json('[]'), 'verdicts', json('{}'))
    FROM (SELECT x, x / ${MONTHS * G} + 1 AS i, (x / ${MONTHS}) % ${G} AS gl, x % ${MONTHS} + 1 AS m FROM ${seq(INDICATORS * G * MONTHS)})
  `)
  db.exec(`
    INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted)
    SELECT 'B-' || printf('%02d', x / ${G} + 1), 'ga-' || printf('%04d', (x % ${G}) / ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1) || '-' || printf('%02d', (x % ${G}) % ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1), ${YEAR}, 1, '{}'
    FROM ${seq(INDICATORS * G)}
  `)
  db.exec(`
    INSERT INTO report_values (indicator_code, unit_path, period, field, value, on_time, approved)
    SELECT ${code}, ${path}, ${period}, 'done', ${b} + m, ${onTime}, ${approved} FROM ${rows}
  `)
}

export const rebuildBench: Bench = {
  id: 'rebuild',
  title: 'A full roll-up rebuild from the reports at city scale, against the GROUP BY over the same values',
  async run(ctx) {
    const file = join(ctx.tmp, 'city-reports.db')
    const store = new SqliteStore(file)
    await store.putOrgUnits(orgTree(['a']))
    for (const ind of indicators()) await store.putIndicator(ind)
    store.db.exec(`CREATE TABLE report_values (indicator_code TEXT NOT NULL, unit_path TEXT NOT NULL, period TEXT NOT NULL, field TEXT NOT NULL, value REAL NOT NULL, on_time INTEGER NOT NULL, approved INTEGER NOT NULL)`)
    await store.close()

    const t0 = performance.now()
    const db = new Database(file)
    db.pragma('journal_mode = DELETE')
    db.pragma('synchronous = OFF')
    db.pragma('cache_size = -1048576')
    try {
      db.transaction(() => generate(db))()
    } finally {
      db.close()
    }
    const genSeconds = (performance.now() - t0) / 1000
    const values = G * INDICATORS * MONTHS
    ctx.log(`generated ${int(values)} reports of ${int(G)} grids in ${genSeconds.toFixed(0)} s`)

    const s = new SqliteStore(file)
    try {
      const naive: number[] = []
      let rows: { code: string; street: string; total: number; received: number; on_time: number; approved: number }[] = []
      for (let k = 0; k < NAIVE_RUNS; k++) {
        const t = performance.now()
        rows = s.db.prepare(NAIVE_SQL).all() as typeof rows
        naive.push(performance.now() - t)
      }
      ctx.log(`GROUP BY: ${naive.map(ms).join(', ')} ms`)

      const now = () => new Date().toISOString()
      const t = performance.now()
      let unitYears = 0
      // The store's set-based SQL (SqliteStore.rebuildSetBased), the path rebuild() takes on SQLite.
      for (const ind of indicators()) unitYears += (await rebuild(s, ind, YEAR, now)).done
      const rebuildMs = performance.now() - t
      ctx.log(`set-based rebuild: ${ms(rebuildMs)} ms for ${int(unitYears)} unit-years`)

      // The rebuilt district equals the GROUP BY, indicator by indicator.
      const got = await s.rollups(indicators().map((i) => i.code), ['bd'], String(YEAR))
      for (const ind of indicators()) {
        const mine = rows.filter((r) => r.code === ind.code)
        const sum = (k: 'total' | 'received' | 'on_time' | 'approved') => mine.reduce((a, r) => a + r[k], 0)
        const a = got.get(ind.code)!.get('bd')!
        const want = { done: sum('total'), '#received': sum('received'), '#on_time': sum('on_time'), '#approved': sum('approved') }
        for (const [k, v] of Object.entries(want)) if (a[k]?.sum !== v) throw new Error(`${ind.code} ${k}: rebuilt ${a[k]?.sum}, GROUP BY ${v}`)
      }
      // The paged core path (what CloudBase runs), for the first PAGED indicators only: it is slow.
      let pagedMs: number | null = null
      if (PAGED > 0) {
        const tp = performance.now()
        for (const ind of indicators().slice(0, PAGED)) await rebuild(s, ind, YEAR, now, { paged: true })
        pagedMs = performance.now() - tp
        ctx.log(`paged core rebuild of ${PAGED} indicator(s): ${ms(pagedMs)} ms`)
      }
      const rollupRows = (s.db.prepare('SELECT count(*) AS n FROM rollups').get() as { n: number }).n
      const nMed = median(naive)
      return {
        table: [
          ['reports (values)', 'grids', 'unit-years', 'full rebuild, set-based SQL (s)', 'GROUP BY (ms)', 'rebuild ÷ GROUP BY', 'paged core rebuild per indicator (s)', 'roll-up rows written', 'file (MB)'],
          [
            int(values),
            int(G),
            int(unitYears),
            (rebuildMs / 1000).toFixed(1),
            naive.map(ms).join(' / '),
            ratio(rebuildMs, nMed),
            pagedMs === null ? 'not run' : `${(pagedMs / 1000 / PAGED).toFixed(1)} (set-based: ${(rebuildMs / 1000 / INDICATORS).toFixed(1)})`,
            int(rollupRows),
            int(statSync(file).size / 2 ** 20)
          ]
        ],
        notes: [
          `The city of the \`progress\` bench at 1× with BENCH_COMMUNITIES=${COMMUNITIES} (1500 is city scale; ${STREETS} streets, ${int(COMMUNITIES)} communities, ${int(G)} grids, ${INDICATORS} monthly indicators shaped like YL-133, ${MONTHS} months: ${(values / 1e6).toFixed(1)} million values), generated in bulk SQL in ${genSeconds.toFixed(0)} s as stored reports (JSON bodies as SqliteStore writes them) and unit-years with nothing counted, and no roll-ups.`,
          `The rebuild is \`rebuild(indicator, 2020)\` for each of the ${INDICATORS} indicators, in-process on the real SqliteStore, which takes the store's set-based path (cloud/store/sqlite/rebuildSql.ts): per indicator-year one IMMEDIATE transaction of INSERT … SELECT … GROUP BY over the reports' JSON (period keys, year key, approved-only key, as core's \`setBasedPlan\` says), the roll-up rows replaced level by level up the tree, and every unit-year's counted contribution and stamp rewritten. test/rollup/setBased.test.ts checks it equals core's rebuild on random histories.`,
          PAGED > 0
            ? `The paged core path (\`rebuild(…, { paged: true })\`: per page of 100 unit-years, read each grid's reports, \`unitYearCounted\`, one batched write; what the CloudBase adapter runs) was timed over the first ${PAGED} indicator(s) after the set-based run, so it found nothing to change but did all its reads and derivations.`
            : 'The paged core path (what the CloudBase adapter runs) was not timed in this run (BENCH_REBUILD_PAGED=n times it for n indicators); on 2026-12-01 it took 1,475.7 s for all 30 indicators at 1/10 of city scale (394× the GROUP BY).',
          `The baseline is the \`progress\` bench's GROUP BY over \`report_values\` (one row per value; no index), ${NAIVE_RUNS} runs in the same process before the rebuild. The rebuilt district totals (sum, received, on time, approved) are checked equal to it for every indicator. A rebuild is a repair, run after a plan change or a migration; it is not on any request's path.`
        ],
        figures: { rebuildSeconds: +(rebuildMs / 1000).toFixed(1), pagedSecondsPerIndicator: pagedMs === null ? null : +(pagedMs / 1000 / PAGED).toFixed(1), naiveMs: +ms(nMed), unitYears, rollupRows, values }
      }
    } finally {
      await s.close()
    }
  }
}
