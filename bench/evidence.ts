import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { createWorkers, mapLimit, OPEN_REPORTS, Phone, valuesFor, type Worker } from '../test/queue/phones'
import { post, spawnServer } from '../test/server/process'
import type { ReportDraftInput } from '../src/core/report'
import { ms, times } from './lib/stats'
import type { Bench, BenchContext } from './lib/types'

const PHONES = 25 // × 4 open reports = 100 reports
const LANES = 4
const PHOTO_BYTES = 200 * 1024

/** A 200 KB file that starts and ends like a JPEG (the bytes between are noise). */
function photo(dir: string, i: number): string {
  const p = join(dir, `photo-${i}.jpg`)
  writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(PHOTO_BYTES - 6), Buffer.from([0xff, 0xd9])]))
  return p
}

function draftsOf(w: Worker): ReportDraftInput[] {
  return OPEN_REPORTS.map((r, i) => ({ clientId: `${w.personId}-e${i}`, indicatorCode: r.indicatorCode, orgUnitId: w.unitId, period: r.period, values: valuesFor(r.indicatorCode, i) }))
}

function stored(dataDir: string): { reports: number; withEvidence: number } {
  const db = new Database(join(dataDir, 'gebao.db'), { readonly: true })
  try {
    const rows = db.prepare('SELECT body FROM reports').all() as { body: string }[]
    return { reports: rows.length, withEvidence: rows.filter((r) => (JSON.parse(r.body).evidence ?? []).length === 1).length }
  } finally {
    db.close()
  }
}

async function viaQueue(ctx: BenchContext, photos: string[]): Promise<number> {
  const dataDir = join(ctx.tmp, 'queue')
  mkdirSync(dataDir)
  let server = await spawnServer(dataDir)
  let base = server.base
  const workers = await createWorkers(base, PHONES, 'be')
  await server.kill()
  const phones = workers.map((w) => new Phone(w, () => base))
  let n = 0
  for (const p of phones) {
    for (const d of draftsOf(p.worker)) {
      const field = d.indicatorCode === 'YL-BED' ? 'beds' : 'service_points'
      await p.queue.enqueue(d, [{ localPath: photos[n++], name: '现场照片.jpg', kind: 'image', mime: 'image/jpeg', bytes: PHOTO_BYTES, field }])
    }
  }
  server = await spawnServer(dataDir)
  base = server.base
  const t = performance.now()
  const reports = await mapLimit(phones, LANES, (p) => p.queue.flush({ ignoreBackoff: true }))
  const elapsed = performance.now() - t
  await server.kill('SIGTERM')
  const s = stored(dataDir)
  if (!reports.every((r) => r.synced === 4 && r.uploaded === 4) || s.reports !== 100 || s.withEvidence !== 100) throw new Error(`queue did not deliver: ${JSON.stringify(s)}`)
  return elapsed
}

async function direct(ctx: BenchContext, photos: string[]): Promise<number> {
  const dataDir = join(ctx.tmp, 'direct')
  mkdirSync(dataDir)
  const server = await spawnServer(dataDir)
  const workers = await createWorkers(server.base, PHONES, 'be')
  const jobs = workers.flatMap((w) => draftsOf(w).map((d) => ({ w, d })))
  const t = performance.now()
  await mapLimit(workers, LANES, async (w) => {
    for (const { d } of jobs.filter((j) => j.w === w)) {
      const i = jobs.findIndex((j) => j.d === d)
      const form = new FormData()
      form.append('name', '现场照片.jpg')
      form.append('file', new Blob([await readFile(photos[i])], { type: 'image/jpeg' }), basename(photos[i]))
      const up = (await (await fetch(`${server.base}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${w.token}` }, body: form })).json()) as { ok: boolean; data: { id: string } }
      if (!up.ok) throw new Error('upload refused')
      const res = await post(server.base, 'submit', { report: { ...d, evidence: [{ id: up.data.id, name: '现场照片.jpg', kind: 'image' }] } }, w.token)
      if (!res.body.ok) throw new Error(JSON.stringify(res.body))
    }
  })
  const elapsed = performance.now() - t
  await server.kill('SIGTERM')
  if (stored(dataDir).withEvidence !== 100) throw new Error('direct uploads did not all land')
  return elapsed
}

export const evidenceBench: Bench = {
  id: 'evidence',
  title: 'Flushing 100 queued reports with one 200 KB photo each',
  async run(ctx) {
    const dir = join(ctx.tmp, 'photos')
    mkdirSync(dir)
    const photos = Array.from({ length: 100 }, (_, i) => photo(dir, i))
    const queue = await viaQueue(ctx, photos)
    const base = await direct(ctx, photos)
    ctx.log(`queue ${ms(queue)} ms, direct ${ms(base)} ms`)
    return {
      table: [
        ['scenario', 'queue flush (ms)', 'baseline: same uploads and submits made directly (ms)', 'queue ÷ baseline', 'photos/s (queue)'],
        [`${PHONES} phones × 4 reports, one 200 KB photo each, ${LANES} phones at a time`, ms(queue), ms(base), times(queue, base), String(Math.round(100 / (queue / 1000)))]
      ],
      notes: [
        'The client’s real SubmissionQueue over memory storage and the Node fetch transport (multipart uploads like the H5 transport’s), against the real server in its own process on loopback. The 100 reports and their photos are queued while the server is down; the server comes back on the same data; the timer runs from the first flush to the last acknowledgement. Each photo is uploaded, its id saved in the entry, then the report goes out in a `sync` batch.',
        `Baseline, in the same run on a fresh server: the same 100 photos uploaded with \`POST /api/upload\` and each report sent to \`submit\` with its photo’s id, one phone’s reports after another, ${LANES} phones at a time. Both runs check that all 100 reports were stored with their photo.`
      ],
      figures: { queueMs: Math.round(queue), directMs: Math.round(base) }
    }
  }
}
