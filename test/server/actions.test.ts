import { reportId } from '../../src/core/report'
import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER, startServer, STREET_REVIEWER, type Running } from './harness'

let s: Running
beforeAll(async () => {
  s = await startServer()
})
afterAll(async () => {
  await s.stop()
})

const draft = (over: Record<string, unknown> = {}) => ({
  clientId: clientId(),
  indicatorCode: 'YL-133',
  orgUnitId: GRID_WORKER_UNIT,
  period: '2020-12',
  values: { service_points: 2, canteens: 1, trainees: 300 },
  ...over
})

describe('identity', () => {
  test('no session: UNAUTHENTICATED in the envelope, with a Chinese message', async () => {
    const res = await s.call('me', {})
    expect(res.status).toBe(401)
    expect(res.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  })

  test('without a session, a malformed payload still answers UNAUTHENTICATED, not how to fix it', async () => {
    const res = await s.call('submit', { report: 'nonsense' })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('UNAUTHENTICATED')
    expect(res.body.error.issues).toBeUndefined()
  })

  test('a forged or tampered token is not a session', async () => {
    const token = s.tokenFor(GRID_WORKER)
    const [body] = token.split('.')
    const forged = `${Buffer.from(JSON.stringify({ sub: ADMIN, exp: 9e15 })).toString('base64url')}.${token.split('.')[1]}`
    expect((await s.call('me', {}, forged)).status).toBe(401)
    expect((await s.call('me', {}, `${body}.AAAA`)).status).toBe(401)
  })

  test('me names the person, role and unit from the session, not the body', async () => {
    const res = await s.call('me', {}, s.tokenFor(GRID_WORKER))
    expect(res.body.data).toMatchObject({ person: { id: GRID_WORKER, name: '张晓梅' }, roleLabel: '网格员', unit: { id: GRID_WORKER_UNIT } })
    // A payload naming someone else is refused outright, not obeyed.
    expect((await s.call('me', { personId: ADMIN }, s.tokenFor(GRID_WORKER))).status).toBe(400)
  })

  test('demo login lists people with their units and issues a session; an unknown person is refused', async () => {
    const people = await s.call('demo.people', {})
    expect(people.body.data.people.find((p: any) => p.id === GRID_WORKER)).toMatchObject({ name: '张晓梅', unitName: '园博北社区第1网格' })
    const ok = await fetch(`${s.base}/api/demo.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: COMMUNITY_REVIEWER }) })
    const body = (await ok.json()) as any
    expect((await s.call('me', {}, body.data.token)).body.data.person.id).toBe(COMMUNITY_REVIEWER)
    const bad = await fetch(`${s.base}/api/demo.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: 'ghost' }) })
    expect(bad.status).toBe(404)
  })

  test('the admin issues an invite; binding it once gives a session for that person; the code cannot be reused', async () => {
    const admin = s.tokenFor(ADMIN)
    const inv = await s.call('invite.create', { person: { id: 'u-new-1', name: '周新', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g3' } }, admin)
    expect(inv.body.ok).toBe(true)
    expect(inv.body.data.code).toMatch(/^[A-Z2-9]{8}$/)
    const bound = await s.call('bind', { code: inv.body.data.code.toLowerCase() })
    expect(bound.body.data.person.id).toBe('u-new-1')
    expect((await s.call('me', {}, bound.body.data.token)).body.data.unit.id).toBe('qk-s11-c01-g3')
    // A used code and one that never existed get one and the same answer.
    const again = await s.call('bind', { code: inv.body.data.code })
    expect(again.body.error.code).toBe('NOT_FOUND')
    expect((await s.call('bind', { code: 'ZZZZZZZZ' })).body.error).toEqual(again.body.error)
  })

  test('only the admin issues invites, and the role must fit the unit level', async () => {
    expect((await s.call('invite.create', { personId: GRID_WORKER }, s.tokenFor(STREET_REVIEWER))).body.error.code).toBe('FORBIDDEN')
    const mismatch = await s.call('invite.create', { person: { id: 'u-new-2', name: '错层', role: 'street_reviewer', orgUnitId: 'qk-s11-c01' } }, s.tokenFor(ADMIN))
    expect(mismatch.body.error.code).toBe('BAD_INPUT')
  })
})

describe('catalog and pending', () => {
  test('catalog: the nine indicators and the units around the caller', async () => {
    const res = await s.call('catalog', {}, s.tokenFor(STREET_REVIEWER))
    expect(res.body.data.indicators).toHaveLength(9)
    const levels = res.body.data.units.map((u: any) => u.level)
    expect(levels.filter((l: string) => l === 'district')).toHaveLength(1)
    expect(levels.filter((l: string) => l === 'street')).toHaveLength(1)
    expect(levels.filter((l: string) => l === 'community').length).toBeGreaterThan(5)
    expect(levels.filter((l: string) => l === 'grid').length).toBeGreaterThan(30)
  })

  test('pending: a grid worker owes the grid-level indicators for the open periods', async () => {
    const res = await s.call('pending', {}, s.tokenFor(OTHER_GRID_WORKER))
    const items = res.body.data.items
    expect(new Set(items.map((i: any) => i.indicatorCode))).toEqual(new Set(['YL-133', 'YL-BED']))
    const dec = items.find((i: any) => i.indicatorCode === 'YL-133' && i.period === '2020-12')
    expect(dec).toMatchObject({ state: 'due', dueDate: '2021-01-05' })
    const oct = items.find((i: any) => i.indicatorCode === 'YL-133' && i.period === '2020-10')
    expect(oct.state).toBe('overdue')
    expect(res.body.data.actionable).toBe(res.body.data.counts.due + res.body.data.counts.overdue)
  })
})

describe('submit, duplicates and conflicts', () => {
  test('a submit is stored once however often it is delivered', async () => {
    const token = s.tokenFor(GRID_WORKER)
    const d = draft({ period: '2020-11' })
    const first = await s.call('submit', { report: d }, token)
    expect(first.body.data.status).toBe('accepted')
    const before = await fingerprint(s)
    const second = await s.call('submit', { report: d }, token)
    expect(second.body.data.status).toBe('duplicate')
    expect(second.body.data.report.version).toBe(1)
    expect(await fingerprint(s)).toBe(before)
    const stored = await s.server.store.queryReports({ underPath: '/', indicatorCode: 'YL-133', period: '2020-11', limit: 100 })
    expect(stored.filter((r) => r.id === reportId('YL-133', GRID_WORKER_UNIT, '2020-11'))).toHaveLength(1)
  })

  test('an edit from the current version is accepted; from a stale one it gets CONFLICT with the server copy', async () => {
    const token = s.tokenFor(GRID_WORKER)
    await s.call('submit', { report: draft({ period: '2020-10' }) }, token)
    const edit = await s.call('submit', { report: draft({ period: '2020-10', baseVersion: 1, values: { trainees: 320 } }) }, token)
    expect(edit.body.data.report).toMatchObject({ version: 2, values: { trainees: 320 } })
    const before = await fingerprint(s)
    const stale = await s.call('submit', { report: draft({ period: '2020-10', baseVersion: 1, values: { trainees: 999 } }) }, token)
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', current: { version: 2, values: { trainees: 320 } } })
    // A second device that never saw the first report cannot overwrite it either.
    expect((await s.call('submit', { report: draft({ period: '2020-10' }) }, token)).body.error.code).toBe('CONFLICT')
    expect(await fingerprint(s)).toBe(before)
  })

  test("another worker's client id is refused without revealing their report", async () => {
    const mine = draft({ period: '2020-11', orgUnitId: 'qk-s01-c01-g1' })
    expect((await s.call('submit', { report: mine }, s.tokenFor(OTHER_GRID_WORKER))).body.data.status).toBe('accepted')
    const before = await fingerprint(s)
    const stolen = await s.call('submit', { report: { ...draft({ period: '2020-11' }), clientId: mine.clientId } }, s.tokenFor(GRID_WORKER))
    expect(stolen.body.error.code).toBe('BAD_INPUT')
    expect(JSON.stringify(stolen.body)).not.toContain('qk-s01')
    expect(await fingerprint(s)).toBe(before)
  })

  test('a future period is not open yet, and says so', async () => {
    const res = await s.call('submit', { report: draft({ period: '2021-01' }) }, s.tokenFor(GRID_WORKER))
    expect(res.body.error).toMatchObject({ code: 'BAD_INPUT', message: '这一期还没开始，不能提前填报' })
  })

  test('unknown keys inside a report are refused, not ignored', async () => {
    const res = await s.call('submit', { report: { ...draft(), status: 'approved' } }, s.tokenFor(GRID_WORKER))
    expect(res.body.error.code).toBe('BAD_INPUT')
  })

  test('a period past its grace window is closed', async () => {
    const before = await fingerprint(s)
    const res = await s.call('submit', { report: draft({ period: '2020-09' }) }, s.tokenFor(GRID_WORKER))
    expect(res.body.error).toMatchObject({ code: 'CLOSED', message: '这一期已经截止，不能再填报' })
    expect(await fingerprint(s)).toBe(before)
  })

  test('sync takes a batch with a result per item', async () => {
    const token = s.tokenFor(OTHER_GRID_WORKER)
    const unit = 'qk-s01-c01-g1'
    const a = draft({ orgUnitId: unit, period: '2020-12' })
    const res = await s.call(
      'sync',
      { reports: [a, a, draft({ orgUnitId: 'qk-s01-c01-g2', period: '2020-11' }), { clientId: 'broken-0001', values: 'x' }, draft({ orgUnitId: unit, period: '2020-11', values: { canteens: -1 } })] },
      token
    )
    expect(res.body.data.results.map((r: any) => [r.status, r.error?.code])).toEqual([
      ['accepted', undefined],
      ['duplicate', undefined],
      ['rejected', 'FORBIDDEN'],
      ['rejected', 'BAD_INPUT'],
      ['rejected', 'BAD_INPUT']
    ])
  })
})

describe('review, history and locks', () => {
  test('return with a comment, fix, approve (locked), reopen; every step in the history', async () => {
    const worker = s.tokenFor(GRID_WORKER)
    const reviewer = s.tokenFor(COMMUNITY_REVIEWER)
    const sub = await s.call('submit', { report: draft({ period: '2020-12', values: { service_points: 1, canteens: 0, trainees: 5000 } }) }, worker)
    const id = sub.body.data.report.id
    expect((await s.call('pending', {}, reviewer)).body.data.toReview.map((r: any) => r.reportId)).toContain(id)

    expect((await s.call('review', { reportId: id, version: 1, decision: 'return' }, reviewer)).body.error.code).toBe('BAD_INPUT')
    const ret = await s.call('review', { reportId: id, version: 1, decision: 'return', comment: '培训人次偏高，请核对', fields: ['trainees'] }, reviewer)
    expect(ret.body.data.report).toMatchObject({ status: 'returned', version: 2, returnedFields: ['trainees'], reviewComment: '培训人次偏高，请核对' })
    const inbox = (await s.call('pending', {}, worker)).body.data
    expect(inbox.items.find((i: any) => i.reportId === id)).toMatchObject({ state: 'returned', reviewComment: '培训人次偏高，请核对', returnedFields: ['trainees'] })

    const fix = await s.call('submit', { report: draft({ period: '2020-12', baseVersion: 2, values: { service_points: 1, canteens: 0, trainees: 500 } }) }, worker)
    expect(fix.body.data.report).toMatchObject({ status: 'submitted', version: 3 })
    const ok = await s.call('review', { reportId: id, version: 3, decision: 'approve' }, reviewer)
    expect(ok.body.data.report.status).toBe('approved')

    const locked = await s.call('submit', { report: draft({ period: '2020-12', baseVersion: 4, values: { trainees: 1 } }) }, worker)
    expect(locked.status).toBe(423)
    expect(locked.body.error.code).toBe('LOCKED')

    const reopened = await s.call('review', { reportId: id, version: 4, decision: 'reopen', comment: '数据有误需更正' }, reviewer)
    expect(reopened.body.data.report.status).toBe('submitted')

    const h = await s.call('history', { reportId: id }, reviewer)
    expect(h.body.data.entries.map((e: any) => e.action)).toEqual(['submit', 'return', 'edit', 'approve', 'reopen'])
    expect(h.body.data.entries[2].changes).toEqual([{ field: 'trainees', from: 5000, to: 500 }])
    expect(h.body.data.entries[1]).toMatchObject({ actorName: '王芳', comment: '培训人次偏高，请核对' })
  })

  test('reports lists what is in scope, newest first, filtered by status', async () => {
    const res = await s.call('reports', { status: 'submitted', limit: 5 }, s.tokenFor(STREET_REVIEWER))
    expect(res.body.data.reports.length).toBeGreaterThan(0)
    const times = res.body.data.reports.map((r: any) => r.updatedAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(res.body.data.reports.every((r: any) => r.status === 'submitted' && r.unitPath.startsWith('/qk/qk-s11/'))).toBe(true)
  })
})

describe('authorization: out of scope is FORBIDDEN and changes nothing', () => {
  test.each([
    ['grid worker writes another grid', OTHER_GRID_WORKER, 'submit', () => ({ report: draft() })],
    ['grid worker writes a community indicator', GRID_WORKER, 'submit', () => ({ report: draft({ indicatorCode: 'SQ-GOV', period: '2020-Q4', values: { counseling_projects: 1 } }) })],
    ['community reviewer writes a grid indicator for a grid', COMMUNITY_REVIEWER, 'submit', () => ({ report: draft() })],
    ['grid worker reviews', GRID_WORKER, 'review', () => ({ reportId: reportId('YL-133', GRID_WORKER_UNIT, '2020-11'), version: 1, decision: 'approve' })],
    ['a street reviewer of another street', STREET_REVIEWER, 'progress', () => ({ orgUnitId: 'qk-s01', period: '2020' })],
    ['a grid worker reads the district', GRID_WORKER, 'progress', () => ({ orgUnitId: 'qk', period: '2020' })],
    ['a reviewer edits indicators', STREET_REVIEWER, 'indicator.assign', () => ({ code: 'YL-133', reportLevel: 'community' })],
    ['a community reviewer lists another community', COMMUNITY_REVIEWER, 'reports', () => ({ orgUnitId: 'qk-s11-c02' })]
  ])('%s', async (_name, who, action, payload) => {
    const before = await fingerprint(s)
    const res = await s.call(action, payload(), s.tokenFor(who))
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    expect(await fingerprint(s)).toBe(before)
  })
})

test('a grid worker asking for another grid’s history gets the answer of a report that does not exist, nothing changed', async () => {
  const before = await fingerprint(s)
  const res = await s.call('history', { reportId: reportId('YL-133', GRID_WORKER_UNIT, '2020-11') }, s.tokenFor(OTHER_GRID_WORKER))
  expect(res.status).toBe(404)
  expect(res.body.error).toEqual((await s.call('history', { reportId: reportId('YL-133', 'qk-s11-c01-g9', '2020-11') }, s.tokenFor(OTHER_GRID_WORKER))).body.error)
  expect(await fingerprint(s)).toBe(before)
})

describe('admin', () => {
  test('edit an indicator and move it to another level', async () => {
    const admin = s.tokenFor(ADMIN)
    const cat = (await s.call('catalog', {}, admin)).body.data.indicators
    const ind = cat.find((i: any) => i.code === 'SQ-GOV')
    const put = await s.call('indicator.put', { indicator: { ...ind, title: '社区治理能力提升' } }, admin)
    expect(put.body.data.indicator.title).toBe('社区治理能力提升')
    const moved = await s.call('indicator.assign', { code: 'SQ-GOV', reportLevel: 'street' }, admin)
    expect(moved.body.data.indicator.reportLevel).toBe('street')
    await s.call('indicator.assign', { code: 'SQ-GOV', reportLevel: 'community' }, admin)
    const bad = await s.call('indicator.put', { indicator: { ...ind, targets: [{ id: 'x', kind: 'count', label: 'x', field: 'nope', min: 1 }] } }, admin)
    expect(bad.body.error.code).toBe('BAD_INPUT')
  })
})
