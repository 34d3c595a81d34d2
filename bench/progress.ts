import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiContext } from '../cloud/api/context'
import { dispatch } from '../cloud/api/router'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import type { Indicator } from '../src/core/indicator'
import type { OrgUnit } from '../src/core/org'
import { contribution, yearContribution, type ReportFacts } from '../src/core/rollup'
import { SEED_INDICATORS } from '../src/core/seed/catalog'
import { int, median, ms, quantile, ratio, times } from './lib/stats'
import type { Bench, BenchContext } from './lib/types'

/**
 * City scale: 15,000 grids × 30 monthly grid-level indicators × 12 months
 * = 5.4 million reported values, then doubled twice (30,000 and 60,000
 * grids). Generated straight into a SQLite file in bulk, as the store
 * would hold them after every report had gone through `submit`:
 * - roll-ups: each report's contribution (its value and the #received,
 *   #on_time, #approved counters) for its month and for the year, at the
 *   grid and at every unit above it (rollup.ts, SqliteStore.writeReport);
 * - the raw values in a `report_values` table of the same database, which
 *   the baseline, a plain GROUP BY, reads.
 * `progress` for the district is then the real action (dispatch) over the
 * real store; the baseline computes the same district and street totals
 * from the raw values.
 */
export const STREETS = 11
/** BENCH_COMMUNITIES makes a smaller city for trying the benchmark out (the figures in RESULTS.md use 1,500). */
export const COMMUNITIES = Number(process.env.BENCH_COMMUNITIES ?? 1500)
export const GRIDS_PER_COMMUNITY_PER_BATCH = 10
export const INDICATORS = 30
export const MONTHS = 12
export const YEAR = 2020
/** Batches of 15,000 grids: 1× is batch a; 2× adds b; 4× adds c and d. */
export const STEPS: { label: string; batches: string[] }[] = [
  { label: '1×', batches: ['a'] },
  { label: '2×', batches: ['b'] },
  { label: '4×', batches: ['c', 'd'] }
]
const BATCH_GRIDS = COMMUNITIES * GRIDS_PER_COMMUNITY_PER_BATCH
const PROGRESS_RUNS = 9
/** The baseline takes seconds a run: fewer runs as it grows. */
const NAIVE_RUNS = [2, 1, 1]

const pad = (n: number, w: number) => String(n).padStart(w, '0')
const code = (i: number) => `B-${pad(i, 2)}`
const streetId = (s: number) => `bd-s${pad(s, 2)}`
const communityId = (c: number) => `bd-c${pad(c, 4)}`
/** Community c (1-based) lies in street ((c - 1) % 11) + 1. */
const streetOf = (c: number) => ((c - 1) % STREETS) + 1
const gridId = (batch: string, c: number, k: number) => `g${batch}-${pad(c, 4)}-${pad(k, 2)}`

// The figures of grid g (global index), indicator i, month m, in JS and in SQL.
const base = (g: number, i: number) => (g * 7 + i * 13) % 40
const value = (g: number, i: number, m: number) => base(g, i) + m
const onTime = (g: number, i: number, m: number) => !(m === 1 + ((g + i) % 12) && (g + i) % 4 === 0)
const approved = (g: number, m: number) => m <= 6 + (g % 6)

export function indicators(): Indicator[] {
  const template = SEED_INDICATORS.find((i) => i.code === 'YL-133')!
  return Array.from({ length: INDICATORS }, (_, k) => ({
    ...template,
    code: code(k + 1),
    seq: 100 + k,
    category: '基准',
    title: `基准指标${pad(k + 1, 2)}`,
    description: '基准测试生成的月度网格指标',
    fields: [{ key: 'done', label: '完成数', kind: 'count', unit: '件', max: 1_000_000 }],
    targets: [{ id: 'done', kind: 'count', label: '全年完成', field: 'done', min: 100 }]
  })) as Indicator[]
}

export function orgTree(batches: string[]): OrgUnit[] {
  const units: OrgUnit[] = []
  const streetPath = (s: number) => `/bd/${streetId(s)}/`
  const communityPath = (c: number) => `${streetPath(streetOf(c))}${communityId(c)}/`
  if (batches.includes('a')) {
    units.push({ id: 'bd', name: '基准区', level: 'district', parentId: null, path: '/bd/' })
    for (let s = 1; s <= STREETS; s++) units.push({ id: streetId(s), name: `基准街道${s}`, level: 'street', parentId: 'bd', path: streetPath(s) })
    for (let c = 1; c <= COMMUNITIES; c++) units.push({ id: communityId(c), name: `基准社区${c}`, level: 'community', parentId: streetId(streetOf(c)), path: communityPath(c) })
  }
  for (const b of batches)
    for (let c = 1; c <= COMMUNITIES; c++)
      for (let k = 1; k <= GRIDS_PER_COMMUNITY_PER_BATCH; k++) {
        const id = gridId(b, c, k)
        units.push({ id, name: id, level: 'grid', parentId: communityId(c), path: `${communityPath(c)}${id}/` })
      }
  return units
}

