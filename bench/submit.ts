import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { seedIfEmpty } from '../cloud/seed'
import { loadSessionKey, Sessions } from '../cloud/server/session'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import type { OrgUnit } from '../src/core/org'
import { buildDemoOrgTree } from '../src/core/seed/orgTree'
import { spawnServer } from '../test/server/process'
import { spawnListening } from './lib/proc'
import { int, ms, ratio } from './lib/stats'
import type { Bench } from './lib/types'

const NOW = '2020-12-20T10:00:00+08:00'
const CONNECTIONS = 50
const SECONDS = 10
const WARMUP_SECONDS = 2
/** More grids than the run can use, so every request is a first report of its own grid (a real write). */
const GRIDS = 40_000

function draft(i: number, unitId: string) {
  return JSON.stringify({ report: { clientId: `bench-${String(i).padStart(8, '0')}`, indicatorCode: 'YL-133', orgUnitId: unitId, period: '2020-12', values: { service_points: 1, canteens: 1, trainees: 100 + (i % 900) } } })
}

export const submitBench: Bench = {
  id: 'submit',
  title: '`submit` throughput and latency, 50 concurrent clients',
  async run(ctx) {
    // The demo district plus bench grids spread over its communities, one grid worker each.
    const dataDir = join(ctx.tmp, 'data')
    mkdirSync(dataDir)
    const store = new SqliteStore(join(dataDir, 'gebao.db'))
    await seedIfEmpty(store)
    const communities = buildDemoOrgTree().filter((u) => u.level === 'community')
    const grids: OrgUnit[] = Array.from({ length: GRIDS }, (_, i) => {
      const c = communities[i % communities.length]
      const id = `${c.id}-b${String(i).padStart(5, '0')}`
      return { id, name: `基准网格${i}`, level: 'grid', parentId: c.id, path: `${c.path}${id}/` }
    })
    await store.putOrgUnits(grids)
    await store.putPeople(grids.map((g, i) => ({ id: `u-bench-${i}`, name: '网格员', role: 'grid_worker' as const, orgUnitId: g.id })))
    await store.close()
    const sessions = new Sessions(loadSessionKey(dataDir))
    const now = Date.parse(NOW)
    const tokens = grids.map((_, i) => `Bearer ${sessions.issue(`u-bench-${i}`, 0, now)}`)

    const server = await spawnServer(dataDir, { GEBAO_CLOCK: NOW })
    const hello = await spawnListening(join(ctx.root, 'bench/servers/hello.ts'), ctx.root)
    try {
      let next = 0
      const submitRequest = {
        method: 'POST',
        path: '/api/submit',
        setupRequest(req: autocannon.Request) {
          const i = next++ % GRIDS
          return { ...req, headers: { 'content-type': 'application/json', authorization: tokens[i] }, body: draft(i, grids[i].id) }
        }
      }
      const load = (url: string, requests: autocannon.Request[], duration: number) => autocannon({ url, connections: CONNECTIONS, duration, requests })

      // Hello world first, then submit; each with a short warm-up run that is not counted.
      const helloBody = draft(0, grids[0].id)
      const helloReq = { method: 'POST', path: '/api/hello', headers: { 'content-type': 'application/json', authorization: tokens[0] }, body: helloBody }
      await load(hello.base, [helloReq], WARMUP_SECONDS)
      const h = await load(hello.base, [helloReq], SECONDS)
      await load(server.base, [submitRequest], WARMUP_SECONDS)
      const before = next
      const s = await load(server.base, [submitRequest], SECONDS)
      const sent = next - before
      ctx.log(`submit ${int(s.requests.average)} req/s p50 ${s.latency.p50} ms p99 ${s.latency.p99} ms; hello ${int(h.requests.average)} req/s`)

      await server.kill('SIGTERM')
      const db = new Database(join(dataDir, 'gebao.db'), { readonly: true })
      const stored = (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n
      const history = (db.prepare('SELECT count(*) AS n FROM history').get() as { n: number }).n
      db.close()
      if (next > GRIDS) ctx.log(`warning: ran out of fresh grids (${next} > ${GRIDS}); the rest were duplicates`)

      const row = (name: string, r: autocannon.Result) => [name, int(r.requests.average), ms(r.latency.p50), ms(r.latency.p90), ms(r.latency.p99), ms(r.latency.max), String(r.non2xx + r.errors + r.timeouts)]
      return {
        table: [
          ['route', 'requests/s (mean)', 'p50 (ms)', 'p90 (ms)', 'p99 (ms)', 'max (ms)', 'non-2xx / errors'],
          row('POST /api/submit (a new report each)', s),
          row('POST /api/hello (bare Fastify, same body)', h)
        ],
        notes: [
          `autocannon, ${CONNECTIONS} connections, ${SECONDS} s each after a ${WARMUP_SECONDS} s warm-up, on loopback; the server is \`npm start\`'s (cloud/server/main.ts, logging off) in its own process over a fresh SQLite file (WAL, synchronous NORMAL), the load generator in this process: one core each.`,
          `Every submit is a grid worker's first report of the period for a grid of their own (the demo district plus ${int(GRIDS)} bench grids, each with a signed session), so each request runs the whole write: validation, scope, one transaction writing the report, submission, history and 12 roll-up deltas (6 keys for the month, 6 for the year) at each of 4 levels. ${int(sent)} submits sent in the measured run; ${int(stored)} reports and ${int(history)} history rows stored over both runs.`,
          `Submit throughput is ${ratio(s.requests.average, h.requests.average)} of Fastify's hello world, p99 ${ratio(s.latency.p99, h.latency.p99)} of it.`
        ],
        figures: {
          submitRps: Math.round(s.requests.average),
          submitP50: s.latency.p50,
          submitP99: s.latency.p99,
          helloRps: Math.round(h.requests.average),
          helloP50: h.latency.p50,
          helloP99: h.latency.p99,
          submitErrors: s.non2xx + s.errors + s.timeouts
        }
      }
    } finally {
      await hello.stop()
      await server.kill('SIGTERM')
    }
  }
}
