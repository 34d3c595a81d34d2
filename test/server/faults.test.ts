import type { OrgUnit } from '../../src/core/org'
import type { Person } from '../../src/core/person'
import { ERROR_CODES, type ErrorCode } from '../../src/core/errors'
import { ACTION_TABLE } from '../../cloud/api/router'
import { badInputCorpus, CORPUS_REPORT_ID, closedGaps, OTHER_STREET_REPORT_ID, type BadCase, type CategorizedCase, type FaultCategory } from './badInputs'
import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER, startServer, STREET_REVIEWER, type Running } from './harness'
import { seedXlsx } from '../import/fixtures'

/**
 * The fault suite: every request here is one the server must refuse, and a
 * refusal must leave the database exactly as it was.
 *
 * 1. The bad-input corpus (badInputs.ts): wrong types, negatives, NaN and
 *    Infinity, huge numbers, long and control-character strings, HTML,
 *    unknown ids, other units' ids and closed periods, for every action.
 *    Each gets a 4xx, a known error code, a Chinese message, no change.
 * 2. Raw bodies JSON cannot describe from a JS object: 1e309 (Infinity
 *    after JSON.parse), bare NaN, __proto__, deep nesting, not JSON at all.
 * 3. The authorization matrix: every action × every role × a target in and
 *    out of the caller's scope, with the exact outcome each cell must have.
 */

const OTHER_DISTRICT: OrgUnit[] = [
  { id: 'xx', name: '外区', level: 'district', parentId: null, path: '/xx/' },
  { id: 'xx-s01', name: '外区街', level: 'street', parentId: 'xx', path: '/xx/xx-s01/' },
  { id: 'xx-s01-c01', name: '外区社区', level: 'community', parentId: 'xx-s01', path: '/xx/xx-s01/xx-s01-c01/' },
  { id: 'xx-s01-c01-g1', name: '外区网格', level: 'grid', parentId: 'xx-s01-c01', path: '/xx/xx-s01/xx-s01-c01/xx-s01-c01-g1/' }
]
const OTHER_DISTRICT_WORKER: Person = { id: 'u-xx-grid', name: '外区网格员', role: 'grid_worker', orgUnitId: 'xx-s01-c01-g1' }

type Who = string | null

/** The corpus and the matrix test answers, not rate limits (those have their own section). */
const UNLIMITED = { bindPerAddress: 1e6, bindPerCode: 1e6, signInPerAddress: 1e6 }

async function submitAs(s: Running, who: string, indicatorCode: string, orgUnitId: string, period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) {
  const res = await s.call('submit', { report: { clientId: clientId('f'), indicatorCode, orgUnitId, period, values, ...extra } }, s.tokenFor(who))
  if (!res.body.ok) throw new Error(`fixture ${indicatorCode} ${orgUnitId} ${period}: ${JSON.stringify(res.body.error)}`)
  return res.body.data.report as { id: string; version: number }
}

/** A grid worker at `gridId` (created when the demo has none) and one YL-133 report of theirs. */
async function gridReport(s: Running, gridId: string, period = '2020-12') {
  const id = `u-f-${gridId}`
  if (!(await s.server.store.getPerson(id))) await s.server.store.putPeople([{ id, name: '网格员', role: 'grid_worker', orgUnitId: gridId }])
  return submitAs(s, id, 'YL-133', gridId, period, { canteens: 1 })
}

const expectRefusedUnchanged = async (s: Running, who: Who, action: string, payload: unknown) => {
  const before = await fingerprint(s)
  const res = await s.call(action, payload, who ? s.tokenFor(who) : undefined)
  return { res, unchanged: await fingerprint(s) === before }
}

// ---------------------------------------------------------------------------
// 1–2. The bad-input corpus and raw bodies
// ---------------------------------------------------------------------------

