import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, type Running } from './harness'

/** The people screen's actions through the real HTTP server and database. */
let s: Running
beforeAll(async () => {
  s = await startServer()
})
afterAll(async () => {
  await s.stop()
})

const admin = () => s.tokenFor(ADMIN)

async function submitAs(who: string, orgUnitId: string) {
  const res = await s.call('submit', { report: { clientId: clientId('p'), indicatorCode: 'YL-133', orgUnitId, period: '2020-12', values: { canteens: 1 } } }, s.tokenFor(who))
  if (!res.body.ok) throw new Error(JSON.stringify(res.body.error))
  return res.body.data.report as { id: string }
}

test('people.list pages the subtree by a stable cursor: every person once, none skipped', async () => {
  const seen: string[] = []
  let after: string | undefined
  for (let i = 0; i < 50; i++) {
    const res = await s.call('people.list', { unitId: 'qk-s11', limit: 2, ...(after ? { after } : {}) }, admin())
    expect(res.body.ok).toBe(true)
    seen.push(...res.body.data.people.map((p: any) => p.id))
    if (!res.body.data.next) break
    after = res.body.data.next
  }
  const all = (await s.server.store.peopleUnder('/qk/qk-s11/', null, 1000)).map((p) => p.id)
  expect(seen).toEqual(all)
  expect(new Set(seen).size).toBe(seen.length)
  expect(seen).toContain(GRID_WORKER)
  const row = (await s.call('people.list', { unitId: GRID_WORKER_UNIT }, admin())).body.data.people[0]
  expect(row).toMatchObject({ id: GRID_WORKER, roleLabel: '网格员', active: true, unitLabel: expect.stringMatching(/ · .*（网格）$/) })
})

test('deactivating ends a live session at once (the old token gets UNAUTHENTICATED); the reports stay; reactivating lets them sign in again', async () => {
  const add = await s.call('people.add', { person: { name: '王小二', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g5' } }, admin())
  const id = add.body.data.person.id as string
  const token = s.tokenFor(id)
  const report = await submitAs(id, 'qk-s11-c01-g5')
  expect((await s.call('me', {}, token)).body.ok).toBe(true)

  const off = await s.call('people.deactivate', { personId: id }, admin())
  expect(off.body.data.person).toMatchObject({ active: false, deactivatedAt: expect.any(String) })
  const me = await s.call('me', {}, token)
  expect({ status: me.status, code: me.body.error.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' })
  // Even a freshly signed token of their current generation calls nothing.
  expect((await s.call('me', {}, s.tokenFor(id))).body.error.code).toBe('UNAUTHENTICATED')
  // A new code for them is refused, and a code made before does not bind.
  expect((await s.call('invite.create', { personId: id }, admin())).body.error.code).toBe('NOT_FOUND')
  expect(await s.server.store.getReport(report.id)).toMatchObject({ id: report.id, submittedBy: id })

  await s.call('people.reactivate', { personId: id }, admin())
  const inv = await s.call('invite.create', { personId: id }, admin())
  const bound = await s.call('bind', { code: inv.body.data.code })
  expect(bound.body.ok).toBe(true)
  expect((await s.call('me', {}, bound.body.data.token)).body.data.person.id).toBe(id)
})

test('moving a person or changing their role ends their sessions; the rule of levels is core’s, refused next to the field', async () => {
  const id = (await s.call('people.add', { person: { name: '李四', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g6' } }, admin())).body.data.person.id
  const t1 = s.tokenFor(id)
  expect((await s.call('people.move', { personId: id, orgUnitId: 'qk-s11-c01-g7' }, admin())).body.data.person.orgUnitId).toBe('qk-s11-c01-g7')
  expect((await s.call('me', {}, t1)).body.error.code).toBe('UNAUTHENTICATED')
  const t2 = s.tokenFor(id)
  const promoted = await s.call('people.setRole', { personId: id, role: 'community_reviewer', orgUnitId: 'qk-s11-c01' }, admin())
  expect(promoted.body.data.person).toMatchObject({ role: 'community_reviewer', roleLabel: '社区审核员' })
  expect((await s.call('me', {}, t2)).body.error.code).toBe('UNAUTHENTICATED')

  const before = await fingerprint(s)
  const wrong = await s.call('people.setRole', { personId: id, role: 'street_reviewer' }, admin())
  expect(wrong.status).toBe(400)
  expect(wrong.body.error.issues).toEqual([{ path: 'role', message: expect.stringContaining('街道审核员只能设在街道一级') }])
  const self = await s.call('people.deactivate', { personId: ADMIN }, admin())
  expect(self.body.error.message).toContain('不能修改自己')
  expect(await fingerprint(s)).toBe(before)
})

test('invite.community: one code per row, each with its expiry; a bad row leaves nothing, and a code signs its person in', async () => {
  const before = await fingerprint(s)
  const bad = await s.call('invite.community', { communityId: 'qk-s11-c02', rows: [{ name: '甲', orgUnitId: 'qk-s11-c02-g1' }, { name: '乙', orgUnitId: 'qk-s11-c01-g1' }] }, admin())
  expect(bad.status).toBe(400)
  expect(bad.body.error.issues).toEqual([{ path: 'rows.1.orgUnitId', message: expect.stringContaining('不在') }])
  expect(await fingerprint(s)).toBe(before)

  const res = await s.call('invite.community', { communityId: 'qk-s11-c02', rows: [{ name: '甲', orgUnitId: 'qk-s11-c02-g1' }, { name: '乙', orgUnitId: 'qk-s11-c02-g2' }] }, admin())
  expect(res.body.ok).toBe(true)
  const { invites, community } = res.body.data
  expect(community.label).toMatch(/ · /)
  expect(invites).toHaveLength(2)
  for (const inv of invites) expect(inv).toMatchObject({ code: expect.stringMatching(/^[A-Z2-9]{8}$/), expiresAt: expect.any(String), roleLabel: '网格员', unitLabel: expect.stringContaining(' · ') })
  expect(new Set(invites.map((i: any) => i.code)).size).toBe(2)

  // Without rows: a fresh code for every active grid worker of the community.
  const again = await s.call('invite.community', { communityId: 'qk-s11-c02' }, admin())
  expect(again.body.data.invites.map((i: any) => i.name).sort()).toEqual(expect.arrayContaining(['乙', '甲']))

  const bound = await s.call('bind', { code: invites[1].code })
  expect(bound.body.data.person).toMatchObject({ name: '乙', orgUnitId: 'qk-s11-c02-g2' })
  expect((await s.call('bind', { code: invites[1].code })).body.error.code).toBe('NOT_FOUND')
})

test('invite.create with a new person whose id is taken leaves neither person nor invite (one transaction)', async () => {
  const before = await fingerprint(s)
  const res = await s.call('invite.create', { person: { id: GRID_WORKER, name: '冒名', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g2' } }, admin())
  expect(res.body.error.code).toBe('CONFLICT')
  expect(await fingerprint(s)).toBe(before)
})

test('only the bureau manages people', async () => {
  const res = await s.call('people.list', {}, s.tokenFor(COMMUNITY_REVIEWER))
  expect(res.body.error.code).toBe('FORBIDDEN')
})
