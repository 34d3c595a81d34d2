import autocannon from 'autocannon'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { seedIfEmpty } from '../cloud/seed'
import { loadSessionKey, Sessions } from '../cloud/server/session'
import { PgStore } from '../cloud/store/pg/PgStore'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import type { ReportWrite, Store } from '../cloud/store/types'
import { pathIds, type OrgUnit } from '../src/core/org'
import { countedDeltas, unitYearCounted } from '../src/core/rollup'
import { SEED_INDICATORS } from '../src/core/seed/catalog'
import { buildDemoOrgTree } from '../src/core/seed/orgTree'
import { startPgCluster } from './lib/pgCluster'
import { spawnListening } from './lib/proc'
import { int, ms, ratio } from './lib/stats'
import type { Bench, BenchContext } from './lib/types'

/**
 * `submit` over HTTP on SQLite and on PostgreSQL, each against the same
 * transaction run straight on the store in this process (no HTTP, no
 * validation, no session): `store.writeReport` with the report, submission,
 * history, unit-year stamp and roll-up deltas the action would hand it.
 * The ratio says how close the server comes to its database.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SUBMIT_SECONDS ?? 10)
const DIRECT = Number(process.env.BENCH_SUBMIT_DIRECT ?? 3000)
const GRIDS = 40_000
const YL133 = SEED_INDICATORS.find((i) => i.code === 'YL-133')!

function benchGrids(): OrgUnit[] {
  const communities = buildDemoOrgTree().filter((u) => u.level === 'community')
  return Array.from({ length: GRIDS }, (_, i) => {
    const c = communities[i % communities.length]
    const id = `${c.id}-b${String(i).padStart(5, '0')}`
    return { id, name: `基准网格${i}`, level: 'grid', parentId: c.id, path: `${c.path}${id}/` }
  })
}

const values = (i: number) => ({ service_points: 1, canteens: 1, trainees: 100 + (i % 900) })

/** The write `submit` makes for a grid's first report of 2020-12 (the same core calls as cloud/api/reportWrite.ts). */
function firstReportWrite(i: number, g: OrgUnit): ReportWrite {
  const at = new Date(NOW).toISOString()
  const report = {
    id: `YL-133~${g.id}~2020-12`,
    clientId: `direct-${String(i).padStart(8, '0')}`,
    indicatorCode: 'YL-133',
    orgUnitId: g.id,
    unitPath: g.path,
    period: '2020-12',
    values: values(i),
    dates: {},
    narrative: '',
    evidence: [],
    reasons: {},
    status: 'submitted' as const,
    version: 1,
    submittedBy: `u-bench-${i}`,
    submittedAt: at,
    onTime: true,
    updatedAt: at,
    returnedFields: [],
    verdicts: {}
  }
  const counted = unitYearCounted(YL133, 'grid', [report])
  return {
    report,
    expectedVersion: 0,
    clientId: report.clientId,
    expectedYearStamp: 0,
    rollupUnitIds: pathIds(g.path),
    deltas: countedDeltas('YL-133', {}, counted),
    counted,
    history: { reportId: report.id, at, actorId: `u-bench-${i}`, actorName: '网格员', action: 'submit', version: 1, changes: Object.entries(values(i)).map(([field, to]) => ({ field, from: null, to })) }
  }
}

/** The same writes straight on the store, CONNECTIONS in flight at a time; writes a second. */
async function direct(store: Store, grids: OrgUnit[], from: number, n: number): Promise<{ rps: number; n: number }> {
  let next = from
  const t = performance.now()
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < from + n) {
        const i = next++
        const o = await store.writeReport(firstReportWrite(i, grids[i]))
        if (o.kind !== 'ok') throw new Error(`direct write ${i}: ${o.kind}`)
      }
    })
  )
  return { rps: (n / (performance.now() - t)) * 1000, n }
}

async function prepare(store: Store, grids: OrgUnit[]) {
  await seedIfEmpty(store)
  await store.putOrgUnits(grids)
  await store.putPeople(grids.map((g, i) => ({ id: `u-bench-${i}`, name: '网格员', role: 'grid_worker' as const, orgUnitId: g.id })))
}

