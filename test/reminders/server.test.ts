import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalServer, type LocalServer } from '../../cloud/server/app'
import { seedIfEmpty } from '../../cloud/seed'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { cronPattern, DEFAULT_REMIND_CRON } from '../../cloud/server/remindSchedule'
import { TestClock, tokenOf } from '../server/harness'
import { login, post, spawnServer, type ServerProcess } from '../server/process'

/**
 * The local server: the reminder actions over HTTP, the demo data's outbox,
 * and the croner schedule (with the catch-up run at start).
 */

jest.setTimeout(30000)

const dirs: string[] = []
const servers: LocalServer[] = []
afterAll(async () => {
  for (const s of servers) await s.app.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function local(at = '2020-12-20T10:00:00+08:00', opts: Partial<Parameters<typeof createLocalServer>[0]> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gebao-remind-'))
  dirs.push(dataDir)
  const clock = new TestClock(new Date(at))
  if (opts.demoLogin === false) {
    // Demo login off needs a real install: the same people, set up as `npm run admin` would.
    const store = new SqliteStore(join(dataDir, 'gebao.db'))
    await seedIfEmpty(store)
    await store.setInstallMode('real')
    await store.close()
  }
  const server = await createLocalServer({ dataDir, clock, ...opts })
  servers.push(server)
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' })
  const call = (action: string, payload: unknown, personId?: string) => post(base, action, payload, personId ? tokenOf(server, personId, clock.now().getTime()) : undefined)
  return { server, clock, call }
}

describe('reminder actions on the local server', () => {
  test('demo people start with banked grants for the demo template (刘洋 with none)', async () => {
    const { call } = await local()
    const me = await call('reminders.status', {}, 'u-grid-1')
    expect(me.body).toMatchObject({ ok: true, data: { enabled: true, banked: 5, templates: [{ id: 'gebao-demo-pending', purpose: 'pending', longTerm: false, banked: 5 }] } })
    expect((await call('reminders.status', {}, 'u-grid-2')).body.data).toMatchObject({ enabled: false, banked: 0 })
    expect((await call('reminders.grant', { templateId: 'gebao-demo-pending', result: 'accept' }, 'u-grid-2')).body.data).toMatchObject({ enabled: true, banked: 1 })
    expect((await call('reminders.status', {})).status).toBe(401)
  })

  test('reminders.run (admin) sends the day\'s reminders through the local sender; the outbox shows them', async () => {
    const { call } = await local()
    const run = await call('reminders.run', {}, 'u-admin')
    expect(run.body).toMatchObject({ ok: true, data: { day: '2020-12-20', quiet: false, sent: 4, noGrant: 1, failed: 0 } })
    const out = await call('reminders.outbox', {}, 'u-admin')
    expect(out.body.ok).toBe(true)
    const entries = out.body.data.entries as { personId: string; personName: string; status: string; channel: string | null; data: Record<string, { value: string }> }[]
    expect(entries.map((e) => `${e.personName} ${e.status}`).sort()).toEqual(['刘洋 no_grant', '张晓梅 sent', '王芳 sent', '赵敏 sent', '陈卫东 sent'])
    expect(entries.filter((e) => e.status === 'sent').every((e) => e.channel === 'local')).toBe(true)
    expect(entries.find((e) => e.personName === '张晓梅')?.data.thing1.value).toBe('2项已逾期：“133”居家养老品牌打造')
    expect(out.body.data.next).toBeNull()
    expect((await call('reminders.status', {}, 'u-grid-1')).body.data).toMatchObject({ banked: 4, remindedToday: true })
  })

  test('the outbox pages by id, filters by person, and is for the bureau only', async () => {
    const { call, clock } = await local()
    await call('reminders.run', {}, 'u-admin')
    clock.set('2020-12-21T10:00:00+08:00')
    await call('reminders.run', {}, 'u-admin')
    const p1 = (await call('reminders.outbox', { limit: 4 }, 'u-admin')).body.data
    const p2 = (await call('reminders.outbox', { limit: 4, before: p1.next }, 'u-admin')).body.data
    const p3 = (await call('reminders.outbox', { limit: 4, before: p2.next }, 'u-admin')).body.data
    const all = [...p1.entries, ...p2.entries, ...p3.entries]
    expect(all).toHaveLength(10)
    expect(new Set(all.map((e: { id: string }) => e.id)).size).toBe(10)
    expect(all[0].day).toBe('2020-12-21')
    expect(all[9].day).toBe('2020-12-20')
    const mine = (await call('reminders.outbox', { personId: 'u-grid-1' }, 'u-admin')).body.data.entries
    expect(mine.map((e: { day: string }) => e.day)).toEqual(['2020-12-21', '2020-12-20'])
    for (const personId of ['u-grid-1', 'u-comm-1', 'u-street-1']) {
      expect((await call('reminders.outbox', {}, personId)).body.error).toMatchObject({ code: 'FORBIDDEN' })
      expect((await call('reminders.run', {}, personId)).body.error).toMatchObject({ code: 'FORBIDDEN' })
    }
    expect((await call('reminders.outbox', { limit: 0 }, 'u-admin')).body.error.code).toBe('BAD_INPUT')
    expect((await call('reminders.outbox', { extra: 1 }, 'u-admin')).body.error.code).toBe('BAD_INPUT')
  })

  test('a run over many people lets other requests through between chunks (SQLite answers every store call at once)', async () => {
    const { server, call } = await local()
    const community = (await server.store.orgTree('/qk/')).find((u) => u.level === 'community')!
    const grids = Array.from({ length: 3000 }, (_, i) => ({ id: `${community.id}-t${i}`, name: `网格${i}`, level: 'grid' as const, parentId: community.id, path: `${community.path}${community.id}-t${i}/` }))
    await server.store.putOrgUnits(grids)
    await server.store.putPeople(grids.map((g, i) => ({ id: `u-t-${i}`, name: '网格员', role: 'grid_worker' as const, orgUnitId: g.id })))
    const answered: string[] = []
    const run = call('reminders.run', {}, 'u-admin').then((r) => (answered.push('run'), r))
    // Sent while the run is going (about 16 chunks of people): answered before the run ends, not after it.
    await new Promise((r) => setTimeout(r, 100))
    const status = await call('reminders.status', {}, 'u-grid-1').then((r) => (answered.push('status'), r))
    expect(status.body.ok).toBe(true)
    expect((await run).body).toMatchObject({ ok: true, data: { sent: 4, noGrant: 3001 } })
    expect(answered).toEqual(['status', 'run'])
  })

  test('without demo login and without configured templates, reminders are off', async () => {
    const { call, server } = await local('2020-12-20T10:00:00+08:00', { demoLogin: false })
    expect(await server.store.reminderGrants()).toEqual([])
    expect((await call('reminders.status', {}, 'u-grid-1')).body.data).toMatchObject({ enabled: false, banked: 0, templates: [] })
    expect((await call('reminders.grant', { templateId: 'gebao-demo-pending', result: 'accept' }, 'u-grid-1')).body.error).toMatchObject({ code: 'BAD_INPUT' })
    expect((await call('reminders.run', {}, 'u-admin')).body.data).toMatchObject({ sent: 0, noTemplate: 5 })
    expect((await call('reminders.outbox', {}, 'u-admin')).body.data.entries).toEqual([])
  })
})

describe('the schedule (croner, China time)', () => {
  test('patterns: WeChat\'s 7 fields with year * become croner\'s 6; a fixed year is refused', () => {
    expect(DEFAULT_REMIND_CRON).toBe('0 0 9 * * *')
    expect(cronPattern('0 0 9 * * * *')).toBe('0 0 9 * * *')
    expect(cronPattern(' 0 30 8 * * 1-5 ')).toBe('0 30 8 * * 1-5')
    expect(() => cronPattern('0 0 9 * * * 2021')).toThrow(/year/)
  })

  test('next run is 09:00 China time; a server started after 09:00 catches up once; closing stops it', async () => {
    const { server } = await local('2020-12-20T10:00:00+08:00', { reminders: { cron: '0 0 9 * * * *', catchUp: true } })
    const next = server.schedule!.next()!
    expect(next.getUTCHours()).toBe(1)
    expect(next.getUTCMinutes()).toBe(0)
    for (let i = 0; i < 50 && (await server.store.listOutbox({ limit: 10 })).length === 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect((await server.store.listOutbox({ limit: 10 })).filter((e) => e.status === 'sent')).toHaveLength(4)
    await server.app.close()
    servers.splice(servers.indexOf(server), 1)
  })

  test('before 09:00 there is nothing to catch up', async () => {
    const { server } = await local('2020-12-20T08:30:00+08:00', { reminders: { cron: DEFAULT_REMIND_CRON, catchUp: true } })
    await new Promise((r) => setTimeout(r, 100))
    expect(await server.store.listOutbox({ limit: 10 })).toEqual([])
  })

  test('the schedule fires the job on its pattern', async () => {
    const { server } = await local('2020-12-20T10:00:00+08:00', { reminders: { cron: '* * * * * *' } })
    for (let i = 0; i < 60 && (await server.store.listOutbox({ limit: 10 })).length === 0; i++) await new Promise((r) => setTimeout(r, 50))
    expect((await server.store.listOutbox({ limit: 10 })).length).toBeGreaterThan(0)
  })
})

describe('npm start (the server process with the demo data)', () => {
  let proc: ServerProcess | null = null
  let dataDir = ''
  afterEach(async () => {
    await proc?.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('started after 09:00, the outbox shows the day\'s reminders without anyone asking', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gebao-remind-proc-'))
    proc = await spawnServer(dataDir)
    const admin = await login(proc.base, 'u-admin')
    let entries: { personId: string; status: string }[] = []
    for (let i = 0; i < 50 && entries.length < 5; i++) {
      entries = (await post(proc.base, 'reminders.outbox', {}, admin)).body.data.entries
      if (entries.length < 5) await new Promise((r) => setTimeout(r, 100))
    }
    expect(entries.map((e) => `${e.personId} ${e.status}`).sort()).toEqual(['u-comm-1 sent', 'u-grid-1 sent', 'u-grid-2 no_grant', 'u-grid-3 sent', 'u-street-1 sent'])
  })
})
