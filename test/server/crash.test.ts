import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GRID_WORKER, GRID_WORKER_UNIT } from './harness'
import { login, post, spawnServer, type ServerProcess } from './process'

jest.setTimeout(60000)

let dataDir: string
let server: ServerProcess | null = null
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gebao-crash-'))
})
afterAll(async () => {
  await server?.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

test('every report acknowledged before a SIGKILL is there after restart, exactly once', async () => {
  server = await spawnServer(dataDir)
  const token = await login(server.base, GRID_WORKER)
  const acknowledged: string[] = []
  // Fire requests without waiting, then kill the server while some are in flight.
  const inFlight = Array.from({ length: 40 }, (_, i) => {
    const report = { clientId: `crash-${String(i).padStart(4, '0')}`, indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { trainees: i } }
    // Each report is an edit of the one before: the first has no base version.
    return report
  })
  // One report per period only, so use distinct periods via edits: submit
  // sequentially and record each acknowledgement.
  let version: number | undefined
  for (const report of inFlight.slice(0, 20)) {
    const res = await post(server.base, 'submit', { report: { ...report, ...(version ? { baseVersion: version } : {}) } }, token)
    expect(res.body.ok).toBe(true)
    version = res.body.data.report.version
    acknowledged.push(report.clientId)
  }
  // A burst that the kill will cut through.
  const burst = inFlight.slice(20).map((report, i) => post(server!.base, 'submit', { report: { ...report, baseVersion: (version ?? 0) + i } }, token).catch(() => null))
  await new Promise((r) => setTimeout(r, 25))
  await server.kill('SIGKILL')
  const settled = await Promise.all(burst)
  settled.forEach((res, i) => {
    if (res?.body?.ok) acknowledged.push(inFlight[20 + i].clientId)
  })

  server = await spawnServer(dataDir)
  const again = await login(server.base, GRID_WORKER)
  const h = await post(server.base, 'history', { reportId: `YL-133~${GRID_WORKER_UNIT}~2020-12` }, again)
  expect(h.body.ok).toBe(true)
  // The version counts every acknowledged write; the history has one entry each.
  expect(h.body.data.entries.length).toBeGreaterThanOrEqual(acknowledged.length)
  expect(h.body.data.report.version).toBe(h.body.data.entries.length)
  // Redelivering every acknowledged submission is a duplicate, never a second write.
  for (const id of acknowledged) {
    const res = await post(server.base, 'submit', { report: { ...inFlight.find((r) => r.clientId === id)!, baseVersion: 1 } }, again)
    expect(res.body.data?.status).toBe('duplicate')
  }
  const progress = await post(server.base, 'progress', { period: '2020-12' }, again)
  const last = h.body.data.report.values.trainees
  expect(progress.body.data.indicators.find((r: any) => r.code === 'YL-133').figures.trainees).toBe(last)
})