describe('bad inputs: 4xx, a known code, a Chinese message, nothing changed', () => {
  let s: Running
  beforeAll(async () => {
    s = await startServer(undefined, { rateLimits: UNLIMITED })
    await s.server.store.putOrgUnits(OTHER_DISTRICT)
    // Reports for the review and history cases to aim at: the reviewer's
    // own community, the neighbour grid, and another street.
    await submitAs(s, GRID_WORKER, 'YL-133', GRID_WORKER_UNIT, '2020-11', { canteens: 1 })
    await submitAs(s, 'u-grid-2', 'YL-133', 'qk-s11-c01-g2', '2020-11', { canteens: 1 })
    await submitAs(s, OTHER_GRID_WORKER, 'YL-133', 'qk-s01-c01-g1', '2020-11', { canteens: 1 })
    expect(await s.server.store.getReport(CORPUS_REPORT_ID)).not.toBeNull()
    expect(await s.server.store.getReport(OTHER_STREET_REPORT_ID)).not.toBeNull()
  })
  afterAll(async () => {
    await s.stop()
  })

  const corpus = badInputCorpus()
  const categorized = corpus.filter((c): c is CategorizedCase => 'category' in c)
  /** What was tried, refused or not: the coverage counts the known gaps too. */
  const probed: CategorizedCase[] = [...categorized, ...closedGaps()]

  test('the corpus: at least 200 distinct cases, every action of ACTION_TABLE, every category', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200)
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length)
    const actions = [...ACTION_TABLE.keys()]
    const perAction = new Map(actions.map((a) => [a, corpus.filter((c) => c.action === a)]))
    const missing = actions.filter((a) => (perAction.get(a) ?? []).length < 5)
    expect(missing).toEqual([]) // a new action needs its bad inputs here
    // The categories the issue names that apply to every action.
    const everywhere: FaultCategory[] = ['NaN', 'Infinity', 'huge number', 'HTML', 'control chars']
    const gaps = actions.flatMap((a) =>
      everywhere.filter((cat) => !probed.some((c) => c.action === a && c.category === cat)).map((cat) => `${a}: ${cat}`)
    )
    expect(gaps).toEqual([])
    const seen = new Set(categorized.map((c) => c.category))
    for (const cat of ['wrong type', 'negative', 'long string', 'unknown id', 'other unit', 'closed period'] as FaultCategory[]) expect(seen).toContain(cat)
    // Closed periods: an indicator of every reporting level.
    const closedLevels = categorized.filter((c) => c.category === 'closed period' && c.action === 'submit').map((c) => (c.payload as { report: { orgUnitId: string } }).report.orgUnitId)
    expect(new Set(closedLevels.map((u) => u.split('-').length))).toEqual(new Set([1, 2, 3, 4]))
  })

  test.each(corpus.map((c) => [c.name, c] as const))('%s', async (_name, c: BadCase) => {
    const { res, unchanged } = await expectRefusedUnchanged(s, c.who, c.action, c.payload)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(res.body.ok).toBe(false)
    expect(Object.keys(ERROR_CODES)).toContain(res.body.error.code)
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(unchanged).toBe(true)
  })

  const raw = (action: string, body: string, contentType = 'application/json', who: Who = GRID_WORKER) =>
    fetch(`${s.base}/api/${action}`, { method: 'POST', headers: { 'content-type': contentType, ...(who ? { authorization: `Bearer ${s.tokenFor(who)}` } : {}) }, body })

  const draftJson = (over: string) =>
    `{"report":{"clientId":"raw-body-0001","indicatorCode":"YL-133","orgUnitId":"${GRID_WORKER_UNIT}","period":"2020-12","values":{"canteens":1}${over}}}`

  /** Bodies a JS object cannot produce: JSON.parse turns 1e309 into Infinity; NaN is not JSON. */
  const RAW_BODY_CASES: [string, string, string, Who][] = [
    ['submit: a value of 1e309 (Infinity after JSON.parse)', 'submit', draftJson(',"values":{"canteens":1e309}').replace('"values":{"canteens":1},', ''), GRID_WORKER],
    ['submit: a value of -1e309', 'submit', draftJson(',"values":{"trainees":-1e309}').replace('"values":{"canteens":1},', ''), GRID_WORKER],
    ['submit: declaredRate 1e309', 'submit', draftJson(',"declaredRate":1e309'), GRID_WORKER],
    ['submit: baseVersion 1e309', 'submit', draftJson(',"baseVersion":1e309'), GRID_WORKER],
    ['submit: a bare NaN token', 'submit', draftJson(',"declaredRate":NaN'), GRID_WORKER],
    ['submit: a bare Infinity token', 'submit', draftJson(',"declaredRate":Infinity'), GRID_WORKER],
    ['submit: __proto__ in the body', 'submit', `{"__proto__":{"role":"admin"},${draftJson('').slice(1)}`, GRID_WORKER],
    ['submit: constructor.prototype in the report', 'submit', draftJson(',"constructor":{"prototype":{"role":"admin"}}'), GRID_WORKER],
    ['submit: 5,000 nested arrays', 'submit', `{"report":${'['.repeat(5000)}${']'.repeat(5000)}}`, GRID_WORKER],
    ['review: version 1e309', 'review', `{"reportId":"${CORPUS_REPORT_ID}","version":1e309,"decision":"approve"}`, COMMUNITY_REVIEWER],
    ['reports: limit 1e309', 'reports', '{"limit":1e309}', COMMUNITY_REVIEWER],
    ['progress: period 1e309', 'progress', '{"period":1e309}', COMMUNITY_REVIEWER],
    ['indicator.put: seq 1e309', 'indicator.put', '{"indicator":{"code":"X-9","seq":1e309}}', ADMIN],
    ['reminders.outbox: limit 1e309', 'reminders.outbox', '{"limit":1e309}', ADMIN],
    ['me: {"x":1e309}', 'me', '{"x":1e309}', GRID_WORKER],
    ['malformed JSON', 'submit', '{"report": ', GRID_WORKER],
    ['a bare string', 'submit', '"hello"', GRID_WORKER],
    ['trailing garbage after the object', 'submit', `${draftJson('')}xyz`, GRID_WORKER]
  ]

  describe('raw bodies', () => {
    test.each(RAW_BODY_CASES)('%s', async (_n, action, body, who) => {
      const before = await fingerprint(s)
      const res = await raw(action, body, 'application/json', who)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      const json = (await res.json()) as any
      expect(json.ok).toBe(false)
      expect(Object.keys(ERROR_CODES)).toContain(json.error.code)
      expect(await fingerprint(s)).toBe(before)
    })

    test('the 1e309 literal really is Infinity after JSON.parse (so the cases above test what they say)', () => {
      expect(JSON.parse('{"x":1e309}').x).toBe(Infinity)
    })

    test('plain text', async () => {
      const before = await fingerprint(s)
      const res = await raw('submit', 'report=1', 'text/plain')
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(((await res.json()) as any).ok).toBe(false)
      expect(await fingerprint(s)).toBe(before)
    })

    test('a body over 1 MB is refused whole', async () => {
      const before = await fingerprint(s)
      const res = await raw('submit', JSON.stringify({ report: { narrative: 'x'.repeat(1_100_000) } }))
      expect(res.status).toBe(413)
      expect(await fingerprint(s)).toBe(before)
    })
  })

  describe('a sync batch is taken whole but judges each item on its own', () => {
    test('bad items are rejected with their code, the good one stored', async () => {
      const good = { clientId: clientId(), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { trainees: 5 } }
      const res = await s.call('sync', { reports: [{ ...good, values: { trainees: -5 }, clientId: clientId() }, good, { ...good, clientId: clientId(), narrative: '\u0000' }] }, s.tokenFor(GRID_WORKER))
      expect(res.body.data.results.map((r: any) => r.status)).toEqual(['rejected', 'accepted', 'rejected'])
      expect(res.body.data.results[0].error.message).toContain('不能小于')
    })

    test.each([
      ['NaN as a string', { values: { trainees: 'NaN' } }, 'BAD_INPUT'],
      ['Infinity as a string', { values: { trainees: 'Infinity' } }, 'BAD_INPUT'],
      ['a closed period', { period: '2020-07' }, 'CLOSED'],
      ['HTML for the unit', { orgUnitId: '<qk>' }, 'BAD_INPUT'],
      ['another grid', { orgUnitId: 'qk-s11-c01-g2' }, 'FORBIDDEN'],
      ['an unknown indicator', { indicatorCode: 'ZZ-1' }, 'NOT_FOUND']
    ])('an item with %s is rejected (%s), nothing stored', async (_n, over, code) => {
      const item = { clientId: clientId(), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-10', values: { trainees: 5 }, ...over }
      const before = await fingerprint(s)
      const res = await s.call('sync', { reports: [item] }, s.tokenFor(GRID_WORKER))
      expect(res.status).toBe(200)
      expect(res.body.data.results).toEqual([expect.objectContaining({ status: 'rejected', error: expect.objectContaining({ code }) })])
      expect(await fingerprint(s)).toBe(before)
    })

    test('an item with 1e309 in a raw body is rejected, nothing stored', async () => {
      const before = await fingerprint(s)
      const res = await raw('sync', `{"reports":[{"clientId":"raw-sync-0001","indicatorCode":"YL-133","orgUnitId":"${GRID_WORKER_UNIT}","period":"2020-10","values":{"trainees":1e309}}]}`)
      const json = (await res.json()) as any
      expect(json.data.results[0]).toMatchObject({ status: 'rejected', error: { code: 'BAD_INPUT' } })
      expect(await fingerprint(s)).toBe(before)
    })
  })

  // Formerly accepted junk (control characters and markup in indicator
  // text, 1e308 field bounds, free-form cursors): now refused like the rest.
  describe('gaps closed by tighter schemas', () => {
    test.each(closedGaps().map((c) => [c.name, c] as const))('%s', async (_n, c) => {
      const { res, unchanged } = await expectRefusedUnchanged(s, c.who, c.action, c.payload)
      expect(unchanged).toBe(true)
      expect(res.status).toBe(400)
    })
  })
})

