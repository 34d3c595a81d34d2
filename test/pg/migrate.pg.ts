import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrateToPg } from '../../cloud/admin/migrateToPg'
import { ACTION_TABLE } from '../../cloud/api/router'
import { createLocalServer, type LocalServer } from '../../cloud/server/app'
import { reportId } from '../../src/core/report'
import { TestClock } from '../server/harness'
import { freshDatabase } from './db'

/**
 * `npm run admin -- migrate-to-pg`: an install made on SQLite (the demo
 * district, reports, a return, an approval, an edit) is copied into PostgreSQL; then
 * one script calling every action, as each role, runs against a server on
 * a copy of the SQLite install and against a server on the migrated
 * PostgreSQL database, from the same clock: every answer is the same.
 */
jest.setTimeout(180_000)

const ADMIN = 'u-admin'
const GRID = 'u-grid-1'
const GRID_UNIT = 'qk-s11-c01-g1'
const COMMUNITY = 'u-comm-1'
const STREET = 'u-street-1'
const START = '2020-12-20T10:00:00+08:00'
/** COPY's text format gives tab, newline, backslash and \\N meaning: they must arrive as typed. */
const RETURN_COMMENT = '培训人次请核对\t第2行\n路径 D:\\台账\\N 结尾\\'

interface Running {
  server: LocalServer
  base: string
  clock: TestClock
  call(person: string | null, action: string, payload: unknown): Promise<{ status: number; body: any }>
  stop(): Promise<void>
}

