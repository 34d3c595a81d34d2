import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedIfEmpty } from '../../cloud/seed'
import { Client } from 'pg'
import { PgStore } from '../../cloud/store/pg/PgStore'
import { buildDemoOrgTree } from '../../src/core/seed/orgTree'
import { login, post, spawnServer, type ServerProcess } from '../server/process'
import { freshDatabase } from './db'

/**
 * Two server processes over one PostgreSQL database and one shared data
 * folder (session key, uploads), as a city install runs them behind a load
 * balancer.
 */
jest.setTimeout(90000)

let url: string
let dataDir: string
let procs: ServerProcess[] = []
beforeEach(async () => {
  url = await freshDatabase('multi')
  dataDir = mkdtempSync(join(tmpdir(), 'gebao-multi-'))
})
afterEach(async () => {
  await Promise.all(procs.map((p) => p.kill()))
  procs = []
  rmSync(dataDir, { recursive: true, force: true })
})

const start = () => spawnServer(dataDir, { DATABASE_URL: url })

/** Grid workers of their own, one per grid, so a burst writes many different reports. */
async function addWorkers(n: number): Promise<{ id: string; unit: string }[]> {
  const store = await PgStore.connect(url)
  try {
    await seedIfEmpty(store)
    const grids = buildDemoOrgTree().filter((u) => u.level === 'grid').slice(0, n)
    const workers = grids.map((g, i) => ({ id: `u-burst-${i}`, name: `网格员${i}`, role: 'grid_worker' as const, orgUnitId: g.id }))
    await store.putPeople(workers)
    return workers.map((w) => ({ id: w.id, unit: w.orgUnitId }))
  } finally {
    await store.close()
  }
}

test('processes starting at once share one seed and one session key: a token from one is valid on the other', async () => {
  procs = await Promise.all([start(), start()])
  const [a, b] = procs
  const token = await login(a.base, 'u-grid-1')
  const me = await post(b.base, 'me', {}, token)
  expect(me.body).toMatchObject({ ok: true, data: { person: { id: 'u-grid-1' } } })
  const people = await post(b.base, 'demo.people', {})
  expect(people.body.data.people.filter((p: { id: string }) => p.id === 'u-grid-1')).toHaveLength(1)
})