// ---------------------------------------------------------------------------
// 3. The authorization matrix
// ---------------------------------------------------------------------------

type Role = 'grid_worker' | 'community_reviewer' | 'street_reviewer' | 'admin' | 'none'
const ROLES: Role[] = ['grid_worker', 'community_reviewer', 'street_reviewer', 'admin', 'none']
const PERSON: Record<Role, string | null> = {
  grid_worker: GRID_WORKER,
  community_reviewer: COMMUNITY_REVIEWER,
  street_reviewer: STREET_REVIEWER,
  admin: ADMIN,
  none: null
}
type Signed = Exclude<Role, 'none'>
/** The caller's own unit, and a unit of the same level that is not theirs. */
const OWN: Record<Signed, string> = { grid_worker: GRID_WORKER_UNIT, community_reviewer: 'qk-s11-c01', street_reviewer: 'qk-s11', admin: 'qk' }
const OTHER: Record<Signed, string> = { grid_worker: 'qk-s11-c01-g2', community_reviewer: 'qk-s11-c02', street_reviewer: 'qk-s01', admin: 'xx' }

/**
 * What a cell must answer. ok: 200 with ok true. code: that error code
 * with its HTTP status and no change. item: a 200 batch whose one item is
 * rejected with that code, and no change.
 */
type Outcome = { ok: true } | { code: ErrorCode } | { item: ErrorCode }
const OK: Outcome = { ok: true }
const FORBIDDEN: Outcome = { code: 'FORBIDDEN' }
const UNAUTH: Outcome = { code: 'UNAUTHENTICATED' }
const BAD: Outcome = { code: 'BAD_INPUT' }
const NOT_FOUND: Outcome = { code: 'NOT_FOUND' }

interface Fixtures {
  s: Running
  /** Reports, by scope, that the refusals aim at (created once; refusals change nothing). */
  reportIn: Record<Signed, string>
  reportOut: Record<Signed, string>
  usedInvite: string
}

interface Cell {
  payload(fx: Fixtures): Promise<unknown> | unknown
  expect: Outcome
  /** Why the outcome is what it is, when it is not plain. */
  note?: string
}
type Spec = (role: Role) => { in: Cell; out: Cell }

const signedIn = (role: Role, outcome: Outcome): Outcome => (role === 'none' ? UNAUTH : outcome)
const adminOnly = (role: Role): Outcome => (role === 'none' ? UNAUTH : role === 'admin' ? OK : FORBIDDEN)
const asSigned = (role: Role): Signed => (role === 'none' ? 'grid_worker' : role)