const BATCH_OFFSET: Record<string, number> = { a: 0, b: 1, c: 2, d: 3 }

/**
 * One batch of 15,000 grids, in bulk. Row x of a generated sequence maps
 * to (indicator, grid, period, field) in primary-key order, so the B-tree
 * is appended to, not shuffled.
 */
export function generateBatch(db: Database.Database, batch: string): void {
  const off = BATCH_OFFSET[batch] * BATCH_GRIDS
  const G = BATCH_GRIDS
  const seq = (n: number) => `(WITH RECURSIVE s(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM s WHERE x < ${n - 1}) SELECT x FROM s)`
  // Local grid gl → community c = gl / 10 + 1, k = gl % 10 + 1; global g = off + gl.
  const unit = `'g${batch}-' || printf('%04d', gl / ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1) || '-' || printf('%02d', gl % ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1)`
  const g = `(${off} + gl)`
  const b = `((${g} * 7 + i * 13) % 40)`
  const onTimeSql = (m: string) => `(NOT (${m} = 1 + ((${g} + i) % 12) AND (${g} + i) % 4 = 0))`
  const approvedSql = (m: string) => `(${m} <= 6 + (${g} % 6))`
  // Grid roll-ups: 13 periods ('2020' first, then the months, as keys sort) × 5 fields.
  db.exec(`
    INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n)
    SELECT 'B-' || printf('%02d', i), ${unit},
           CASE WHEN p = 0 THEN '${YEAR}' ELSE '${YEAR}-' || printf('%02d', p) END,
           CASE f WHEN 0 THEN '#approved' WHEN 1 THEN '#on_time' WHEN 2 THEN '#received' WHEN 3 THEN '#units' ELSE 'done' END,
           CASE
             WHEN p = 0 AND f = 0 THEN 6 + (${g} % 6)
             WHEN p = 0 AND f = 1 THEN 12 - ((${g} + i) % 4 = 0)
             WHEN p = 0 AND f = 2 THEN 12
             WHEN f = 3 THEN 1
             WHEN p = 0 THEN 12 * ${b} + 78
             WHEN f = 0 THEN ${approvedSql('p')}
             WHEN f = 1 THEN ${onTimeSql('p')}
             WHEN f = 2 THEN 1
             ELSE ${b} + p
           END, 1
    FROM (SELECT x / ${65 * G} + 1 AS i, (x / 65) % ${G} AS gl, (x / 5) % 13 AS p, x % 5 AS f FROM ${seq(INDICATORS * G * 65)})
  `)
  // The raw values, one row per report and field.
  db.exec(`
    INSERT INTO report_values (indicator_code, unit_path, period, field, value, on_time, approved)
    SELECT 'B-' || printf('%02d', i),
           '/bd/bd-s' || printf('%02d', ((gl / ${GRIDS_PER_COMMUNITY_PER_BATCH}) % ${STREETS}) + 1) || '/bd-c' || printf('%04d', gl / ${GRIDS_PER_COMMUNITY_PER_BATCH} + 1) || '/' || ${unit} || '/',
           '${YEAR}-' || printf('%02d', m), 'done', ${b} + m, ${onTimeSql('m')}, ${approvedSql('m')}
    FROM (SELECT x / ${MONTHS * G} + 1 AS i, (x / ${MONTHS}) % ${G} AS gl, x % ${MONTHS} + 1 AS m FROM ${seq(INDICATORS * G * MONTHS)})
  `)
  // Every unit above the grids: the batch's contributions summed in JS and
  // added with the store's own upsert (sum += , n +=).
  // acc[i][c]: [approved, onTime, received, units, done] × 13 periods (sums; n = grids of the batch beneath).
  const acc: number[][][] = Array.from({ length: INDICATORS + 1 }, () => Array.from({ length: COMMUNITIES + 1 }, () => new Array(65).fill(0)))
  for (let gl = 0; gl < G; gl++) {
    const gg = off + gl
    const c = Math.floor(gl / GRIDS_PER_COMMUNITY_PER_BATCH) + 1
    for (let i = 1; i <= INDICATORS; i++) {
      const a4 = acc[i][c]
      for (let m = 1; m <= MONTHS; m++) {
        const a = approved(gg, m) ? 1 : 0
        const o = onTime(gg, i, m) ? 1 : 0
        const v = value(gg, i, m)
        a4[m * 5] += a
        a4[m * 5 + 1] += o
        a4[m * 5 + 2] += 1
        a4[m * 5 + 3] += 1
        a4[m * 5 + 4] += v
        a4[0] += a
        a4[1] += o
        a4[2] += 1
        a4[4] += v
      }
      // The year key counts the grid once.
      a4[3] += 1
    }
  }
  const inc = db.prepare(
    `INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(indicator_code, unit_id, period, field) DO UPDATE SET sum = sum + excluded.sum, n = n + excluded.n`
  )
  const FIELDS = ['#approved', '#on_time', '#received', '#units', 'done']
  const periods = [String(YEAR), ...Array.from({ length: MONTHS }, (_, k) => `${YEAR}-${pad(k + 1, 2)}`)]
  const grids = GRIDS_PER_COMMUNITY_PER_BATCH
  const write = (i: number, unitId: string, sums: number[], n: number) => {
    for (let p = 0; p < 13; p++) for (let f = 0; f < 5; f++) inc.run(code(i), unitId, periods[p], FIELDS[f], sums[p * 5 + f], n)
  }
  db.transaction(() => {
    // In key order (indicator, then unit id: 'bd' < 'bd-c…' < 'bd-s…'), so the upserts walk the B-tree once.
    for (let i = 1; i <= INDICATORS; i++) {
      const street = Array.from({ length: STREETS + 1 }, () => new Array(65).fill(0))
      const streetGrids = new Array(STREETS + 1).fill(0)
      const district = new Array(65).fill(0)
      for (let c = 1; c <= COMMUNITIES; c++) {
        const sums = acc[i][c]
        for (let k = 0; k < 65; k++) {
          street[streetOf(c)][k] += sums[k]
          district[k] += sums[k]
        }
        streetGrids[streetOf(c)] += grids
      }
      write(i, 'bd', district, G)
      for (let c = 1; c <= COMMUNITIES; c++) write(i, communityId(c), acc[i][c], grids)
      for (let st = 1; st <= STREETS; st++) write(i, streetId(st), street[st], streetGrids[st])
    }
  })()
}