test('a photo uploaded through one process is served by the other (one shared UPLOAD_DIR)', async () => {
  const uploads = join(dataDir, 'shared-uploads')
  procs = await Promise.all([spawnServer(dataDir, { DATABASE_URL: url, UPLOAD_DIR: uploads }), spawnServer(dataDir, { DATABASE_URL: url, UPLOAD_DIR: uploads })])
  const [a, b] = procs
  const token = await login(a.base, 'u-grid-1')
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')
  const form = new FormData()
  form.append('file', new Blob([png], { type: 'image/png' }), 'a.png')
  const up = (await (await fetch(`${a.base}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })).json()) as { data: { id: string } }
  const served = await fetch(`${b.base}/files/${up.data.id.slice('local:'.length)}`, { headers: { authorization: `Bearer ${token}` } })
  expect(served.status).toBe(200)
  expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
  expect(readdirSync(uploads)).toEqual([up.data.id.slice('local:'.length)])
})

test('rate-limit counters are shared: sign-ins through either process count in one database counter', async () => {
  procs = await Promise.all([start(), start()])
  for (let i = 0; i < 30; i++) expect((await post(procs[i % 2].base, 'demo.login', { personId: 'u-grid-1' })).status).toBe(200)
  const c = new Client({ connectionString: url })
  await c.connect()
  const rows = (await c.query("SELECT count FROM rate_limits WHERE key LIKE 'signin-addr:%'")).rows
  await c.end()
  expect(rows).toEqual([{ count: 30 }])
})

test('a session ended through one process is ended on the other (session generations in the database)', async () => {
  procs = await Promise.all([start(), start()])
  const [a, b] = procs
  const token = await login(a.base, 'u-grid-1')
  expect((await post(b.base, 'me', {}, token)).body.ok).toBe(true)
  expect((await post(a.base, 'logout', {}, token)).body).toMatchObject({ ok: true, data: { signedOut: true } })
  expect((await post(b.base, 'me', {}, token)).body.error.code).toBe('UNAUTHENTICATED')
})

test('50 parallel submits with the same client id across two processes store one report', async () => {
  procs = await Promise.all([start(), start()])
  const tokens = await Promise.all(procs.map((p) => login(p.base, 'u-grid-1')))
  const report = { clientId: 'same-device-0001', indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01-g1', period: '2020-12', values: { trainees: 7 } }
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post(procs[i % 2].base, 'submit', { report }, tokens[i % 2])))
  expect(answers.filter((r) => !r.body.ok).map((r) => r.body)).toEqual([])
  const statuses = answers.map((r) => r.body.data.status)
  expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1)
  expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(49)
  const h = await post(procs[1].base, 'history', { reportId: 'YL-133~qk-s11-c01-g1~2020-12' }, tokens[1])
  expect(h.body.data.report.version).toBe(1)
  expect(h.body.data.entries).toHaveLength(1)
  const progress = await post(procs[0].base, 'progress', { period: '2020-12' }, tokens[0])
  expect(progress.body.data.indicators.find((r: { code: string }) => r.code === 'YL-133').figures.trainees).toBe(7)
})

test('SIGKILL one process mid-burst: nothing acknowledged is lost, nothing is duplicated', async () => {
  const workers = await addWorkers(28)
  procs = await Promise.all([start(), start()])
  const [a, b] = procs
  const tokens = await Promise.all(workers.map((w, i) => login((i % 2 ? b : a).base, w.id)))
  const reportOf = (i: number) => ({ clientId: `burst-${String(i).padStart(4, '0')}`, indicatorCode: 'YL-133', orgUnitId: workers[i].unit, period: '2020-12', values: { trainees: i + 1 } })

  // Half the burst goes to A, which is killed as soon as it has acknowledged
  // its first submit, with the rest of its half still in flight.
  let killed: Promise<void> | null = null
  const burst = workers.map((_, i) =>
    post((i % 2 ? b : a).base, 'submit', { report: reportOf(i) }, tokens[i]).then(
      (res) => {
        if (i % 2 === 0 && res.body.ok) killed ??= a.kill('SIGKILL')
        return res
      },
      () => null
    )
  )
  const answers = await Promise.all(burst)
  await killed
  const acknowledged = answers.flatMap((r, i) => (r?.body?.ok ? [i] : []))
  const lost = answers.flatMap((r, i) => (r?.body?.ok ? [] : [i]))
  // B's half all went through; some of A's were cut off (the kill landed mid-burst).
  expect(acknowledged.filter((i) => i % 2 === 1)).toHaveLength(14)
  expect(lost.length).toBeGreaterThan(0)

  // Every acknowledged submit is stored: redelivering it to the survivor is a duplicate.
  for (const i of acknowledged) {
    const again = await post(b.base, 'submit', { report: reportOf(i) }, tokens[i])
    expect(again.body.data.status).toBe('duplicate')
  }
  // The phones retry what got no answer: each is stored once (accepted now, or a
  // duplicate of a write A committed before it died).
  for (const i of lost) {
    const retry = await post(b.base, 'submit', { report: reportOf(i) }, tokens[i])
    expect(['accepted', 'duplicate']).toContain(retry.body.data.status)
  }
  for (const [i, w] of workers.entries()) {
    const h = await post(b.base, 'history', { reportId: `YL-133~${w.unit}~2020-12` }, tokens[i])
    expect(h.body.data.entries).toHaveLength(1)
    expect(h.body.data.report.values.trainees).toBe(i + 1)
  }
  // Roll-ups count each report once: the district figure is the sum of all of them.
  const admin = await login(b.base, 'u-admin')
  const progress = await post(b.base, 'progress', { period: '2020-12' }, admin)
  const total = workers.reduce((s, _, i) => s + i + 1, 0)
  expect(progress.body.data.indicators.find((r: { code: string }) => r.code === 'YL-133').figures.trainees).toBe(total)
})