async function overHttp(ctx: BenchContext, dataDir: string, grids: OrgUnit[], firstGrid: number, env: Record<string, string>) {
  const sessions = new Sessions(loadSessionKey(dataDir))
  const now = Date.parse(NOW)
  // The server as `npm start` runs it; a long start timeout, the machine is shared.
  const server = await spawnListening(join(ctx.root, 'cloud/server/main.ts'), ctx.root, { PORT: '0', DATA_DIR: dataDir, LOG: 'off', STATIC_DIR: join(dataDir, 'no-static'), GEBAO_CLOCK: NOW, DATABASE_URL: '', ...env }, 180_000)
  try {
    let next = firstGrid
    const req = {
      method: 'POST',
      path: '/api/submit',
      setupRequest(r: autocannon.Request) {
        const i = next++
        const body = JSON.stringify({ report: { clientId: `bench-${String(i).padStart(8, '0')}`, indicatorCode: 'YL-133', orgUnitId: grids[i].id, period: '2020-12', values: values(i) } })
        return { ...r, headers: { 'content-type': 'application/json', authorization: `Bearer ${sessions.issue(`u-bench-${i}`, 0, now)}` }, body }
      }
    }
    await autocannon({ url: server.base, connections: CONNECTIONS, duration: 2, requests: [req] })
    const r = await autocannon({ url: server.base, connections: CONNECTIONS, duration: SECONDS, requests: [req] })
    if (next > GRIDS) throw new Error('ran out of fresh grids')
    ctx.log(`HTTP ${env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}: ${int(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.non2xx + r.errors} errors`)
    return { r, used: next }
  } finally {
    await server.stop()
  }
}

export const submitStoresBench: Bench = {
  id: 'submitstores',
  title: '`submit` on SQLite and on PostgreSQL, against the same transaction straight on the store',
  async run(ctx) {
    const grids = benchGrids()
    const rows: string[][] = []
    const figures: Record<string, number> = {}
    // SQLite: direct writes on grids [0, DIRECT), then the server on the rest.
    const sqliteDir = join(ctx.tmp, 'sqlite')
    mkdirSync(sqliteDir)
    const s = new SqliteStore(join(sqliteDir, 'gebao.db'))
    await prepare(s, grids)
    const sd = await direct(s, grids, 0, DIRECT)
    await s.close()
    ctx.log(`direct SQLite: ${int(sd.rps)} writes/s`)
    const sh = await overHttp(ctx, sqliteDir, grids, DIRECT, {})

    const cluster = await startPgCluster(ctx.tmp)
    let pgVersion = cluster.version
    try {
      const url = await cluster.database('bench')
      const pgDir = join(ctx.tmp, 'pg')
      mkdirSync(pgDir)
      const p = await PgStore.connect(url)
      await prepare(p, grids)
      const pd = await direct(p, grids, 0, DIRECT)
      await p.close()
      ctx.log(`direct PostgreSQL: ${int(pd.rps)} writes/s`)
      const ph = await overHttp(ctx, pgDir, grids, DIRECT, { DATABASE_URL: url })
      for (const [name, d, h] of [['SQLite (WAL, synchronous NORMAL)', sd, sh], [`PostgreSQL (${pgVersion}, fsync on)`, pd, ph]] as const) {
        rows.push([name, int(h.r.requests.average), ms(h.r.latency.p50), ms(h.r.latency.p99), String(h.r.non2xx + h.r.errors + h.r.timeouts), int(d.rps), ratio(h.r.requests.average, d.rps)])
      }
      figures.sqliteHttpRps = Math.round(sh.r.requests.average)
      figures.sqliteDirectRps = Math.round(sd.rps)
      figures.pgHttpRps = Math.round(ph.r.requests.average)
      figures.pgDirectRps = Math.round(pd.rps)
      figures.sqliteP99 = sh.r.latency.p99
      figures.pgP99 = ph.r.latency.p99
    } finally {
      cluster.stop()
    }
    return {
      table: [['store', 'POST /api/submit: requests/s', 'p50 (ms)', 'p99 (ms)', 'non-2xx / errors', 'same write straight on the store: writes/s', 'HTTP ÷ direct'], ...rows],
      notes: [
        `Over HTTP: autocannon, ${CONNECTIONS} connections, ${SECONDS} s after a 2 s warm-up, against \`npm start\`'s server (cloud/server/main.ts) in its own process on loopback, over a fresh SQLite file, then over a fresh database on a throwaway PostgreSQL cluster (initdb in a temp folder, fsync on, shared_buffers 512MB, DATABASE_URL). Every request is a grid worker's first report of 2020-12 for a grid of their own (the demo district plus ${int(GRIDS)} bench grids).`,
        `Baseline, in the same run on the same database before the server starts: ${int(DIRECT)} of the same writes handed straight to \`store.writeReport\` in this process, ${CONNECTIONS} in flight (the report, its submission and history rows, the unit-year stamp and the roll-up deltas at the 4 levels, built with the same core calls as cloud/api/reportWrite.ts). No HTTP, session, validation or reads before the write.`,
      ],
      figures
    }
  }
}