/** The report a role submits for its own unit, and the period it uses (distinct per action so cells never collide). */
function ownDraft(role: Signed, purpose: 'submit' | 'sync', unit = OWN[role]) {
  const base = { clientId: clientId('m'), orgUnitId: unit }
  switch (role) {
    case 'grid_worker':
      return { ...base, indicatorCode: 'YL-133', period: purpose === 'submit' ? '2020-12' : '2020-11', values: { canteens: 1 } }
    case 'community_reviewer':
      return { ...base, indicatorCode: 'SW-AFF', period: purpose === 'submit' ? '2020-12' : '2020-11', values: { homeless_placed: 1, homeless_total: 1 } }
    case 'street_reviewer':
      return purpose === 'submit'
        ? { ...base, indicatorCode: 'SW-AID', period: '2020-Q4', values: { temp_aided: 1, temp_needed: 1 } }
        : { ...base, indicatorCode: 'YL-COVID', period: '2020-Q4', values: {}, narrative: '建立常态防控机制' }
    case 'admin':
      return purpose === 'submit'
        ? { ...base, indicatorCode: 'FLY-2', period: '2020-Q4', values: { land_done: 1 }, dates: { land_done: '2020-10-15' } }
        : { ...base, indicatorCode: 'QH-BORDER', period: '2020-Q4', values: { info_progress: 0.5 } }
  }
}

/** A submitted report a reviewer may approve, fresh per cell (approving changes it). */
const REVIEWABLE_GRID: Record<Signed, string> = {
  grid_worker: GRID_WORKER_UNIT,
  community_reviewer: 'qk-s11-c01-g3',
  street_reviewer: 'qk-s11-c01-g4',
  admin: 'qk-s11-c01-g5'
}

/** A fresh unit name for the org cells (names are unique among siblings). */
const orgName = () => `矩阵${clientId('o').replace(/[^a-z0-9]/gi, '').slice(-10)}`
/** A fresh unit under `parentId`, made by the admin, for an org cell to act on. */
async function freshUnit(fx: { s: Running }, parentId: string): Promise<string> {
  const res = await fx.s.call('org.create', { parentId, name: orgName() }, fx.s.tokenFor(ADMIN))
  if (!res.body.ok) throw new Error(JSON.stringify(res.body))
  return res.body.data.unit.id
}
const freshGrid = (fx: { s: Running }) => freshUnit(fx, 'qk-s11-c01')
/** A unit outside the admin's district: NOT_FOUND for the admin (not revealed), refused by role for the rest. */
const outsideTree = (role: Role) => ({
  expect: role === 'admin' ? ({ code: 'NOT_FOUND' } as Outcome) : adminOnly(role),
  ...(role === 'admin' ? { note: 'a unit outside the admin’s district is NOT_FOUND (not revealed)' } : {})
})

const noPayloadSpec: Spec = (role) => ({
  in: { payload: () => ({}), expect: signedIn(role, OK) },
  // No target to choose: whose data it is comes from the session alone, and
  // a body that names someone is refused as input.
  out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: signedIn(role, BAD), note: 'no target exists: a body naming another person is BAD_INPUT' }
})

/** The 自查表 actions: reviewers and the bureau, within their subtree; never grid workers. */
const tableEditor = (role: Role, outcome: Outcome): Outcome => (role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : outcome)
const exportSpec =
  (extra: Record<string, unknown>): Spec =>
  (role) => ({
    in: { payload: () => ({ orgUnitId: OWN[asSigned(role)], year: 2020, ...extra }), expect: tableEditor(role, OK), ...(role === 'grid_worker' ? { note: 'grid workers neither export nor rewrite the table' } : {}) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)], year: 2020, ...extra }), expect: tableEditor(role, FORBIDDEN) }
  })

