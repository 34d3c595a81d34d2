import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { migrateToPg } from '../cloud/admin/migrateToPg'
import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiContext } from '../cloud/api/context'
import { dispatch } from '../cloud/api/router'
import { PgStore } from '../cloud/store/pg/PgStore'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import { startPgCluster } from './lib/pgCluster'
import { int, median, ms, quantile, ratio, times } from './lib/stats'
import type { Bench } from './lib/types'
import { checkAgainstCore, COMMUNITIES, generateBatch, GRIDS_PER_COMMUNITY_PER_BATCH, indicators, INDICATORS, MONTHS, NAIVE_SQL, orgTree, STEPS, STREETS, YEAR } from './progress'

/**
 * `progress` for the district on PostgreSQL as reports double: the
 * `progress` bench's city (the same generator, bench/progress.ts, with
 * BENCH_COMMUNITIES communities) made in SQLite at each step, then moved
 * into a fresh PostgreSQL database with `migrate-to-pg` (its raw
 * `report_values` too), and `progress` run through `dispatch` on the real
 * PgStore against the same GROUP BY over the raw values, now in PostgreSQL.
 */
const RUNS = 9
const PG_STEPS = Number(process.env.BENCH_PG_STEPS ?? STEPS.length)

export const progressPgBench: Bench = {
  id: 'progresspg',
  title: '`progress` for the district on PostgreSQL as reports double, against a GROUP BY over the raw values',
  async run(ctx) {
    const dir = join(ctx.tmp, 'city')
    mkdirSync(dir)
    const file = join(dir, 'gebao.db')
    const s = new SqliteStore(file)
    await s.putOrgUnits(orgTree(['a']))
    for (const ind of indicators()) await s.putIndicator(ind)
    await s.putPeople([{ id: 'u-bd-admin', name: '管理员', role: 'admin', orgUnitId: 'bd' }])
    s.db.exec(`CREATE TABLE report_values (indicator_code TEXT NOT NULL, unit_path TEXT NOT NULL, period TEXT NOT NULL, field TEXT NOT NULL, value REAL NOT NULL, on_time INTEGER NOT NULL, approved INTEGER NOT NULL)`)
    await s.close()
    const cluster = await startPgCluster()
    const steps: { label: string; grids: number; values: number; rollupRows: number; progress: number[]; naive: number[]; moveS: number }[] = []
    try {
      let batches = 0
      for (const step of STEPS.slice(0, PG_STEPS)) {
        const db = new Database(file)
        db.pragma('synchronous = OFF')
        try {
          for (const b of step.batches) {
            if (b !== 'a') {
              const ins = db.prepare('INSERT INTO org_units (id, name, level, parent_id, path) VALUES (@id, @name, @level, @parentId, @path)')
              db.transaction(() => orgTree([b]).forEach((u) => ins.run(u)))()
            }
            generateBatch(db, b)
            checkAgainstCore(db, b)
            batches++
          }
        } finally {
          db.close()
        }
        // A fresh database each step, filled by migrate-to-pg (raw values included).
        const url = await cluster.database('city')
        const p0 = await PgStore.connect(url)
        await p0.pool.query(`CREATE TABLE report_values (indicator_code TEXT COLLATE "C" NOT NULL, unit_path TEXT COLLATE "C" NOT NULL, period TEXT COLLATE "C" NOT NULL, field TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, on_time INTEGER NOT NULL, approved INTEGER NOT NULL)`)
        await p0.close()
        const tm = performance.now()
        await migrateToPg({ dataDir: dir, databaseUrl: url })
        const moveS = (performance.now() - tm) / 1000
        const store = await PgStore.connect(url)
        try {
          await store.pool.query('VACUUM ANALYZE')
          const api: ApiContext = { store, clock: { now: () => new Date('2020-12-20T10:00:00+08:00') }, caller: { person: (await store.getPerson('u-bd-admin'))!, unit: (await store.getOrgUnit('bd'))! }, text: ALLOW_ALL_TEXT, config: DEFAULT_CONFIG }
          let last: any = null
          const call = async () => {
            const res = await dispatch(api, 'progress', { orgUnitId: 'bd', period: String(YEAR) })
            if (!res.ok) throw new Error(`progress: ${JSON.stringify(res.error)}`)
            last = res.data
          }
          await call()
          const progress: number[] = []
          for (let k = 0; k < RUNS; k++) {
            const t = performance.now()
            await call()
            progress.push(performance.now() - t)
          }
          const naive: number[] = []
          let rows: { code: string; street: string; total: number; received: string; on_time: string; approved: string }[] = []
          for (let k = 0; k < 2; k++) {
            const t = performance.now()
            rows = (await store.pool.query(NAIVE_SQL)).rows
            naive.push(performance.now() - t)
          }
          for (const ind of last.indicators as { code: string; figures: { done?: number }; received: number }[]) {
            const mine = rows.filter((r) => r.code === ind.code)
            const total = mine.reduce((a, r) => a + Number(r.total), 0)
            const received = mine.reduce((a, r) => a + Number(r.received), 0)
            if (ind.figures.done !== total || ind.received !== received) throw new Error(`${step.label} ${ind.code}: progress ${ind.figures.done}/${ind.received} ≠ GROUP BY ${total}/${received}`)
          }
          const rollupRows = Number((await store.pool.query('SELECT count(*) AS n FROM rollups')).rows[0].n)
          const grids = batches * COMMUNITIES * GRIDS_PER_COMMUNITY_PER_BATCH
          ctx.log(`${step.label}: moved in ${moveS.toFixed(0)} s; progress median ${ms(median(progress))} ms; GROUP BY ${naive.map(ms).join(', ')} ms`)
          steps.push({ label: step.label, grids, values: grids * INDICATORS * MONTHS, rollupRows, progress, naive, moveS })
        } finally {
          await store.close()
        }
      }
    } finally {
      cluster.stop()
    }
    const p = (x: (typeof steps)[0]) => median(x.progress)
    const n = (x: (typeof steps)[0]) => median(x.naive)
    return {
      table: [
        ['reports (values)', 'grids', 'roll-up rows', 'progress: median (ms)', 'progress: p90 (ms)', 'GROUP BY (ms)', 'GROUP BY ÷ progress', 'progress vs 1×', 'GROUP BY vs 1×'],
        ...steps.map((x) => [`${x.label} ${int(x.values)}`, int(x.grids), int(x.rollupRows), ms(p(x)), ms(quantile(x.progress, 0.9)), x.naive.map(ms).join(' / '), ratio(n(x), p(x)), times(p(x), p(steps[0])), times(n(x), n(steps[0]))])
      ],
      notes: [
        `BENCH_COMMUNITIES=${COMMUNITIES} (1500 is city scale: 15,000 grids at 1×): ${STREETS} streets, ${int(COMMUNITIES)} communities, ${steps.map((x) => int(x.grids)).join(' / ')} grids, ${INDICATORS} monthly grid-level indicators × ${MONTHS} months. Each step's SQLite file is made by the \`progress\` bench's generator, then copied into a fresh database on a throwaway PostgreSQL cluster (${cluster.version}, fsync on) with \`migrate-to-pg\` (${steps.map((x) => `${x.moveS.toFixed(0)} s`).join(' / ')}), then VACUUM ANALYZE.`,
        `\`progress\` is the real action through \`dispatch\` on the real PgStore, in-process, for the district and 2020 as the bureau admin: one warm-up, then ${RUNS} runs. The baseline is the \`progress\` bench's GROUP BY over \`report_values\` (no index), now in PostgreSQL, 2 runs; every step checks both give the same district figures.`,
      ],
      figures: Object.fromEntries(steps.flatMap((x) => [[`progress${x.label}`, +ms(p(x))], [`naive${x.label}`, +ms(n(x))]]))
    }
  }
}