/** The core's own contributions for a few generated grids, checked against the rows written for them. */
export function checkAgainstCore(db: Database.Database, batch: string): void {
  const ind = indicators()[0]
  const get = db.prepare('SELECT sum, n FROM rollups WHERE indicator_code = ? AND unit_id = ? AND period = ? AND field = ?')
  for (const gl of [0, 7, BATCH_GRIDS - 1]) {
    const g = BATCH_OFFSET[batch] * BATCH_GRIDS + gl
    const i = 1
    const unit = gridId(batch, Math.floor(gl / GRIDS_PER_COMMUNITY_PER_BATCH) + 1, (gl % GRIDS_PER_COMMUNITY_PER_BATCH) + 1)
    const reports: ReportFacts[] = Array.from({ length: MONTHS }, (_, k) => ({
      period: `${YEAR}-${pad(k + 1, 2)}`,
      values: { done: value(g, i, k + 1) },
      verdicts: {},
      status: approved(g, k + 1) ? 'approved' : 'submitted',
      onTime: onTime(g, i, k + 1)
    }))
    const expect = [...reports.map((r) => [r.period, contribution(ind, r)] as const), [String(YEAR), yearContribution(ind, reports)] as const]
    for (const [period, figures] of expect)
      for (const [field, sum] of Object.entries(figures)) {
        const row = get.get(ind.code, unit, period, field) as { sum: number; n: number } | undefined
        if (!row || row.sum !== sum || row.n !== 1) throw new Error(`generated roll-up ${unit} ${period} ${field}: ${JSON.stringify(row)}, core says ${sum}`)
      }
  }
}

export const NAIVE_SQL = `
  SELECT indicator_code AS code, substr(unit_path, 1, 11) AS street,
         SUM(value) AS total, COUNT(*) AS received, SUM(on_time) AS on_time, SUM(approved) AS approved
  FROM report_values
  WHERE period >= '${YEAR}-01' AND period <= '${YEAR}-12' AND field = 'done'
  GROUP BY indicator_code, street`

