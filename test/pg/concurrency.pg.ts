import { Client } from 'pg'
import { reportId } from '../../src/core/report'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { OrgUnit } from '../../src/core/org'
import { PgStore } from '../../cloud/store/pg/PgStore'
import { LOCKS, migrationFiles } from '../../cloud/store/pg/migrate'
import type { ReportWrite, StoredReport } from '../../cloud/store/types'
import { freshDatabase } from './db'

/**
 * What the PostgreSQL store must keep exact when many connections (two
 * pools stand for two server processes) write at once.
 */
jest.setTimeout(60000)

const ind = SEED_INDICATORS[0]
const district: OrgUnit = { id: 'd', name: '区', level: 'district', parentId: null, path: '/d/' }
const community: OrgUnit = { id: 'c', name: '社区', level: 'community', parentId: 'd', path: '/d/c/' }
const grids: OrgUnit[] = Array.from({ length: 40 }, (_, i) => ({ id: `g${i}`, name: `网格${i}`, level: 'grid', parentId: 'c', path: `/d/c/g${i}/` }))

function write(grid: OrgUnit, over: { clientId: string; version?: number; expectedVersion?: number; value?: number }): ReportWrite {
  const version = over.version ?? 1
  const report: StoredReport = {
    id: reportId(ind.code, grid.id, '2020-11'),
    clientId: over.clientId,
    indicatorCode: ind.code,
    orgUnitId: grid.id,
    unitPath: grid.path,
    period: '2020-11',
    values: { canteens: over.value ?? 1 },
    dates: {},
    narrative: '',
    evidence: [],
    reasons: {},
    status: 'submitted',
    version,
    submittedBy: 'p1',
    submittedAt: '2020-12-01T00:00:00.000Z',
    onTime: true,
    updatedAt: '2020-12-01T00:00:00.000Z',
    returnedFields: [],
    verdicts: {}
  }
  return {
    report,
    expectedVersion: over.expectedVersion ?? version - 1,
    clientId: over.clientId,
    expectedYearStamp: version - 1,
    rollupUnitIds: ['d', 'c', grid.id],
    deltas: [{ indicatorCode: ind.code, period: '2020-11', field: 'canteens', dSum: over.value ?? 1, dN: version === 1 ? 1 : 0 }],
    counted: {},
    history: { reportId: report.id, at: report.updatedAt, actorId: 'p1', actorName: '张三', action: 'submit', version, changes: [] }
  }
}

let url: string
let a: PgStore
let b: PgStore
beforeEach(async () => {
  url = await freshDatabase('conc')
  // Eight processes starting at once: each migration runs once, under the lock.
  const stores = await Promise.all(Array.from({ length: 8 }, () => PgStore.connect(url)))
  ;[a, b] = stores
  await Promise.all(stores.slice(2).map((s) => s.close()))
  await a.putOrgUnits([district, community, ...grids])
  await a.putPeople([{ id: 'p1', name: '张三', role: 'grid_worker', orgUnitId: 'g0' }])
  await a.putIndicator(ind)
})
afterEach(async () => {
  await a.close()
  await b.close()
})

test('processes starting at once apply each migration exactly once', async () => {
  const c = new Client({ connectionString: url })
  await c.connect()
  const rows = (await c.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version)
  await c.end()
  expect(rows).toEqual(migrationFiles().map((m) => m.version))
})

test('50 writes with one client id over two pools: one report, one history entry, roll-ups counted once', async () => {
  const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).writeReport(write(grids[0], { clientId: 'same-client' }))))
  expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(1)
  // Every other one is answered as the duplicate of that report; none wrote.
  expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(49)
  expect(await a.history(reportId(ind.code, 'g0', '2020-11'))).toHaveLength(1)
  expect((await b.rollups([ind.code], ['d', 'c'], '2020-11')).get(ind.code)).toEqual(
    new Map([
      ['d', { canteens: { sum: 1, n: 1 } }],
      ['c', { canteens: { sum: 1, n: 1 } }]
    ])
  )
})

test('one client id reused for two different reports at once: one wins, the other is its duplicate', async () => {
  const outcomes = await Promise.all([a.writeReport(write(grids[1], { clientId: 'reused' })), b.writeReport(write(grids[2], { clientId: 'reused' }))])
  expect(outcomes.map((o) => o.kind).sort()).toEqual(['duplicate', 'ok'])
  const winner = (await a.submission('reused'))!.reportId
  expect(outcomes.find((o) => o.kind === 'duplicate')).toEqual({ kind: 'duplicate', reportId: winner })
  expect((await a.rollups([ind.code], ['d'], '2020-11')).get(ind.code)?.get('d')).toEqual({ canteens: { sum: 1, n: 1 } })
})

