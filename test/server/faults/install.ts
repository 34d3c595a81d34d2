import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { createLocalServer } from '../../../cloud/server/app'
import { DataFolderLockedError } from '../../../cloud/server/dataLock'
import { FutureSchemaError, MIGRATIONS } from '../../../cloud/store/sqlite/migrations'
import { rebuildRollups } from '../../../src/core/rollupRebuild'
import { DEMO_PEOPLE } from '../../../src/core/seed/users'
import { ADMIN, clientId, GRID_WORKER, GRID_WORKER_UNIT, startServer, type Running } from '../harness'
import { login, post, spawnServer } from '../process'
import { admin, runTs, serverRefusal, tempDir } from './helpers'

jest.setTimeout(120000)

type Row = { indicatorCode: string; unitId: string; period: string; field: string; sum: number; n: number }
const byKey = (a: Row, b: Row) => {
  const ka = [a.indicatorCode, a.unitId, a.period, a.field].join('\u0000')
  const kb = [b.indicatorCode, b.unitId, b.period, b.field].join('\u0000')
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
const rollupRows = (db: Database.Database) =>
  (db.prepare('SELECT indicator_code AS indicatorCode, unit_id AS unitId, period, field, sum, n FROM rollups WHERE n <> 0 OR sum <> 0').all() as Row[])
    .map((r) => ({ ...r, sum: Math.round(r.sum * 1e6) / 1e6 }))
    .sort(byKey)

function rebuilt(db: Database.Database) {
  const indicators = (db.prepare('SELECT body FROM indicators').all() as { body: string }[]).map((r) => JSON.parse(r.body))
  const reports = (db.prepare('SELECT body, unit_path FROM reports').all() as { body: string; unit_path: string }[]).map((r) => ({ ...JSON.parse(r.body), unitPath: r.unit_path }))
  return rebuildRollups(indicators, reports)
    .filter((r) => r.n !== 0 || r.sum !== 0)
    .map((r) => ({ ...r, sum: Math.round(r.sum * 1e6) / 1e6 }))
    .sort(byKey)
}

describe('fault 3a: a real install from nothing, and a way out of demo mode', () => {
  test('empty folder → server with DEMO_LOGIN=off → admin init while it runs → the first admin binds and is the admin; invite works too', async () => {
    const dataDir = tempDir()
    const server = await spawnServer(dataDir, { DEMO_LOGIN: 'off' })
    expect(server.output()).not.toMatch(/DEMO LOGIN IS ON/)
    expect((await fetch(`${server.base}/api/demo.people`, { method: 'POST' })).status).toBe(404)
    const init = admin(dataDir, 'init', '--district', '某某区', '--name', '张三')
    expect(init.err).toBe('')
    expect(init.status).toBe(0)
    const code = /Invite code for 张三 \(([a-z0-9-]+)\): ([A-Z2-9]{8})/.exec(init.out)
    expect(code).not.toBeNull()
    const bound = await post(server.base, 'bind', { code: code![2] })
    expect(bound.body.data.person).toMatchObject({ id: code![1], name: '张三', role: 'admin' })
    const me = await post(server.base, 'me', {}, bound.body.data.token)
    expect(me.body.data.unit).toMatchObject({ name: '某某区', level: 'district', parentId: null })
    // The catalog is there; the demo tree and people are not.
    expect((await post(server.base, 'catalog', {}, bound.body.data.token)).body.data.indicators.length).toBeGreaterThan(0)
    expect(admin(dataDir, 'unit', '--parent', me.body.data.unit.id, '--name', '一街', '--id', 'st-1').status).toBe(0)
    const more = admin(dataDir, 'invite', '--name', '李四', '--role', 'street_reviewer', '--unit', 'st-1')
    expect(more.status).toBe(0)
    const second = await post(server.base, 'bind', { code: /: ([A-Z2-9]{8})/.exec(more.out)![1] })
    expect(second.body.data.person).toMatchObject({ name: '李四', role: 'street_reviewer', orgUnitId: 'st-1' })
    // A second init is refused and changes nothing.
    expect(admin(dataDir, 'init', '--district', '别区', '--name', '王五').status).toBe(1)
    await server.kill('SIGTERM')
    // Started with demo login on, a real install refuses (its people would be a click away).
    const refused = await serverRefusal(dataDir, { DEMO_LOGIN: 'on' })
    expect(refused.out).toMatch(/real install/)
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('a demo folder refuses DEMO_LOGIN=off and says how to start clean; drop-demo removes demo people, sessions, grants and reports; roll-ups stay true', async () => {
    const s: Running = await startServer()
    const { dataDir } = s
    const demoToken = await login(s.base, ADMIN)
    const workerToken = await login(s.base, GRID_WORKER)
    // A real person the bureau added during the demo, with a report of their own.
    const inv = await s.call('invite.create', { person: { id: 'u-real-1', name: '真人', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g2' } }, demoToken)
    const real = await s.call('bind', { code: inv.body.data.code })
    const submit = (token: string, orgUnitId: string) =>
      s.call('submit', { report: { clientId: clientId('dd'), indicatorCode: 'YL-133', orgUnitId, period: '2020-12', values: { canteens: 1, trainees: 7 } } }, token)
    expect((await submit(workerToken, GRID_WORKER_UNIT)).body.ok).toBe(true)
    expect((await submit(real.body.data.token, 'qk-s11-c01-g2')).body.ok).toBe(true)
    await s.server.app.close()

    const refused = await serverRefusal(dataDir, { DEMO_LOGIN: 'off' })
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/seeded in demo mode/)
    expect(refused.out).toMatch(/npm run admin -- init/)
    expect(refused.out).toMatch(/drop-demo/)

    const dropped = admin(dataDir, 'drop-demo')
    expect(dropped.status).toBe(0)
    expect(dropped.out).toMatch(/Removed 6 demo people, 1 of their reports/)
    const db = new Database(join(dataDir, 'gebao.db'))
    const ids = DEMO_PEOPLE.map((p) => p.id)
    const inList = `(${ids.map(() => '?').join(',')})`
    expect(db.prepare(`SELECT count(*) AS n FROM people WHERE id IN ${inList}`).get(...ids)).toEqual({ n: 0 })
    expect(db.prepare(`SELECT count(*) AS n FROM reminder_grants WHERE person_id IN ${inList}`).get(...ids)).toEqual({ n: 0 })
    expect(db.prepare('SELECT id FROM reports').all()).toEqual([{ id: 'YL-133~qk-s11-c01-g2~2020-12' }])
    expect(rollupRows(db)).toEqual(rebuilt(db))
    expect(rollupRows(db).find((r: any) => r.unitId === 'qk' && r.period === '2020-12' && r.field === 'trainees')).toMatchObject({ sum: 7 })
    db.close()

    const server = await spawnServer(dataDir, { DEMO_LOGIN: 'off' })
    expect((await post(server.base, 'me', {}, demoToken)).body.error.code).toBe('UNAUTHENTICATED')
    expect((await post(server.base, 'me', {}, real.body.data.token)).body.data.person.id).toBe('u-real-1')
    await server.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('the roll-up rebuild path agrees with the roll-ups maintained on write', async () => {
    const s = await startServer()
    for (const [token, unit, trainees] of [
      [s.tokenFor(GRID_WORKER), GRID_WORKER_UNIT, 3],
      [s.tokenFor('u-grid-2'), 'qk-s11-c01-g2', 4],
      [s.tokenFor('u-grid-3'), 'qk-s01-c01-g1', 5]
    ] as const) {
      for (const period of ['2020-11', '2020-12']) {
        const res = await s.call('submit', { report: { clientId: clientId('rb'), indicatorCode: 'YL-133', orgUnitId: unit, period, values: { canteens: 1, trainees } } }, token)
        expect(res.body.ok).toBe(true)
      }
    }
    expect(rollupRows(s.db).length).toBeGreaterThan(0)
    expect(rollupRows(s.db)).toEqual(rebuilt(s.db))
    await s.stop()
  })
})

describe('fault 4: SQLite holds against a second writer', () => {
  const writer = (file: string, who: string) => `
    import { SqliteStore } from './cloud/store/sqlite/SqliteStore.ts'
    const store = new SqliteStore(${JSON.stringify(file)})
    let failed = 0
    for (let i = 0; i < 400; i++) {
      try {
        await store.grantReminder({ personId: ${JSON.stringify(who)} + (i % 5), templateId: 't', openid: null, add: 1, at: new Date().toISOString() })
      } catch (e) { failed++; if (failed === 1) console.error(e.code, e.message) }
    }
    console.log('failed=' + failed)
    await store.close()
  `

  test('two processes writing read-then-write transactions at once: every write lands (IMMEDIATE)', async () => {
    const dir = tempDir()
    const file = join(dir, 'gebao.db')
    new Database(file).close()
    await runTs(`import { SqliteStore } from './cloud/store/sqlite/SqliteStore.ts'; await new SqliteStore(${JSON.stringify(file)}).close()`)
    const [a, b] = await Promise.all([runTs(writer(file, 'a')), runTs(writer(file, 'b'))])
    expect([a.out.trim().split('\n').pop(), b.out.trim().split('\n').pop()]).toEqual(['failed=0', 'failed=0'])
    const db = new Database(file)
    expect(db.prepare('SELECT sum(one_time) AS n FROM reminder_grants').get()).toEqual({ n: 800 })
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('several first starts at once on a new database: each migrates or waits, none crashes', async () => {
    const dir = tempDir()
    const file = join(dir, 'gebao.db')
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => runTs(`import { SqliteStore } from './cloud/store/sqlite/SqliteStore.ts'; const s = new SqliteStore(${JSON.stringify(file)}); console.log('ok'); await s.close()`))
    )
    expect(runs.map((r) => r.out.trim())).toEqual(['ok', 'ok', 'ok', 'ok'])
    const db = new Database(file)
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('a second server on the same data folder refuses to start with a clear message; the admin command still works', async () => {
    const dataDir = tempDir()
    const first = await spawnServer(dataDir)
    const second = await serverRefusal(dataDir, {})
    expect(second.code).toBe(1)
    expect(second.out).toMatch(/Another 格报 server is already running on the data folder/)
    // In one process too.
    await expect(createLocalServer({ dataDir })).rejects.toBeInstanceOf(DataFolderLockedError)
    expect(admin(dataDir, 'invite', '--person-id', GRID_WORKER).status).toBe(0)
    // A SIGKILL leaves no stale lock.
    await first.kill('SIGKILL')
    const again = await spawnServer(dataDir)
    await again.kill()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('a database from a newer version refuses to start instead of running on an unknown schema', async () => {
    const dataDir = tempDir()
    const db = new Database(join(dataDir, 'gebao.db'))
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`)
    db.close()
    await expect(createLocalServer({ dataDir })).rejects.toBeInstanceOf(FutureSchemaError)
    const r = await serverRefusal(dataDir, {})
    expect(r.out).toMatch(/newer than this server knows/)
    // The refusal released the folder: nothing is left locked or changed.
    const again = new Database(join(dataDir, 'gebao.db'))
    expect(again.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1)
    again.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('the health check reports a read-only or closed database as down', async () => {
    const s = await startServer()
    const health = async () => {
      const res = await fetch(`${s.base}/api/health`)
      return { status: res.status, body: (await res.json()) as any }
    }
    expect(await health()).toEqual({ status: 200, body: { ok: true, data: { status: 'up' } } })
    s.db.pragma('query_only = ON')
    expect((await health()).status).toBe(503)
    expect((await health()).body.ok).toBe(false)
    s.db.pragma('query_only = OFF')
    expect((await health()).status).toBe(200)
    await s.stop()
  })
})

describe('fault 5: errors are logged with their cause, capability paths are not logged', () => {
  test('a failing action logs its error (message, stack); /exports and /files tokens never reach the log', async () => {
    const stream = new PassThrough()
    let log = ''
    stream.on('data', (c: Buffer) => (log += c.toString()))
    const s = await startServer(undefined, { logger: { stream, level: 'info' } })
    const token = s.tokenFor(GRID_WORKER)
    s.db.pragma('query_only = ON')
    const res = await s.call('submit', { report: { clientId: clientId('log'), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { canteens: 1 } } }, token)
    expect(res.body.error.code).toBe('INTERNAL')
    s.db.pragma('query_only = OFF')
    await fetch(`${s.base}/exports/0123456789abcdef01234567/secret-table.xlsx`)
    await fetch(`${s.base}/files/00000000-0000-4000-8000-000000000000.png?exp=99999999999999&sig=SIGNATURE-VALUE`)
    await new Promise((r) => setTimeout(r, 50))
    const lines = log.trim().split('\n').map((l) => JSON.parse(l))
    const failed = lines.find((l) => l.msg === 'action submit failed')
    expect(failed?.err?.message).toMatch(/readonly|query_only/i)
    expect(failed?.err?.stack).toMatch(/\n\s+at /)
    expect(log).not.toContain('0123456789abcdef01234567')
    expect(log).not.toContain('secret-table')
    expect(log).not.toContain('00000000-0000-4000-8000-000000000000')
    expect(log).not.toContain('SIGNATURE-VALUE')
    expect(log).toContain('/exports/[redacted]')
    await s.stop()
  })

  test('an error’s cause is logged with it', async () => {
    const { actionLogger, loggerOptions } = await import('../../../cloud/server/logging')
    const Fastify = (await import('fastify')).default
    const stream = new PassThrough()
    let out = ''
    stream.on('data', (c: Buffer) => (out += c.toString()))
    const app = Fastify({ logger: loggerOptions({ stream }) })
    actionLogger(app.log).error('export failed', Object.assign(new Error('writing the xlsx failed'), { cause: new Error('ENOSPC: no space left on device') }))
    await new Promise((r) => setTimeout(r, 20))
    await app.close()
    expect(out).toContain('ENOSPC: no space left on device')
    expect(JSON.parse(out).msg).toBe('export failed')
  })
})