const MATRIX: Record<string, Spec> = {
  me: noPayloadSpec,
  // Ends the caller's own sessions (the next cell's token is of the new generation).
  logout: noPayloadSpec,
  catalog: noPayloadSpec,
  pending: noPayloadSpec,
  'reminders.status': noPayloadSpec,
  'reminders.grant': (role) => ({
    in: { payload: () => ({ templateId: 'gebao-demo-pending', result: 'accept' }), expect: signedIn(role, OK) },
    out: { payload: () => ({ templateId: 'gebao-demo-pending', result: 'accept', personId: OTHER_GRID_WORKER }), expect: signedIn(role, BAD), note: 'grants are the caller’s own: naming another person is BAD_INPUT' }
  }),
  'reminders.run': (role) => ({
    in: { payload: () => ({}), expect: adminOnly(role) },
    out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: signedIn(role, BAD), note: 'no target exists; a body naming someone is BAD_INPUT, checked before the role' }
  }),
  'export.table': exportSpec({}),
  'export.file': exportSpec({ format: 'xlsx' }),
  'export.narrative': exportSpec({ indicatorCode: 'YL-133', text: '按时完成。' }),
  'export.narrativeHistory': exportSpec({ indicatorCode: 'YL-133' }),
  completeness: (role) => ({
    in: { payload: () => ({ indicatorCode: 'YL-133', year: 2020 }), expect: tableEditor(role, OK), ...(role === 'grid_worker' ? { note: 'the completeness view is for reviewers' } : {}) },
    out: { payload: () => ({ indicatorCode: 'YL-133', year: 2020, streetId: OTHER[asSigned(role)] }), expect: tableEditor(role, FORBIDDEN) }
  }),
  'completeness.file': (role) => ({
    in: { payload: () => ({ indicatorCode: 'YL-133', year: 2020 }), expect: tableEditor(role, OK) },
    out: { payload: () => ({ indicatorCode: 'YL-133', year: 2020, streetId: OTHER[asSigned(role)] }), expect: tableEditor(role, FORBIDDEN) }
  }),
  'completeness.remind': (role) => ({
    // 张晓梅's grid, beneath every reviewer's unit; at most one message a day however often it is asked.
    in: { payload: () => ({ orgUnitId: GRID_WORKER_UNIT }), expect: tableEditor(role, OK), ...(role === 'grid_worker' ? { note: 'only reviewers remind' } : {}) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)] }), expect: tableEditor(role, FORBIDDEN) }
  }),
  'plan.import': (role) => ({
    in: { payload: async () => ({ name: '2020年自查表.xlsx', base64: (await seedXlsx()).toString('base64') }), expect: adminOnly(role) },
    out: {
      payload: async () => ({ name: '2020年自查表.xlsx', base64: (await seedXlsx()).toString('base64'), orgUnitId: OTHER[asSigned(role)] }),
      expect: signedIn(role, BAD),
      note: 'a draft belongs to no unit: a body naming one is BAD_INPUT, checked before the role'
    }
  }),
  'reminders.outbox': (role) => ({
    in: { payload: () => ({ personId: GRID_WORKER }), expect: adminOnly(role) },
    out: {
      payload: () => ({ personId: OTHER_DISTRICT_WORKER.id }),
      expect: adminOnly(role),
      note: 'not scoped by unit: one bureau per deployment, so the admin reads every outbox entry (another district’s person included)'
    }
  }),
  bind: () => ({
    // The invite code is the credential; a session, if any, is irrelevant.
    in: {
      payload: async (fx) => {
        const id = `u-bind-${clientId('p').toLowerCase().replace(/[^a-z0-9-]/g, '')}`.slice(0, 60)
        const res = await fx.s.call('invite.create', { person: { id, name: '新人', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g7' } }, fx.s.tokenFor(ADMIN))
        if (!res.body.ok) throw new Error(JSON.stringify(res.body))
        return { code: res.body.data.code }
      },
      expect: OK
    },
    out: { payload: (fx) => ({ code: fx.usedInvite }), expect: { code: 'NOT_FOUND' }, note: 'a code already bound to someone else cannot be taken over, and says no more than a code that never existed' }
  }),
  submit: (role) => ({
    in: { payload: () => ({ report: ownDraft(asSigned(role), 'submit') }), expect: signedIn(role, OK) },
    out: { payload: () => ({ report: ownDraft(asSigned(role), 'submit', OTHER[asSigned(role)]) }), expect: signedIn(role, FORBIDDEN) }
  }),
  sync: (role) => ({
    in: { payload: () => ({ reports: [ownDraft(asSigned(role), 'sync')] }), expect: signedIn(role, OK) },
    out: { payload: () => ({ reports: [ownDraft(asSigned(role), 'sync', OTHER[asSigned(role)])] }), expect: signedIn(role, { item: 'FORBIDDEN' }) }
  }),
  review: (role) => ({
    in: {
      payload: async (fx) => {
        const r = role === 'grid_worker' || role === 'none' ? { id: fx.reportIn.grid_worker, version: 1 } : await gridReport(fx.s, REVIEWABLE_GRID[role])
        return { reportId: r.id, version: r.version, decision: 'approve' }
      },
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK,
      ...(role === 'grid_worker' ? { note: 'grid workers review nothing, their own grid included' } : {})
    },
    out: {
      payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)], version: 1, decision: 'approve' }),
      expect: role === 'grid_worker' ? FORBIDDEN : signedIn(role, NOT_FOUND),
      note: 'a report outside the area answers like one that does not exist'
    }
  }),
  'review.batch': (role) => ({
    in: {
      payload: async (fx) => {
        const r = role === 'grid_worker' || role === 'none' ? { id: fx.reportIn.grid_worker, version: 1 } : await gridReport(fx.s, REVIEWABLE_GRID[role], '2020-11')
        return { items: [{ reportId: r.id, version: r.version }] }
      },
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK
    },
    out: {
      payload: (fx) => ({ items: [{ reportId: fx.reportOut[asSigned(role)], version: 1 }] }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : { item: 'NOT_FOUND' },
      note: 'each item answers on its own; one outside the area is NOT_FOUND'
    }
  }),
  'review.context': (role) => ({
    in: { payload: (fx) => ({ reportId: fx.reportIn[asSigned(role)] }), expect: signedIn(role, OK) },
    out: { payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)] }), expect: signedIn(role, NOT_FOUND), note: 'a report outside the area answers like one that does not exist' }
  }),
  // YL-CHAIN: YL-133 reviewed community → street → district (seeded below).
  'signoff.view': (role) => ({
    in: { payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12' }), expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK },
    out: { payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', unitId: OTHER[asSigned(role)] }), expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : NOT_FOUND }
  }),
  signoff: (role) => ({
    in: {
      // Each level on the unit it answers for: the community marks a grid 未报, the street returns a community, the bureau a street.
      payload: () => ({
        indicatorCode: 'YL-CHAIN',
        period: '2020-12',
        version: 0,
        ...(role === 'community_reviewer' ? { unitId: 'qk-s11-c01-g2', decision: 'missing', comment: '本月网格员空缺' } : role === 'street_reviewer' ? { unitId: 'qk-s11-c01', decision: 'return', comment: '请核对' } : { unitId: 'qk-s11', decision: 'return', comment: '请核对' })
      }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK
    },
    out: {
      payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', version: 0, unitId: OTHER[asSigned(role)], decision: 'return', comment: '请核对' }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : NOT_FOUND
    }
  }),
  'signoff.batch': (role) => ({
    in: {
      // Nothing here is ready to sign: each item is refused on its own and nothing changes.
      payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', items: [{ unitId: role === 'community_reviewer' ? 'qk-s11-c01-g1' : role === 'street_reviewer' ? 'qk-s11-c02' : 'qk-s01', version: 0 }] }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : { item: 'BAD_INPUT' }
    },
    out: {
      payload: () => ({ indicatorCode: 'YL-CHAIN', period: '2020-12', items: [{ unitId: OTHER[asSigned(role)], version: 0 }] }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : { item: 'NOT_FOUND' }
    }
  }),
  reports: (role) => ({
    in: { payload: () => ({ orgUnitId: OWN[asSigned(role)] }), expect: signedIn(role, OK) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)] }), expect: signedIn(role, FORBIDDEN) }
  }),
  history: (role) => ({
    in: { payload: (fx) => ({ reportId: fx.reportIn[asSigned(role)] }), expect: signedIn(role, OK) },
    out: { payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)] }), expect: signedIn(role, NOT_FOUND), note: 'a report outside the area answers like one that does not exist' }
  }),
  'evidence.links': (role) => ({
    in: { payload: (fx) => ({ reportId: fx.reportIn[asSigned(role)], ids: ['cloud://gebao-test.6765/evidence/1608429600000-k3j9x0qa.jpg'] }), expect: signedIn(role, OK) },
    out: { payload: (fx) => ({ reportId: fx.reportOut[asSigned(role)], ids: ['cloud://gebao-test.6765/evidence/1608429600000-k3j9x0qa.jpg'] }), expect: signedIn(role, NOT_FOUND), note: 'a report outside the area answers like one that does not exist' }
  }),
  progress: (role) => ({
    in: { payload: () => ({ orgUnitId: OWN[asSigned(role)], period: '2020' }), expect: signedIn(role, OK) },
    out: { payload: () => ({ orgUnitId: OTHER[asSigned(role)], period: '2020' }), expect: signedIn(role, FORBIDDEN) }
  }),
  'indicator.put': (role) => ({
    in: { payload: async (fx) => ({ indicator: { ...(await fx.s.server.store.getIndicator('SQ-GOV', 2020)), title: '社区治理' } }), expect: adminOnly(role) },
    // The catalog is the bureau's; there is no indicator outside its scope.
    // Out of scope for anyone else is the same request: still refused.
    out: {
      payload: async (fx) => ({ indicator: { ...(await fx.s.server.store.getIndicator('YL-133', 2020)), reportLevel: 'district' } }),
      expect: adminOnly(role),
      note: 'the catalog is district-wide: no indicator lies outside the bureau’s scope'
    }
  }),
  'indicator.assign': (role) => ({
    in: { payload: () => ({ code: 'SQ-GOV', reportLevel: 'community' }), expect: adminOnly(role) },
    out: { payload: () => ({ code: 'YL-BED', reportLevel: 'grid' }), expect: adminOnly(role), note: 'the catalog is district-wide: no indicator lies outside the bureau’s scope' }
  }),
  'plan.copy': (role) => ({
    in: { payload: () => ({ year: 2020 }), expect: adminOnly(role) },
    out: { payload: () => ({ year: 2020 }), expect: adminOnly(role), note: 'plans are district-wide: no plan lies outside the bureau’s scope' }
  }),
  'plan.years': noPayloadSpec,
  'plan.list': (role) => ({
    in: { payload: () => ({ year: 2020 }), expect: signedIn(role, OK) },
    out: { payload: () => ({ year: 2020 }), expect: signedIn(role, OK), note: 'plans are district-wide and read by every unit (as catalog gives them)' }
  }),
  'plan.publish': (role) => ({
    in: { payload: async (fx) => ({ year: 2020, dryRun: true, indicators: [{ ...(await fx.s.server.store.getIndicator('SQ-GOV', 2020)), title: '社区治理' }] }), expect: adminOnly(role) },
    out: { payload: () => ({ year: 2020, dryRun: true, indicators: [] }), expect: adminOnly(role), note: 'plans are district-wide: no plan lies outside the bureau’s scope' }
  }),
  'period.open': (role) => ({
    in: {
      // YL-BED: other cells move YL-133 to another level.
      payload: () => ({ indicatorCode: 'YL-BED', orgUnitId: REVIEWABLE_GRID[asSigned(role)], period: '2020-Q2', until: '2020-12-31', reason: '补报二季度' }),
      expect: role === 'none' ? UNAUTH : role === 'grid_worker' ? FORBIDDEN : OK,
      ...(role === 'grid_worker' ? { note: 'only reviewers open a closed period' } : {})
    },
    out: { payload: () => ({ indicatorCode: 'YL-BED', orgUnitId: OTHER_DISTRICT[3].id, period: '2020-Q2', until: '2020-12-31', reason: '补报二季度' }), expect: role === 'none' ? UNAUTH : FORBIDDEN }
  }),
  'plan.allocate': (role) => ({
    // The bureau splits the district's target; a street splits its own share; no one else splits.
    in: {
      payload: () => ({ code: 'YL-133', year: 2020, targetId: 'canteens', parentId: role === 'street_reviewer' ? 'qk-s11' : 'qk', shares: [{ unitId: role === 'street_reviewer' ? 'qk-s11-c01' : 'qk-s11', value: 1 }] }),
      expect: role === 'none' ? UNAUTH : role === 'admin' || role === 'street_reviewer' ? OK : role === 'grid_worker' || role === 'community_reviewer' ? { code: 'NOT_FOUND' } : FORBIDDEN,
      ...(role === 'grid_worker' || role === 'community_reviewer' ? { note: 'a unit above the caller is NOT_FOUND (not revealed)' } : {})
    },
    out: {
      payload: () => ({ code: 'YL-133', year: 2020, targetId: 'canteens', parentId: 'qk-s01', shares: [{ unitId: 'qk-s01-c01', value: 1 }] }),
      expect: role === 'none' ? UNAUTH : role === 'admin' ? OK : { code: 'NOT_FOUND' },
      ...(role === 'admin' ? {} : { note: 'another street is NOT_FOUND (not revealed)' })
    }
  }),
  'plan.backfill': (role) => ({
    in: { payload: () => ({ year: 2020, name: '补录.csv', base64: Buffer.from('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,canteens,1\n').toString('base64'), dryRun: true }), expect: adminOnly(role) },
    out: {
      payload: () => ({ year: 2020, name: '补录.csv', base64: Buffer.from('单位,指标,期间,字段,数值\nxx-s01-c01-g1,YL-133,2020-03,canteens,1\n').toString('base64'), dryRun: false }),
      expect: role === 'admin' ? BAD : adminOnly(role),
      ...(role === 'admin' ? { note: 'a unit outside the admin’s district is refused as unknown (not revealed); nothing is written' } : {})
    }
  }),
  'rollups.rebuild': (role) => ({
    in: { payload: () => ({ code: 'YL-133', year: 2020 }), expect: adminOnly(role) },
    out: { payload: () => ({}), expect: adminOnly(role), note: 'roll-ups are district-wide: nothing lies outside the bureau’s scope' }
  }),
  'org.tree': (role) => ({
    in: { payload: () => ({}), expect: adminOnly(role) },
    out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: role === 'none' ? UNAUTH : BAD, note: 'no target exists: a body naming someone is BAD_INPUT' }
  }),
  'org.create': (role) => ({
    in: { payload: () => ({ parentId: 'qk-s11-c01', name: orgName() }), expect: adminOnly(role) },
    out: { payload: () => ({ parentId: OTHER_DISTRICT[2].id, name: orgName() }), ...outsideTree(role) }
  }),
  'org.rename': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx), name: orgName() }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id, name: orgName() }), ...outsideTree(role) }
  }),
  'org.population': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx), population: { residents: 100 } }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id, population: { residents: 100 } }), ...outsideTree(role) }
  }),
  'org.move': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx), parentId: 'qk-s11-c02' }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id, parentId: 'qk-s11-c01' }), ...outsideTree(role) }
  }),
  'org.merge': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshUnit(fx, 'qk-s11'), intoId: await freshUnit(fx, 'qk-s11') }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[2].id, intoId: 'qk-s11-c01' }), ...outsideTree(role) }
  }),
  'org.retire': (role) => ({
    in: { payload: async (fx) => ({ unitId: await freshGrid(fx) }), expect: adminOnly(role) },
    out: { payload: () => ({ unitId: OTHER_DISTRICT[3].id }), ...outsideTree(role) }
  }),
  'org.import': (role) => ({
    in: { payload: () => ({ name: '组织架构.csv', base64: Buffer.from('街道\n长丰街\n').toString('base64'), dryRun: true }), expect: adminOnly(role) },
    out: {
      payload: () => ({ name: '组织架构.csv', base64: Buffer.from('街道\n长丰街\n').toString('base64'), dryRun: true }),
      expect: adminOnly(role),
      note: 'the sheet names units under the admin’s own district only: nothing lies outside it'
    }
  }),
  'rollups.status': (role) => ({
    in: { payload: () => ({}), expect: adminOnly(role) },
    out: { payload: () => ({ personId: OTHER_GRID_WORKER }), expect: role === 'none' ? UNAUTH : BAD, note: 'no target exists: a body naming someone is BAD_INPUT' }
  }),
  'invite.create': (role) => ({
    in: { payload: () => ({ person: { id: `u-inv-${clientId('i').toLowerCase().replace(/[^a-z0-9-]/g, '')}`.slice(0, 60), name: '新人', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g6' } }), expect: adminOnly(role) },
    out: {
      payload: () => ({ person: { id: 'u-inv-out', name: '外人', role: 'grid_worker', orgUnitId: OTHER_DISTRICT[3].id } }),
      expect: role === 'admin' ? { code: 'NOT_FOUND' } : adminOnly(role),
      ...(role === 'admin' ? { note: 'a unit outside the admin’s district is NOT_FOUND (not revealed)' } : {})
    }
  }),
  ...peopleRows()
}

/** A fresh person of the admin's district for one cell (so changing them disturbs no other cell). */
async function freshPerson(fx: Fixtures, deactivated = false): Promise<string> {
  const res = await fx.s.call('people.add', { person: { name: '临时', role: 'grid_worker', orgUnitId: 'qk-s11-c02-g3' } }, fx.s.tokenFor(ADMIN))
  if (!res.body.ok) throw new Error(JSON.stringify(res.body))
  if (deactivated) await fx.s.call('people.deactivate', { personId: res.body.data.person.id }, fx.s.tokenFor(ADMIN))
  return res.body.data.person.id
}

function peopleRows(): Record<string, Spec> {
  const out =
    (payload: Cell['payload']) =>
    (role: Role): Cell => ({ payload, expect: role === 'admin' ? { code: 'NOT_FOUND' } : adminOnly(role), ...(role === 'admin' ? { note: 'a person or unit outside the admin’s district is NOT_FOUND (not revealed)' } : {}) })
  return {
    'people.list': (role) => ({ in: { payload: () => ({ unitId: 'qk-s11' }), expect: adminOnly(role) }, out: out(() => ({ unitId: OTHER_DISTRICT[3].id }))(role) }),
    'people.add': (role) => ({
      in: { payload: () => ({ person: { name: '新同事', role: 'grid_worker', orgUnitId: 'qk-s11-c02-g3' } }), expect: adminOnly(role) },
      out: {
        payload: () => ({ person: { name: '外人', role: 'grid_worker', orgUnitId: OTHER_DISTRICT[3].id } }),
        expect: role === 'admin' ? BAD : adminOnly(role),
        ...(role === 'admin' ? { note: 'a unit outside the district is refused next to the unit field, with the same message as a unit that does not exist' } : {})
      }
    }),
    'people.move': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx), orgUnitId: 'qk-s11-c02-g4' }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id, orgUnitId: 'qk-s11-c02-g4' }))(role)
    }),
    'people.setRole': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx), role: 'community_reviewer', orgUnitId: 'qk-s11-c02' }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id, role: 'community_reviewer', orgUnitId: 'qk-s11-c02' }))(role)
    }),
    'people.deactivate': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx) }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id }))(role)
    }),
    'people.reactivate': (role) => ({
      in: { payload: async (fx) => ({ personId: await freshPerson(fx, true) }), expect: adminOnly(role) },
      out: out(() => ({ personId: OTHER_DISTRICT_WORKER.id }))(role)
    }),
    'invite.community': (role) => ({
      in: { payload: () => ({ communityId: 'qk-s11-c02', rows: [{ name: '新网格员', orgUnitId: 'qk-s11-c02-g3' }] }), expect: adminOnly(role) },
      out: out(() => ({ communityId: OTHER_DISTRICT[2].id }))(role)
    })
  }
}

