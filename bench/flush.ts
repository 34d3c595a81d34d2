import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chainFor } from '../test/queue/chain'
import { createWorkers, mapLimit, OPEN_REPORTS, Phone, valuesFor, type Worker } from '../test/queue/phones'
import { post, spawnServer, type ServerProcess } from '../test/server/process'
import type { ReportDraftInput } from '../src/core/report'
import { ms, times } from './lib/stats'
import type { Bench, BenchContext } from './lib/types'

const PHONES = 250
const LANES = 8

function draftsOf(worker: Worker): ReportDraftInput[] {
  return OPEN_REPORTS.map((r, i) => ({ clientId: `${worker.personId}-r${i}`, indicatorCode: r.indicatorCode, orgUnitId: worker.unitId, period: r.period, values: valuesFor(r.indicatorCode, i) }))
}

async function fresh(ctx: BenchContext, name: string): Promise<{ dataDir: string; server: ServerProcess }> {
  const dataDir = join(ctx.tmp, name)
  mkdirSync(dataDir)
  return { dataDir, server: await spawnServer(dataDir) }
}

function countReports(dataDir: string): number {
  const db = new Database(join(dataDir, 'gebao.db'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** 250 phones with 4 reports each, queued while the server was down, flushed 8 phones at a time. */
async function manyPhones(ctx: BenchContext): Promise<{ queue: number; direct: number }> {
  // The queue: enqueue offline, then the server comes back and every phone flushes.
  const a = await fresh(ctx, 'queue')
  let base = a.server.base
  const workers = await createWorkers(base, PHONES, 'bq')
  await a.server.kill()
  const phones = workers.map((w) => new Phone(w, () => base))
  for (const p of phones) for (const d of draftsOf(p.worker)) await p.queue.enqueue(d)
  a.server = await spawnServer(a.dataDir)
  base = a.server.base
  let t = performance.now()
  const flushed = await mapLimit(phones, LANES, (p) => p.queue.flush({ ignoreBackoff: true }))
  const queue = performance.now() - t
  await a.server.kill('SIGTERM')
  if (!flushed.every((r) => r.synced === OPEN_REPORTS.length && r.pending === 0) || countReports(a.dataDir) !== PHONES * 4) throw new Error('queue flush did not deliver every report')

  // Baseline: the same 1,000 reports POSTed straight to submit, 8 at a time, no queue.
  const b = await fresh(ctx, 'direct')
  const direct = await createWorkers(b.server.base, PHONES, 'bq')
  const drafts = direct.flatMap((w) => draftsOf(w).map((d) => ({ d, token: w.token })))
  t = performance.now()
  await mapLimit(drafts, LANES, async ({ d, token }) => {
    const res = await post(b.server.base, 'submit', { report: d }, token)
    if (!res.body.ok) throw new Error(JSON.stringify(res.body))
  })
  const directMs = performance.now() - t
  await b.server.kill('SIGTERM')
  return { queue, direct: directMs }
}

/** One phone with 1,000 queued submissions (4 reports, then edits on each), sent in batches of 50. */
async function onePhone(ctx: BenchContext): Promise<{ queue: number; direct: number }> {
  const a = await fresh(ctx, 'one-queue')
  let base = a.server.base
  const [worker] = await createWorkers(base, 1, 'bo')
  await a.server.kill()
  const phone = new Phone(worker, () => base)
  const plans = chainFor(worker, 1000)
  for (const p of plans) await phone.queue.enqueue(p.draft)
  a.server = await spawnServer(a.dataDir)
  base = a.server.base
  let t = performance.now()
  const r = await phone.queue.flush({ ignoreBackoff: true })
  const queue = performance.now() - t
  await a.server.kill('SIGTERM')
  if (r.synced !== 1000) throw new Error(`one phone: ${JSON.stringify(r)}`)

  // Baseline: the same 1,000 submissions POSTed one after another (they are a chain: each edit needs the one before).
  const b = await fresh(ctx, 'one-direct')
  const [w] = await createWorkers(b.server.base, 1, 'bo')
  t = performance.now()
  for (const p of chainFor(w, 1000)) {
    const res = await post(b.server.base, 'submit', { report: p.draft }, w.token)
    if (!res.body.ok) throw new Error(JSON.stringify(res.body))
  }
  const direct = performance.now() - t
  await b.server.kill('SIGTERM')
  return { queue, direct }
}

export const flushBench: Bench = {
  id: 'flush',
  title: 'Flushing 1,000 queued offline reports',
  async run(ctx) {
    const many = await manyPhones(ctx)
    ctx.log(`250 phones: queue ${ms(many.queue)} ms, direct ${ms(many.direct)} ms`)
    const one = await onePhone(ctx)
    ctx.log(`one phone: queue ${ms(one.queue)} ms, direct ${ms(one.direct)} ms`)
    return {
      table: [
        ['scenario', 'queue flush (ms)', 'baseline: same reports POSTed to submit (ms)', 'queue ÷ baseline', 'reports/s (queue)'],
        [`${PHONES} phones × 4 reports, ${LANES} phones at a time`, ms(many.queue), ms(many.direct), times(many.queue, many.direct), String(Math.round(1000 / (many.queue / 1000)))],
        ['one phone, 1,000 submissions (4 reports + 996 edits), batches of 50', ms(one.queue), ms(one.direct), times(one.queue, one.direct), String(Math.round(1000 / (one.queue / 1000)))]
      ],
      notes: [
        'The client’s real SubmissionQueue (src/services/queue) over memory storage and a Node fetch transport (test/queue), against the real server in its own process on loopback: reports are queued while the server is down, the server comes back on the same data, and the timer runs from the first flush to the last acknowledgement. Each phone flushes its queue as `sync` batches (up to 50 per request).',
        `Baseline, in the same run on a fresh server: the same 1,000 drafts sent straight to \`submit\`, one request each — ${LANES} at a time for the 250 phones, one after another for the single phone (its edits form a chain). Every run checks that all 1,000 were stored.`
      ],
      figures: { manyPhonesQueueMs: Math.round(many.queue), manyPhonesDirectMs: Math.round(many.direct), onePhoneQueueMs: Math.round(one.queue), onePhoneDirectMs: Math.round(one.direct) }
    }
  }
}
