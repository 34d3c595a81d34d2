import { ERROR_CODES } from '../../src/core/errors'
import { ACTION_TABLE } from '../../cloud/api/router'
import { badInputCorpus, CORPUS_REPORT_ID, closedGaps, OTHER_STREET_REPORT_ID, type BadCase, type CategorizedCase, type FaultCategory } from './badInputs'
import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER, startServer, type Running } from './harness'
import { MATRIX } from './faults/matrix'
import { OTHER_DISTRICT, OTHER_DISTRICT_WORKER, PERSON, ROLES, gridReport, submitAs, type Fixtures, type Outcome } from './faults/roles'

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

type Who = string | null

/** The corpus and the matrix test answers, not rate limits (those have their own section). */
const UNLIMITED = { bindPerAddress: 1e6, bindPerCode: 1e6, signInPerAddress: 1e6 }

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
