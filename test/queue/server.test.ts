import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { spawnServer, type ServerProcess } from '../server/process'
import { chainFor, verifyChains } from './chain'
import { createWorkers, mapLimit, OPEN_REPORTS, Phone, valuesFor } from './phones'

jest.setTimeout(120_000)

const PHONES = 250
const REPORTS = PHONES * OPEN_REPORTS.length // 1,000

let dataDir: string
let server: ServerProcess | null = null
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gebao-queue-'))
})
afterEach(async () => {
  await server?.kill()
  server = null
  rmSync(dataDir, { recursive: true, force: true })
})

/**
 * The server allows one report per (indicator, unit, period), and a grid
 * has four open at the test clock: 1,000 distinct reports are 250 grid
 * workers' phones with four each, each phone its own storage, session and
 * queue, as in the field.
 */
test('1,000 reports queued while the server is down arrive exactly once when it is back', async () => {
  server = await spawnServer(dataDir)
  let base = server.base
  const workers = await createWorkers(base, PHONES, 'qw')
  await server.kill() // the server is down; the phones keep their sessions

  const phones = workers.map((w) => new Phone(w, () => base))
  const clientIds: string[] = []
  for (const phone of phones) {
    for (const [i, r] of OPEN_REPORTS.entries()) {
      const clientId = `${phone.worker.personId}-r${i}`
      await phone.queue.enqueue({ clientId, indicatorCode: r.indicatorCode, orgUnitId: phone.worker.unitId, period: r.period, values: valuesFor(r.indicatorCode, i) })
      clientIds.push(clientId)
    }
  }
  expect((await Promise.all(phones.map((p) => p.queue.unsyncedCount()))).reduce((a, b) => a + b, 0)).toBe(REPORTS)

  // Still down: every flush fails fast and keeps everything.
  const offline = await mapLimit(phones, 16, (p) => p.queue.flush())
  expect(offline.every((r) => r.stopped?.reason === 'network' && r.pending === OPEN_REPORTS.length)).toBe(true)

  server = await spawnServer(dataDir)
  base = server.base
  const started = performance.now()
  // The network is back: every phone flushes; 8 at a time reach the server.
  const reports = await mapLimit(phones, 8, (p) => p.queue.flush({ ignoreBackoff: true }))
  const ms = performance.now() - started
  console.log(`queue: flushed ${REPORTS} queued reports from ${PHONES} phones to the local server in ${Math.round(ms)} ms`)

  expect(reports.every((r) => r.stopped === null && r.synced === OPEN_REPORTS.length && r.pending === 0)).toBe(true)
  for (const p of phones) expect((await p.queue.entries()).every((e) => e.status === 'synced' && e.server?.version === 1)).toBe(true)

  await server.kill('SIGTERM')
  server = null
  const db = new Database(join(dataDir, 'gebao.db'), { readonly: true, fileMustExist: true })
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    expect(count('SELECT COUNT(*) AS n FROM reports')).toBe(REPORTS)
    expect(count('SELECT COUNT(*) AS n FROM history')).toBe(REPORTS)
    expect(count('SELECT COUNT(*) AS n FROM reports WHERE version <> 1')).toBe(0)
    const stored = (db.prepare('SELECT client_id FROM submissions ORDER BY client_id').all() as { client_id: string }[]).map((r) => r.client_id)
    expect(stored).toEqual([...clientIds].sort())
  } finally {
    db.close()
  }
})

/**
 * One phone holding 1,000 submissions: its four open reports, then edits
 * each based on the version the previous one creates. Sent in 20 batches of
 * 50; any loss, duplicate or reordering would shift the versions.
 */
test('one phone with 1,000 queued submissions sends them in batches of 50, in order, each once', async () => {
  server = await spawnServer(dataDir)
  let base = server.base
  const [worker] = await createWorkers(base, 1, 'qo')
  await server.kill()

  const phone = new Phone(worker, () => base)
  const plans = chainFor(worker, 1000)
  for (const p of plans) await phone.queue.enqueue(p.draft)

  server = await spawnServer(dataDir)
  base = server.base
  const started = performance.now()
  const report = await phone.queue.flush({ ignoreBackoff: true })
  const ms = performance.now() - started
  console.log(`queue: flushed 1000 queued submissions from one phone (20 batches of 50) in ${Math.round(ms)} ms`)
  expect(report).toMatchObject({ sent: 1000, synced: 1000, pending: 0, stopped: null })

  const db = new Database(join(dataDir, 'gebao.db'), { readonly: true, fileMustExist: true })
  try {
    expect(verifyChains(db, plans)).toEqual([])
  } finally {
    db.close()
  }
})