interface Step {
  label: string
  grids: number
  values: number
  rollupRows: number
  dbMB: number
  progress: number[]
  naive: number[]
  exportMs: number | null
}

async function measure(file: string, label: string, naiveRuns: number, ctx: BenchContext): Promise<Omit<Step, 'label' | 'grids' | 'values' | 'dbMB'>> {
  const store = new SqliteStore(file)
  try {
    const district = (await store.getOrgUnit('bd'))!
    const admin = (await store.getPerson('u-bd-admin'))!
    const api: ApiContext = {
      store,
      clock: { now: () => new Date('2020-12-20T10:00:00+08:00') },
      caller: { person: admin, unit: district },
      text: ALLOW_ALL_TEXT,
      config: DEFAULT_CONFIG
    }
    let last: any = null
    const call = async () => {
      const res = await dispatch(api, 'progress', { orgUnitId: 'bd', period: String(YEAR) })
      if (!res.ok) throw new Error(`progress: ${JSON.stringify(res.error)}`)
      last = res.data
    }
    const progress: number[] = []
    await call()
    for (let k = 0; k < PROGRESS_RUNS; k++) {
      const t = performance.now()
      await call()
      progress.push(performance.now() - t)
    }
    // The 自查表 of the district at this scale (the same roll-ups, plus the document).
    let exportMs: number | null = null
    try {
      const t = performance.now()
      const res = await dispatch(api, 'export.table', { year: YEAR })
      if (res.ok) exportMs = performance.now() - t
    } catch {
      exportMs = null
    }

    const db = store.db
    const naive: number[] = []
    let rows: { code: string; street: string; total: number; received: number; on_time: number; approved: number }[] = []
    for (let k = 0; k < naiveRuns; k++) {
      const t = performance.now()
      rows = db.prepare(NAIVE_SQL).all() as typeof rows
      naive.push(performance.now() - t)
    }
    // Both give the same district figures.
    for (const ind of last.indicators as { code: string; figures: { done?: number }; received: number; onTime: number; approved: number }[]) {
      const mine = rows.filter((r) => r.code === ind.code)
      const sum = (k: 'total' | 'received' | 'on_time' | 'approved') => mine.reduce((a, r) => a + r[k], 0)
      if (ind.figures.done !== sum('total') || ind.received !== sum('received') || ind.onTime !== sum('on_time') || ind.approved !== sum('approved')) {
        throw new Error(`${label} ${ind.code}: progress ${JSON.stringify(ind)} ≠ GROUP BY ${sum('total')}/${sum('received')}/${sum('on_time')}/${sum('approved')}`)
      }
    }
    if (last.indicators.length !== INDICATORS || last.children.length !== STREETS) throw new Error(`${label}: progress answered ${last.indicators.length} indicators, ${last.children.length} streets`)
    const rollupRows = (db.prepare('SELECT count(*) AS n FROM rollups').get() as { n: number }).n
    ctx.log(`${label}: progress median ${ms(median(progress))} ms; GROUP BY ${naive.map(ms).join(', ')} ms; export.table ${exportMs === null ? '—' : ms(exportMs)} ms; ${int(rollupRows)} roll-up rows`)
    return { progress, naive, rollupRows, exportMs }
  } finally {
    await store.close()
  }
}