async function start(dataDir: string, databaseUrl?: string): Promise<Running> {
  const clock = new TestClock(new Date(START))
  const server = await createLocalServer({ dataDir, clock, ...(databaseUrl ? { databaseUrl } : {}) })
  const base = await server.app.listen({ port: 0, host: '127.0.0.1' })
  return {
    server,
    base,
    clock,
    async call(person, action, payload) {
      const token = person ? server.sessions.tokens.issue(person, await server.store.sessionGeneration(person), clock.now().getTime()) : null
      const res = await fetch(`${base}/api/${action}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(payload) })
      return { status: res.status, body: await res.json() }
    },
    stop: () => server.app.close()
  }
}

const draft = (clientId: string, period: string, trainees: number, unit = GRID_UNIT) => ({ report: { clientId, indicatorCode: 'YL-133', orgUnitId: unit, period, values: { service_points: 1, canteens: 1, trainees } } })

/** The install before the move: reports, a return, an approval, an edit. */
async function makeInstall(s: Running): Promise<void> {
  const must = async (person: string, action: string, payload: unknown) => {
    const r = await s.call(person, action, payload)
    if (!r.body.ok) throw new Error(`${action}: ${JSON.stringify(r.body)}`)
    return r.body.data
  }
  await must(GRID, 'submit', draft('install-0001', '2020-10', 120))
  await must(GRID, 'submit', draft('install-0002', '2020-11', 130))
  await must(COMMUNITY, 'review', { reportId: reportId('YL-133', GRID_UNIT, '2020-10'), version: 1, decision: 'approve' })
  await must(COMMUNITY, 'review', { reportId: reportId('YL-133', GRID_UNIT, '2020-11'), version: 1, decision: 'return', comment: RETURN_COMMENT })
  s.clock.at = new Date(s.clock.at.getTime() + 60_000)
  await must(GRID, 'submit', { report: { ...draft('install-0003', '2020-11', 110).report, baseVersion: 2 } })
}

/** Every action, as the roles that use it, writes included; in this order on both servers. */
function script(): [string | null, string, unknown][] {
  const r10 = reportId('YL-133', GRID_UNIT, '2020-10')
  const r11 = reportId('YL-133', GRID_UNIT, '2020-11')
  const steps: [string | null, string, unknown][] = [
    [null, 'me', {}],
    [GRID, 'me', {}],
    [GRID, 'catalog', {}],
    [GRID, 'pending', {}],
    [GRID, 'reports', {}],
    [GRID, 'history', { reportId: r11 }],
    [COMMUNITY, 'reports', { status: 'submitted' }],
    [STREET, 'progress', { period: '2020' }],
    [ADMIN, 'progress', { orgUnitId: 'qk', period: '2020' }],
    [ADMIN, 'progress', { orgUnitId: 'qk', period: '2020-11' }],
    [ADMIN, 'export.table', { year: 2020 }],
    [ADMIN, 'export.table', { year: 2020, version: 'approved' }],
    [ADMIN, 'export.narrative', { indicatorCode: 'YL-133', year: 2020 }],
    [ADMIN, 'plan.years', {}],
    [ADMIN, 'rollups.status', {}],
    [ADMIN, 'reminders.status', {}],
    [ADMIN, 'reminders.outbox', {}],
    // Writes, then the reads again.
    [GRID, 'submit', draft('script-0001', '2020-12', 140)],
    [GRID, 'submit', draft('script-0001', '2020-12', 140)],
    [GRID, 'sync', { reports: [draft('script-0002', '2020-09', 90).report] }],
    [COMMUNITY, 'review', { reportId: r11, version: 3, decision: 'approve' }],
    [COMMUNITY, 'review', { reportId: r10, version: 2, decision: 'reopen', comment: '数据有误需更正' }],
    [ADMIN, 'indicator.assign', { code: 'SQ-GOV', reportLevel: 'street' }],
    [ADMIN, 'rollups.rebuild', {}],
    [ADMIN, 'period.open', { indicatorCode: 'YL-133', orgUnitId: GRID_UNIT, period: '2020-01', until: '2020-12-31', reason: '补报' }],
    [ADMIN, 'plan.copy', { year: 2020 }],
    [ADMIN, 'reminders.grant', { personId: GRID, templateId: 'tpl-demo', add: 1 }],
    [ADMIN, 'reminders.run', {}],
    [ADMIN, 'invite.create', { personId: COMMUNITY }],
    [ADMIN, 'export.file', { year: 2020, format: 'xlsx' }],
    [ADMIN, 'reminders.outbox', {}],
    [GRID, 'pending', {}],
    [GRID, 'history', { reportId: r10 }],
    [ADMIN, 'progress', { orgUnitId: 'qk', period: '2020' }],
    [ADMIN, 'export.table', { year: 2020 }],
    [ADMIN, 'plan.years', {}],
    [GRID, 'logout', {}]
  ]
  // Any action not named above is called once as the admin with an empty payload: its answer (often BAD_INPUT) must match too.
  const named = new Set(steps.map(([, a]) => a))
  for (const name of ACTION_TABLE.keys()) if (!named.has(name)) steps.push([ADMIN, name, {}])
  return steps
}

/** What differs between two servers by design: random invite codes, export folders, and each reminder run's random id in outbox ids. */
function comparable(body: unknown): unknown {
  return JSON.parse(
    JSON.stringify(body, (k, v) => {
      if (typeof v !== 'string') return v
      if (k === 'code' && /^[A-Z0-9]{6,}$/.test(v)) return '<invite>'
      if (k === 'url' && v.startsWith('/exports/')) return v.replace(/^\/exports\/[0-9a-f]+\//, '/exports/<random>/')
      return v.replace(/^(\d{4}-\d\d-\d\dT[\d:.]+Z)~[0-9a-f]{6}~(\d+)$/, '$1~<run>~$2')
    })
  )
}

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

test('every action answers the same on the SQLite install and on PostgreSQL after migrate-to-pg', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gebao-migrate-'))
  dirs.push(dataDir)
  const old = await start(dataDir)
  await makeInstall(old)
  await old.stop()

  const copy = mkdtempSync(join(tmpdir(), 'gebao-migrate-copy-'))
  dirs.push(copy)
  cpSync(dataDir, copy, { recursive: true })

  const url = await freshDatabase('migrate')
  const uploadDir = join(dataDir, 'shared-uploads')
  const result = await migrateToPg({ dataDir, databaseUrl: url, uploadDir })
  expect(result.tables.find((t) => t.name === 'reports')?.rows).toBe(2)
  expect(result.tables.find((t) => t.name === 'history')?.rows).toBe(5)
  expect(result.tables.find((t) => t.name === 'org_units')!.rows).toBeGreaterThan(900)
  const { Client } = await import('pg')
  const direct = new Client({ connectionString: url })
  await direct.connect()
  try {
    const comments = (await direct.query("SELECT comment FROM history WHERE action = 'return'")).rows.map((r) => r.comment)
    expect(comments).toEqual([RETURN_COMMENT])
  } finally {
    await direct.end()
  }

  const sqlite = await start(copy)
  const pg = await start(dataDir, url)
  try {
    const steps = script()
    expect(steps.length).toBeGreaterThanOrEqual(ACTION_TABLE.size)
    const okOnPg: string[] = []
    for (const [person, action, payload] of steps) {
      const a = await sqlite.call(person, action, payload)
      const b = await pg.call(person, action, payload)
      expect({ action, person, status: b.status, body: comparable(b.body) }).toEqual({ action, person, status: a.status, body: comparable(a.body) })
      if (b.body.ok) okOnPg.push(action)
    }
    // The scripted reads and writes did their work (equal failures would prove little).
    for (const a of ['pending', 'progress', 'export.table', 'submit', 'sync', 'review', 'indicator.assign', 'rollups.rebuild', 'period.open', 'plan.copy', 'reminders.run', 'invite.create', 'export.file', 'history', 'logout']) expect(okOnPg).toContain(a)
    const district = (await pg.call(ADMIN, 'progress', { orgUnitId: 'qk', period: '2020' })).body.data
    expect(district.indicators.find((i: any) => i.code === 'YL-133').received).toBeGreaterThanOrEqual(3)
  } finally {
    await sqlite.stop()
    await pg.stop()
  }

  // A second run into the now full database is refused, and writes nothing.
  await expect(migrateToPg({ dataDir: copy, databaseUrl: url })).rejects.toThrow(/目标数据库不是空的（表 \S+ 有 \d+ 行）/)
})