test('20 edits of one version at once: exactly one lands, the others are refused and change nothing', async () => {
  expect(await a.writeReport(write(grids[0], { clientId: 'first' }))).toEqual({ kind: 'ok' })
  const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).writeReport(write(grids[0], { clientId: `edit-${i}`, version: 2, value: 10 + i }))))
  expect(outcomes.filter((o) => o.kind === 'ok')).toHaveLength(1)
  expect(outcomes.filter((o) => o.kind === 'conflict' || o.kind === 'stale')).toHaveLength(19)
  const winner = outcomes.findIndex((o) => o.kind === 'ok')
  expect((await a.getReport(reportId(ind.code, 'g0', '2020-11')))?.values).toEqual({ canteens: 10 + winner })
  expect(await a.history(reportId(ind.code, 'g0', '2020-11'))).toHaveLength(2)
  // Roll-up = first value + the winner's delta only.
  expect((await a.rollups([ind.code], ['c'], '2020-11')).get(ind.code)?.get('c')).toEqual({ canteens: { sum: 1 + 10 + winner, n: 1 } })
})

test('40 grids written at once through both pools: no lost roll-up update, no deadlock', async () => {
  const outcomes = await Promise.all(grids.map((g, i) => (i % 2 ? a : b).writeReport(write(g, { clientId: `grid-${i}`, value: i }))))
  expect(outcomes.every((o) => o.kind === 'ok')).toBe(true)
  const sum = grids.reduce((s, _, i) => s + i, 0)
  const rolled = await b.rollups([ind.code], ['d', 'c'], '2020-11')
  expect(rolled.get(ind.code)?.get('d')).toEqual({ canteens: { sum, n: 40 } })
  expect(rolled.get(ind.code)?.get('c')).toEqual({ canteens: { sum, n: 40 } })
})

test('the reminder job runs in one process at a time: the advisory lock turns the other away, and frees when done', async () => {
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  const first = a.exclusive('reminders', async () => {
    await held
    return 'first'
  })
  // Wait until A holds the lock, then B asks.
  for (let i = 0; i < 100 && !(await lockHeld()); i++) await new Promise((r) => setTimeout(r, 10))
  expect(await b.exclusive('reminders', async () => 'second')).toEqual({ ran: false })
  release()
  expect(await first).toEqual({ ran: true, value: 'first' })
  expect(await b.exclusive('reminders', async () => 'second')).toEqual({ ran: true, value: 'second' })
})

test('a process that dies holding the reminder lock releases it with its connection', async () => {
  const c = new Client({ connectionString: url })
  await c.connect()
  await c.query('SELECT pg_advisory_lock($1)', [LOCKS.reminders])
  expect(await b.exclusive('reminders', async () => 1)).toEqual({ ran: false })
  await c.end()
  expect(await b.exclusive('reminders', async () => 1)).toEqual({ ran: true, value: 1 })
})

async function lockHeld(): Promise<boolean> {
  const r = await b.pool.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted", [LOCKS.reminders])
  return r.rows[0].n === 1
}

test('a sign-off and a reopen beneath it at once, over two pools: exactly one of them lands, every time', async () => {
  const g = grids[0]
  for (let m = 1; m <= 12; m++) {
    const period = `2020-${String(m).padStart(2, '0')}`
    const base = write(g, { clientId: `approve-${period}` })
    const approved: ReportWrite = {
      ...base,
      report: { ...base.report, id: reportId(ind.code, g.id, period), period, status: 'approved' },
      expectedYearStamp: (await a.unitYear(ind.code, g.id, 2020)).stamp,
      deltas: [],
      history: { ...base.history, reportId: reportId(ind.code, g.id, period) }
    }
    expect(await a.writeReport(approved)).toEqual({ kind: 'ok' })
    const stamp = (await a.unitYear(ind.code, g.id, 2020)).stamp
    const reopen: ReportWrite = {
      ...approved,
      report: { ...approved.report, status: 'submitted', version: 2 },
      expectedVersion: 1,
      clientId: undefined,
      expectedYearStamp: stamp,
      lockedBy: ['d', 'c', g.id],
      history: { ...approved.history, action: 'reopen', version: 2 }
    }
    const signOff = { indicatorCode: ind.code, unitId: 'c', period, status: 'signed' as const, comment: '', totals: {}, byId: 'p9', byName: '街审', at: '2020-12-05T00:00:00.000Z', version: 1 }
    const basis = { reports: [{ orgUnitId: g.id, reportId: approved.report.id, version: 1 }], signOffs: [{ unitId: g.id, version: 0 }] }
    const [signed, reopened] = await Promise.all([(m % 2 ? a : b).putSignOff(signOff, basis), (m % 2 ? b : a).writeReport(reopen)])
    // Never a signed total over a reopened report, and never both refused.
    expect(signed ? reopened.kind === 'locked' : reopened.kind === 'ok').toBe(true)
    const stored = (await a.getReport(approved.report.id))!
    const signOffs = await b.signOffs(ind.code, period, ['c'])
    expect(signOffs.length === 1 ? stored.status === 'approved' : stored.status === 'submitted').toBe(true)
  }
})