export const progressBench: Bench = {
  id: 'progress',
  title: '`progress` for the district at city scale, against a GROUP BY over the raw values',
  async run(ctx) {
    const file = join(ctx.tmp, 'city.db')
    // Schema by the store itself (its migrations), then the tree, catalog and the bureau's admin.
    const store = new SqliteStore(file)
    await store.putOrgUnits(orgTree(['a']))
    for (const ind of indicators()) await store.putIndicator(ind)
    await store.putPeople([{ id: 'u-bd-admin', name: '管理员', role: 'admin', orgUnitId: 'bd' }])
    store.db.exec(`CREATE TABLE report_values (indicator_code TEXT NOT NULL, unit_path TEXT NOT NULL, period TEXT NOT NULL, field TEXT NOT NULL, value REAL NOT NULL, on_time INTEGER NOT NULL, approved INTEGER NOT NULL)`)
    await store.close()

    const steps: Step[] = []
    let batchesSoFar = 0
    let genSeconds = 0
    for (const [k, step] of STEPS.slice(0, Number(process.env.BENCH_STEPS ?? STEPS.length)).entries()) {
      const t = performance.now()
      const db = new Database(file)
      db.pragma('journal_mode = DELETE')
      db.pragma('synchronous = OFF')
      db.pragma('cache_size = -1048576')
      try {
        for (const b of step.batches) {
          if (b !== 'a') {
            const ins = db.prepare('INSERT INTO org_units (id, name, level, parent_id, path) VALUES (@id, @name, @level, @parentId, @path)')
            db.transaction(() => orgTree([b]).forEach((u) => ins.run(u)))()
          }
          const t0 = performance.now()
          generateBatch(db, b)
          checkAgainstCore(db, b)
          ctx.log(`batch ${b}: ${((performance.now() - t0) / 1000).toFixed(0)} s`)
          batchesSoFar++
        }
      } finally {
        db.close()
      }
      const secs = (performance.now() - t) / 1000
      genSeconds += secs
      ctx.log(`${step.label}: generated ${int(batchesSoFar * BATCH_GRIDS)} grids in ${secs.toFixed(0)} s`)
      const m = await measure(file, step.label, NAIVE_RUNS[k], ctx)
      steps.push({ label: step.label, grids: batchesSoFar * BATCH_GRIDS, values: batchesSoFar * BATCH_GRIDS * INDICATORS * MONTHS, dbMB: statSync(file).size / 2 ** 20, ...m })
    }

    const growth = (pick: (s: Step) => number) => steps.map((s) => times(pick(s), pick(steps[0])))
    const pMed = (s: Step) => median(s.progress)
    const nMed = (s: Step) => median(s.naive)
    const pGrowth = growth(pMed)
    const nGrowth = growth(nMed)
    return {
      table: [
        ['reports (values)', 'grids', 'progress: median (ms)', 'progress: p90 (ms)', 'GROUP BY (ms)', 'GROUP BY ÷ progress', 'progress vs 1×', 'GROUP BY vs 1×'],
        ...steps.map((s, k) => [
          `${s.label} ${int(s.values)}`,
          int(s.grids),
          ms(pMed(s)),
          ms(quantile(s.progress, 0.9)),
          s.naive.map(ms).join(' / '),
          ratio(nMed(s), pMed(s)),
          pGrowth[k],
          nGrowth[k]
        ])
      ],
      more: [
        {
          caption: 'The database behind each step',
          table: [
            ['step', 'roll-up rows', 'raw value rows', 'file (MB)', 'export.table for the district (ms, one run)'],
            ...steps.map((s) => [s.label, int(s.rollupRows), int(s.values), int(s.dbMB), s.exportMs === null ? '—' : ms(s.exportMs)])
          ]
        }
      ],
      notes: [
        `A district of ${STREETS} streets and ${int(COMMUNITIES)} communities with ${steps.map((s) => s.grids / COMMUNITIES).join(', ')} grids each (${steps.map((s) => int(s.grids)).join(' / ')} grids), ${INDICATORS} monthly grid-level indicators (one count field, shaped like YL-133) and ${MONTHS} months of reports: ${steps.map((s) => `${(s.values / 1e6).toFixed(1)}`).join(' / ')} million values. Generated in bulk SQL (${genSeconds.toFixed(0)} s in all) into one SQLite file whose schema the store's migrations made; a few generated grids are checked against rollup.ts's own contribution() and yearContribution() each batch.`,
          '`progress` is the real action through `dispatch` (validation, scope, roll-up reads, completion) on the real SqliteStore, in-process, for the district and year 2020 as the bureau admin: one warm-up, then ' +
          `${PROGRESS_RUNS} runs. It reads the roll-ups of the district and its ${STREETS} streets and counts the grids under each (for 应报).`,
        `The baseline is one GROUP BY over \`report_values\` (one row per reported value, with the report's on-time and approved flags, as a naive design would store them) giving the same district and street totals: received, on time, approved and the field's sum; no index (a covering index was tried: ≈ 35% faster, same linear growth). Runs per step: ${NAIVE_RUNS.join(' / ')} (each is seconds). Every step checks that both give the same figures for all ${INDICATORS} indicators.`,
        'The `reports` table itself is left empty: `progress` never reads it. `export.table` does (the 支撑材料 evidence names come from `queryReports`), so its time here is the roll-up part only.'
      ],
      figures: Object.fromEntries(steps.flatMap((s) => [[`progress${s.label}`, +ms(pMed(s))], [`naive${s.label}`, +ms(nMed(s))], [`rollupRows${s.label}`, s.rollupRows]]))
    }
  }
}