describe('authorization matrix: every action × every role × in and out of scope', () => {
  let fx: Fixtures
  beforeAll(async () => {
    const s = await startServer(undefined, { rateLimits: UNLIMITED })
    await s.server.store.putOrgUnits(OTHER_DISTRICT)
    await s.server.store.putPeople([OTHER_DISTRICT_WORKER])
    const yl = await s.server.store.getIndicator('YL-133', 2020)
    await s.server.store.putIndicator({ ...yl!, code: 'YL-CHAIN', seq: 990, reviewChain: ['community', 'street', 'district'] })
    // Targets for reads and refused reviews: one report in each role's
    // scope and one just outside it.
    const own = await submitAs(s, GRID_WORKER, 'YL-133', GRID_WORKER_UNIT, '2020-10', { canteens: 1 })
    const neighbour = await submitAs(s, 'u-grid-2', 'YL-133', 'qk-s11-c01-g2', '2020-10', { canteens: 1 })
    const otherCommunity = await gridReport(s, 'qk-s11-c02-g1', '2020-10')
    const otherStreet = await submitAs(s, OTHER_GRID_WORKER, 'YL-133', 'qk-s01-c01-g1', '2020-10', { canteens: 1 })
    const otherDistrict = await submitAs(s, OTHER_DISTRICT_WORKER.id, 'YL-133', OTHER_DISTRICT_WORKER.orgUnitId, '2020-10', { canteens: 1 })
    const invite = await s.call('invite.create', { person: { id: 'u-bound', name: '已绑', role: 'grid_worker', orgUnitId: 'qk-s11-c02-g2' } }, s.tokenFor(ADMIN))
    expect((await s.call('bind', { code: invite.body.data.code })).body.ok).toBe(true)
    fx = {
      s,
      reportIn: { grid_worker: own.id, community_reviewer: neighbour.id, street_reviewer: neighbour.id, admin: neighbour.id },
      reportOut: { grid_worker: neighbour.id, community_reviewer: otherCommunity.id, street_reviewer: otherStreet.id, admin: otherDistrict.id },
      usedInvite: invite.body.data.code
    }
  })
  afterAll(async () => {
    await fx?.s.stop()
  })

  test('every action in ACTION_TABLE has a row, and no row names an action that is not there', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTION_TABLE.keys()].sort())
  })

  const cells = Object.keys(MATRIX).flatMap((action) =>
    ROLES.flatMap((role) => {
      const spec = MATRIX[action](role)
      return (['in', 'out'] as const).map((scope) => ({ action, role, scope, cell: spec[scope] }))
    })
  )

  test('the matrix has a cell for every action × role × scope', () => {
    expect(cells).toHaveLength(ACTION_TABLE.size * ROLES.length * 2)
  })

  const label = (o: Outcome) => ('ok' in o ? 'allowed' : 'code' in o ? o.code : `item ${o.item}`)

  test.each(cells.map((c) => [`${c.action} × ${c.role} × ${c.scope} → ${label(c.cell.expect)}`, c] as const))('%s', async (_name, { role, action, cell }) => {
    const payload = await cell.payload(fx)
    const { res, unchanged } = await expectRefusedUnchanged(fx.s, PERSON[role], action, payload)
    const expected = cell.expect
    if ('ok' in expected) {
      expect({ status: res.status, body: res.body.ok ? 'ok' : res.body.error }).toEqual({ status: 200, body: 'ok' })
      if (action === 'sync') expect(res.body.data.results.map((r: any) => r.status)).toEqual(['accepted'])
    } else if ('item' in expected) {
      expect(res.status).toBe(200)
      expect(res.body.data.results).toEqual([expect.objectContaining({ status: 'rejected', error: expect.objectContaining({ code: expected.item }) })])
      expect(unchanged).toBe(true)
    } else {
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: ERROR_CODES[expected.code].status, code: expected.code })
      expect(unchanged).toBe(true)
    }
  })
})

// ---------------------------------------------------------------------------
// 4. Faults of a real install (issue 12): each section names the fault.
// ---------------------------------------------------------------------------

import './faults/sessions'
// SQLite's own install faults (data-folder lock, writers, its migrations, a
// read-only file) read the SQLite file: in the SQLite run only, not in test:pg.
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (!process.env.DATABASE_URL) require('./faults/install')
import './faults/uploads'
import './faults/small'
