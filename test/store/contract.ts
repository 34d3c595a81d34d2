import type { OrgUnit } from '../../src/core/org'
import { reportId } from '../../src/core/report'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { OutboxEntry, ReportWrite, Store, StoredReport } from '../../cloud/store/types'
import { PersonExists } from '../../cloud/store/types'

/**
 * The behaviour every Store adapter must show, run against each of them.
 * `make` returns a fresh, empty store.
 */
export function storeContract(name: string, make: () => Promise<Store>): void {
  const district: OrgUnit = { id: 'd', name: '区', level: 'district', parentId: null, path: '/d/' }
  const s1: OrgUnit = { id: 'd-s1', name: '街一', level: 'street', parentId: 'd', path: '/d/d-s1/' }
  const s10: OrgUnit = { id: 'd-s10', name: '街十', level: 'street', parentId: 'd', path: '/d/d-s10/' }
  const c1: OrgUnit = { id: 'd-s1-c1', name: '社区一', level: 'community', parentId: 'd-s1', path: '/d/d-s1/d-s1-c1/' }
  const g1: OrgUnit = { id: 'd-s1-c1-g1', name: '网格一', level: 'grid', parentId: 'd-s1-c1', path: '/d/d-s1/d-s1-c1/d-s1-c1-g1/' }
  const g2: OrgUnit = { id: 'd-s1-c1-g2', name: '网格二', level: 'grid', parentId: 'd-s1-c1', path: '/d/d-s1/d-s1-c1/d-s1-c1-g2/' }
  const g10: OrgUnit = { id: 'd-s10-c1-g1', name: '网格十', level: 'grid', parentId: 'd-s10', path: '/d/d-s10/d-s10-c1-g1/' }
  const units = [district, s1, s10, c1, g1, g2, g10]
  const ind = SEED_INDICATORS[0]
  const worker = { id: 'p1', name: '张三', role: 'grid_worker' as const, orgUnitId: g1.id }

  const report = (over: Partial<StoredReport> = {}): StoredReport => ({
    id: reportId(ind.code, g1.id, '2020-11'),
    clientId: 'client-0001',
    indicatorCode: ind.code,
    orgUnitId: g1.id,
    unitPath: g1.path,
    period: '2020-11',
    values: { canteens: 1 },
    dates: {},
    narrative: '',
    evidence: [],
    reasons: {},
    status: 'submitted',
    version: 1,
    submittedBy: worker.id,
    submittedAt: '2020-12-01T00:00:00.000Z',
    onTime: true,
    updatedAt: '2020-12-01T00:00:00.000Z',
    returnedFields: [],
    verdicts: {},
    ...over
  })
  const write = (r: StoredReport, over: Partial<ReportWrite> = {}): ReportWrite => ({
    report: r,
    expectedVersion: r.version - 1,
    clientId: r.clientId,
    expectedYearStamp: 0,
    rollupUnitIds: ['d', 'd-s1', 'd-s1-c1', g1.id],
    deltas: [{ indicatorCode: ind.code, period: r.period, field: 'canteens', dSum: 1, dN: 1 }],
    counted: { [r.period]: r.values },
    history: { reportId: r.id, at: r.updatedAt, actorId: worker.id, actorName: worker.name, action: 'submit', version: r.version, changes: [] },
    ...over
  })

  describe(`Store contract: ${name}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await make()
      await store.putOrgUnits(units)
      await store.putPeople([worker])
      await store.putIndicator(ind)
    })
    afterEach(async () => {
      await store.close()
    })

    test('org units by id, children and subtree, without sibling-prefix leaks', async () => {
      expect(await store.getOrgUnit('d-s1')).toEqual(s1)
      expect(await store.getOrgUnit('nope')).toBeNull()
      expect((await store.childUnits('d')).map((u) => u.id)).toEqual(['d-s1', 'd-s10'])
      expect((await store.unitsUnder(s1.path, 'grid')).map((u) => u.id)).toEqual([g1.id, g2.id])
      expect(await store.countUnitsUnder(s1.path, 'grid')).toBe(2)
      expect(await store.countUnitsUnder(district.path, 'grid')).toBe(3)
    })

    test('people and invites: one use, expiry, rebinding moves the openid', async () => {
      await store.putPeople([{ id: 'p2', name: '李四', role: 'grid_worker', orgUnitId: g2.id }])
      await store.createInvite({ code: 'AAAA1111', personId: 'p1', createdBy: 'admin', createdAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-15T00:00:00Z', usedAt: null })
      await store.createInvite({ code: 'BBBB2222', personId: 'p2', createdBy: 'admin', createdAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-15T00:00:00Z', usedAt: null })
      await store.createInvite({ code: 'OLD00000', personId: 'p1', createdBy: 'admin', createdAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-02T00:00:00Z', usedAt: null })
      expect(await store.redeemInvite('NOPE0000', 'wx-1', '2020-01-05T00:00:00Z')).toEqual({ kind: 'not_found' })
      expect(await store.redeemInvite('OLD00000', 'wx-1', '2020-01-05T00:00:00Z')).toEqual({ kind: 'expired' })
      expect(await store.redeemInvite('AAAA1111', 'wx-1', '2020-01-05T00:00:00Z')).toMatchObject({ kind: 'ok', person: { id: 'p1' } })
      expect(await store.redeemInvite('AAAA1111', 'wx-2', '2020-01-05T00:00:00Z')).toEqual({ kind: 'used' })
      expect((await store.personByOpenid('wx-1'))?.id).toBe('p1')
      expect(await store.redeemInvite('BBBB2222', 'wx-1', '2020-01-06T00:00:00Z')).toMatchObject({ kind: 'ok' })
      expect((await store.personByOpenid('wx-1'))?.id).toBe('p2')
      expect((await store.listPeople()).map((p) => p.id)).toEqual(['p1', 'p2'])
    })

    test('people in id order, a page at a time after an id (the reminder job\'s chunks)', async () => {
      await store.putPeople(['p3', 'p10', 'p2'].map((id) => ({ id, name: id, role: 'grid_worker' as const, orgUnitId: g2.id })))
      expect((await store.peopleAfter(null, 2)).map((p) => p.id)).toEqual(['p1', 'p10'])
      expect((await store.peopleAfter('p10', 2)).map((p) => p.id)).toEqual(['p2', 'p3'])
      expect(await store.peopleAfter('p3', 2)).toEqual([])
      expect((await store.peopleAfter('p0', 1))[0]).toEqual(worker)
    })

    test('people of a subtree, a page at a time by id (a stable cursor), without sibling-prefix leaks; deactivation round-trips', async () => {
      const more = ['p3', 'p10', 'p2'].map((id) => ({ id, name: id, role: 'grid_worker' as const, orgUnitId: g2.id }))
      await store.putPeople([...more, { id: 'p0', name: '外街', role: 'grid_worker', orgUnitId: g10.id }, { id: 'r1', name: '审核', role: 'street_reviewer', orgUnitId: s1.id }])
      const pages: string[][] = []
      let after: string | null = null
      for (;;) {
        const page = await store.peopleUnder(s1.path, after, 2)
        if (page.length === 0) break
        pages.push(page.map((p) => p.id))
        after = page[page.length - 1].id
      }
      expect(pages).toEqual([['p1', 'p10'], ['p2', 'p3'], ['r1']])
      expect((await store.peopleUnder(g10.path, null, 10)).map((p) => p.id)).toEqual(['p0'])
      expect((await store.peopleUnder(district.path, null, 100)).map((p) => p.id)).toEqual(['p0', 'p1', 'p10', 'p2', 'p3', 'r1'])

      await store.putPeople([{ ...worker, deactivatedAt: '2020-12-01T00:00:00.000Z' }])
      expect(await store.getPerson('p1')).toEqual({ ...worker, deactivatedAt: '2020-12-01T00:00:00.000Z' })
      expect((await store.peopleUnder(g1.path, null, 10))[0]).toEqual({ ...worker, deactivatedAt: '2020-12-01T00:00:00.000Z' })
      await store.putPeople([worker])
      expect(await store.getPerson('p1')).toEqual(worker)
    })

    test("a deactivated person's invite code redeems as no code at all; reactivated, it works", async () => {
      await store.createInvite({ code: 'OFFF1111', personId: 'p1', createdBy: 'admin', createdAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-15T00:00:00Z', usedAt: null })
      await store.putPeople([{ ...worker, deactivatedAt: '2020-01-02T00:00:00Z' }])
      expect(await store.redeemInvite('OFFF1111', 'wx-9', '2020-01-05T00:00:00Z')).toEqual({ kind: 'not_found' })
      expect(await store.personByOpenid('wx-9')).toBeNull()
      await store.putPeople([worker])
      expect(await store.redeemInvite('OFFF1111', 'wx-9', '2020-01-05T00:00:00Z')).toMatchObject({ kind: 'ok', person: worker })
    })

    test('createInvites: every invite and new person at once, or (a taken id, a taken code) nothing at all', async () => {
      const inv = (code: string, personId: string) => ({ code, personId, createdBy: 'admin', createdAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-15T00:00:00Z' })
      const n1 = { id: 'n1', name: '新一', role: 'grid_worker' as const, orgUnitId: g1.id }
      const n2 = { id: 'n2', name: '新二', role: 'grid_worker' as const, orgUnitId: g2.id }
      expect(await store.createInvites([{ invite: inv('NEW00001', 'n1'), newPerson: n1 }, { invite: inv('NEW00002', 'p1') }])).toEqual({ kind: 'ok' })
      expect(await store.getPerson('n1')).toEqual(n1)

      // The second item's person exists: the first item's person and both invites stay unwritten.
      await expect(store.createInvites([{ invite: inv('NEW00003', 'n2'), newPerson: n2 }, { invite: inv('NEW00004', 'p1'), newPerson: worker }])).rejects.toBeInstanceOf(PersonExists)
      // The second item's code exists: refused with the store's own constraint error. Not
      // `rejects.toThrow()`: better-sqlite3's native half keeps the SqliteError class of
      // the first test file that loaded it, which is no Error of a later file's realm.
      const refused = await store.createInvites([{ invite: inv('NEW00005', 'n2'), newPerson: n2 }, { invite: inv('NEW00001', 'n2') }]).then(
        () => null,
        (e: unknown) => e ?? 'refused'
      )
      expect(refused).not.toBeNull()
      expect(await store.getPerson('n2')).toBeNull()
      for (const code of ['NEW00003', 'NEW00004', 'NEW00005']) expect(await store.redeemInvite(code, 'wx-x', '2020-01-05T00:00:00Z')).toEqual({ kind: 'not_found' })
      expect(await store.redeemInvite('NEW00001', 'wx-n1', '2020-01-05T00:00:00Z')).toMatchObject({ kind: 'ok', person: n1 })
    })

    test('the reminder cursor round-trips and is replaced whole', async () => {
      expect(await store.reminderCursor()).toBeNull()
      const c = { day: '2020-12-20', after: 'p1', round: 2, retrying: ['p1', 'p9'], retry: ['p9'], pass: 1, done: false, at: '2020-12-20T01:00:00.000Z' }
      await store.putReminderCursor(c)
      expect(await store.reminderCursor()).toEqual(c)
      await store.putReminderCursor({ ...c, after: null, retrying: [], retry: [], done: true })
      expect(await store.reminderCursor()).toEqual({ ...c, after: null, retrying: [], retry: [], done: true })
    })

    test('plans: one definition per indicator and year; a later year never changes an earlier one', async () => {
      expect(await store.getIndicator(ind.code, 2020)).toEqual(ind)
      expect((await store.listIndicators(2020)).map((i) => i.code)).toEqual([ind.code])
      expect(await store.getIndicator('NOPE', 2020)).toBeNull()
      expect(await store.getIndicator(ind.code, 2021)).toBeNull()
      const next = { ...ind, year: 2021, description: '2021年的目标', targets: ind.targets.map((t) => (t.kind === 'count' ? { ...t, min: t.min * 2 } : t)) }
      await store.putIndicator(next)
      await store.putIndicator({ ...SEED_INDICATORS[1], year: 2021 })
      expect(await store.getIndicator(ind.code, 2020)).toEqual(ind)
      expect(await store.getIndicator(ind.code, 2021)).toEqual(next)
      expect((await store.listIndicators(2021)).map((i) => i.code)).toEqual([ind.code, SEED_INDICATORS[1].code])
      expect((await store.listIndicators(2020)).map((i) => i.code)).toEqual([ind.code])
      expect(await store.planYears()).toEqual([2020, 2021])
    })

    test('retiring a plan item takes out that year only; retiring twice or an unknown one is harmless', async () => {
      await store.putIndicator({ ...ind, year: 2022 })
      await store.putIndicator({ ...SEED_INDICATORS[1], year: 2022 })
      await store.removeIndicator(ind.code, 2022)
      await store.removeIndicator(ind.code, 2022)
      await store.removeIndicator('NOPE', 2022)
      expect((await store.listIndicators(2022)).map((i) => i.code)).toEqual([SEED_INDICATORS[1].code])
      expect(await store.getIndicator(ind.code, 2020)).toEqual(ind)
      await store.removeIndicator(SEED_INDICATORS[1].code, 2022)
      expect(await store.planYears()).not.toContain(2022)
    })

    test('a write stores the report, its submission, roll-ups for every unit, and history', async () => {
      const r = report()
      expect(await store.writeReport(write(r))).toEqual({ kind: 'ok' })
      expect(await store.getReport(r.id)).toEqual(r)
      expect(await store.submission('client-0001')).toEqual({ reportId: r.id })
      expect(await store.unitYear(ind.code, g1.id, 2020)).toEqual({ stamp: 1, counted: { '2020-11': { canteens: 1 } } })
      const rolled = await store.rollups([ind.code], ['d', 'd-s1', g2.id], '2020-11')
      expect(rolled.get(ind.code)?.get('d')).toEqual({ canteens: { sum: 1, n: 1 } })
      expect(rolled.get(ind.code)?.get('d-s1')).toEqual({ canteens: { sum: 1, n: 1 } })
      expect(rolled.get(ind.code)?.get(g2.id)).toEqual({})
      expect(await store.history(r.id)).toEqual([expect.objectContaining({ action: 'submit', version: 1, actorName: '张三' })])
    })

    test('a repeated client id is a duplicate and changes nothing', async () => {
      await store.writeReport(write(report()))
      const again = await store.writeReport(write(report({ values: { canteens: 5 } })))
      expect(again).toEqual({ kind: 'duplicate', reportId: report().id })
      expect((await store.getReport(report().id))?.values).toEqual({ canteens: 1 })
      expect((await store.rollups([ind.code], ['d'], '2020-11')).get(ind.code)?.get('d')).toEqual({ canteens: { sum: 1, n: 1 } })
    })

    test('a stale version is a conflict and a stale year stamp is stale; neither changes anything', async () => {
      await store.writeReport(write(report()))
      const edit = report({ clientId: 'client-0002', version: 2, values: { canteens: 3 } })
      expect(await store.writeReport(write(edit, { expectedVersion: 0, expectedYearStamp: 1 }))).toEqual({ kind: 'conflict' })
      expect(await store.writeReport(write(edit, { expectedYearStamp: 0 }))).toEqual({ kind: 'stale' })
      expect(await store.submission('client-0002')).toBeNull()
      expect((await store.getReport(edit.id))?.version).toBe(1)
      expect(await store.history(edit.id)).toHaveLength(1)
      const ok = await store.writeReport(write(edit, { expectedYearStamp: 1, deltas: [{ indicatorCode: ind.code, period: '2020-11', field: 'canteens', dSum: 2, dN: 0 }] }))
      expect(ok).toEqual({ kind: 'ok' })
      expect((await store.rollups([ind.code], ['d-s1-c1'], '2020-11')).get(ind.code)?.get('d-s1-c1')).toEqual({ canteens: { sum: 3, n: 1 } })
    })

    test('reports by unit-year and by subtree, newest first, with filters and paging', async () => {
      await store.writeReport(write(report()))
      const dec = report({ id: reportId(ind.code, g1.id, '2020-12'), clientId: 'client-0003', period: '2020-12', updatedAt: '2021-01-02T00:00:00.000Z' })
      await store.writeReport(write(dec, { expectedYearStamp: 1 }))
      const other = report({ id: reportId(ind.code, g10.id, '2020-12'), clientId: 'client-0004', orgUnitId: g10.id, unitPath: g10.path, period: '2020-12', updatedAt: '2021-01-03T00:00:00.000Z', status: 'returned' })
      await store.writeReport(write(other, { rollupUnitIds: ['d', 'd-s10', g10.id] }))
      expect((await store.reportsInYear(ind.code, g1.id, 2020)).map((r) => r.period)).toEqual(['2020-11', '2020-12'])
      expect((await store.queryReports({ underPath: '/d/', limit: 10 })).map((r) => r.clientId)).toEqual(['client-0004', 'client-0003', 'client-0001'])
      expect((await store.queryReports({ underPath: s1.path, limit: 10 })).map((r) => r.clientId)).toEqual(['client-0003', 'client-0001'])
      expect((await store.queryReports({ underPath: '/d/', status: 'returned', limit: 10 })).map((r) => r.clientId)).toEqual(['client-0004'])
      expect((await store.queryReports({ underPath: '/d/', period: '2020-11', limit: 10 })).map((r) => r.clientId)).toEqual(['client-0001'])
      expect((await store.queryReports({ underPath: '/d/', limit: 1, after: { updatedAt: '2021-01-03T00:00:00.000Z' } })).map((r) => r.clientId)).toEqual(['client-0003'])
    })

    test("one indicator's reports of one year under a path (by unit path and period) or of listed units, paged past 100", async () => {
      // 10 grids × 12 months = 120 reports of 2020 under c1 (more than one CloudBase page), plus ones the read must leave out.
      const grids = Array.from({ length: 10 }, (_, i): OrgUnit => ({ id: `d-s1-c1-x${i}`, name: `格${i}`, level: 'grid', parentId: c1.id, path: `${c1.path}d-s1-c1-x${i}/` }))
      await store.putOrgUnits(grids)
      const put = async (u: OrgUnit, period: string, stamp: number) => {
        const r = report({ id: reportId(ind.code, u.id, period), clientId: `c-${u.id}-${period}`, orgUnitId: u.id, unitPath: u.path, period })
        expect(await store.writeReport(write(r, { expectedYearStamp: stamp, rollupUnitIds: [u.id], deltas: [], counted: {} }))).toEqual({ kind: 'ok' })
        return r
      }
      const want: StoredReport[] = []
      for (const u of grids) for (let m = 12; m >= 1; m--) want.push(await put(u, `2020-${String(m).padStart(2, '0')}`, 12 - m))
      await put(grids[0], '2021-01', 0) // another year
      await put(g10, '2020-11', 0) // another street
      want.sort((a, b) => (a.unitPath === b.unitPath ? a.period.localeCompare(b.period) : a.unitPath < b.unitPath ? -1 : 1))
      expect(await store.reportsInYearUnder(ind.code, 2020, c1.path)).toEqual(want)
      expect(await store.reportsInYearUnder(ind.code, 2020, '/d/d-s1/d-s1-c1/d-s1-c1-x1/')).toEqual(want.filter((r) => r.orgUnitId === 'd-s1-c1-x1'))
      expect(await store.reportsInYearUnder('OTHER-1', 2020, c1.path)).toEqual([])
      // By unit ids (a page's units): the same reports, whichever order the store gives them.
      const byKey = (rs: StoredReport[]) => [...rs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      expect(byKey(await store.reportsInYearOf(ind.code, 2020, [...grids.map((g) => g.id), 'nope']))).toEqual(byKey(want))
      expect(byKey(await store.reportsInYearOf(ind.code, 2020, [grids[2].id, g10.id]))).toEqual(byKey([...want.filter((r) => r.orgUnitId === grids[2].id), report({ id: reportId(ind.code, g10.id, '2020-11'), clientId: `c-${g10.id}-2020-11`, orgUnitId: g10.id, unitPath: g10.path })]))
      expect(await store.reportsInYearOf(ind.code, 2020, [])).toEqual([])
    })

    test('paging by (updatedAt, id) never skips or repeats rows that share a timestamp at a page edge', async () => {
      // Five reports written in the same millisecond, two older ones: pages of two.
      const same = '2021-02-01T00:00:00.000Z'
      const periods = ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06', '2020-07']
      for (const [i, period] of periods.entries()) {
        const r = report({ id: reportId(ind.code, g1.id, period), clientId: `client-edge-${i}`, period, updatedAt: i < 5 ? same : `2021-01-0${i}T00:00:00.000Z` })
        await store.writeReport(write(r, { expectedYearStamp: i }))
      }
      const seen: string[] = []
      let after: { updatedAt: string; id: string } | undefined
      for (let page = 0; page < 10; page++) {
        const rows = await store.queryReports({ underPath: '/d/', limit: 2, ...(after ? { after } : {}) })
        seen.push(...rows.map((r) => r.period))
        if (rows.length < 2) break
        after = { updatedAt: rows[1].updatedAt, id: rows[1].id }
      }
      expect(seen).toEqual(['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-07', '2020-06'])
    })

    test('sign-offs: one per indicator, period and unit; versioned writes; read back by unit ids', async () => {
      const s = { indicatorCode: ind.code, unitId: c1.id, period: '2020-11', status: 'signed' as const, comment: '', totals: { canteens: 2 }, byId: 'p9', byName: '街审', at: '2020-12-05T00:00:00.000Z', version: 1 }
      expect(await store.putSignOff(s)).toBe(true)
      expect(await store.putSignOff(s)).toBe(false) // version 1 again: someone wrote first
      expect(await store.putSignOff({ ...s, version: 3 })).toBe(false)
      const returned = { ...s, status: 'returned' as const, comment: '请核对', version: 2 }
      expect(await store.putSignOff(returned)).toBe(true)
      const missing = { ...s, unitId: g2.id, status: 'missing' as const, comment: '网格撤并，本月无人', totals: {} }
      expect(await store.putSignOff(missing)).toBe(true)
      const got = await store.signOffs(ind.code, '2020-11', [c1.id, g2.id, g1.id])
      expect(got.sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([returned, missing])
      expect(await store.signOffs(ind.code, '2020-12', [c1.id])).toEqual([])
      expect(await store.signOffs(ind.code, '2020-11', [])).toEqual([])
    })

    test('a sign-off writes only while what its readiness check read (children\'s reports and sign-offs) is unchanged', async () => {
      const s = { indicatorCode: ind.code, unitId: c1.id, period: '2020-11', status: 'signed' as const, comment: '', totals: { canteens: 1 }, byId: 'p9', byName: '社区审', at: '2020-12-05T00:00:00.000Z', version: 1 }
      const approved = report({ status: 'approved' })
      expect(await store.writeReport(write(approved))).toEqual({ kind: 'ok' })
      const missing = { ...s, unitId: g2.id, status: 'missing' as const, comment: '本月无人', totals: {} }
      expect(await store.putSignOff(missing)).toBe(true)
      const basis = {
        reports: [
          { orgUnitId: g1.id, reportId: approved.id, version: 1 },
          { orgUnitId: g2.id, reportId: reportId(ind.code, g2.id, '2020-11'), version: 0 }
        ],
        signOffs: [
          { unitId: g1.id, version: 0 },
          { unitId: g2.id, version: 1 }
        ]
      }
      // The approved report was reopened after the check: nothing is signed.
      const reopened = { ...approved, status: 'submitted' as const, version: 2, updatedAt: '2020-12-04T00:00:00.000Z' }
      expect(await store.writeReport(write(reopened, { clientId: undefined, expectedYearStamp: 1, deltas: [] }))).toEqual({ kind: 'ok' })
      expect(await store.putSignOff(s, basis)).toBe(false)
      expect(await store.signOffs(ind.code, '2020-11', [c1.id])).toEqual([])
      // A child's 未报 mark changed after the check: nothing is signed either.
      const fresh = { ...basis, reports: [{ ...basis.reports[0], version: 2 }, basis.reports[1]] }
      expect(await store.putSignOff({ ...missing, comment: '撤并', version: 2 })).toBe(true)
      expect(await store.putSignOff(s, fresh)).toBe(false)
      expect(await store.signOffs(ind.code, '2020-11', [c1.id])).toEqual([])
      // As read: written.
      expect(await store.putSignOff(s, { ...fresh, signOffs: [fresh.signOffs[0], { unitId: g2.id, version: 2 }] })).toBe(true)
      expect(await store.signOffs(ind.code, '2020-11', [c1.id])).toEqual([s])
    })

    test('a report write names the units whose signed sign-off locks it: then it is locked and changes nothing', async () => {
      const approved = report({ status: 'approved' })
      expect(await store.writeReport(write(approved))).toEqual({ kind: 'ok' })
      const s = { indicatorCode: ind.code, unitId: c1.id, period: '2020-11', status: 'signed' as const, comment: '', totals: {}, byId: 'p9', byName: '街审', at: '2020-12-05T00:00:00.000Z', version: 1 }
      expect(await store.putSignOff(s)).toBe(true)
      const reopened = { ...approved, status: 'submitted' as const, version: 2, updatedAt: '2020-12-06T00:00:00.000Z' }
      const w = write(reopened, { clientId: undefined, expectedYearStamp: 1, deltas: [], lockedBy: ['d', 'd-s1', c1.id, g1.id] })
      expect(await store.writeReport(w)).toEqual({ kind: 'locked' })
      expect(await store.getReport(approved.id)).toEqual(approved)
      expect((await store.history(approved.id)).length).toBe(1)
      // Returned (not signed): the write goes through.
      expect(await store.putSignOff({ ...s, status: 'returned', comment: '请核对', version: 2 })).toBe(true)
      expect(await store.writeReport(w)).toEqual({ kind: 'ok' })
      expect((await store.getReport(approved.id))?.status).toBe('submitted')
    })

    test('roll-up port: unit-years by indicator-year in id order, a reconcile moves the roll-ups and the stamp, a stale one writes nothing', async () => {
      await store.writeReport(write(report()))
      const other = report({ id: reportId(ind.code, g10.id, '2020-11'), clientId: 'client-0010', orgUnitId: g10.id, unitPath: g10.path })
      await store.writeReport(write(other, { rollupUnitIds: ['d', 'd-s10', g10.id] }))
      expect(await store.unitYearsOf(ind.code, 2020, null, 10)).toEqual([g1.id, g10.id].sort())
      expect(await store.unitYearsOf(ind.code, 2020, [g1.id, g10.id].sort()[0], 10)).toEqual([[g1.id, g10.id].sort()[1]])
      expect(await store.unitYearsOf(ind.code, 2020, null, 1)).toHaveLength(1)
      expect(await store.unitYearsOf(ind.code, 2021, null, 10)).toEqual([])
      expect(await store.countUnitYears(ind.code, 2020)).toBe(2)
      const move = {
        indicatorCode: ind.code,
        orgUnitId: g1.id,
        year: 2020,
        rollupUnitIds: ['d', 'd-s1', 'd-s1-c1', g1.id],
        deltas: [{ indicatorCode: ind.code, period: '2020-11', field: 'canteens', dSum: -1, dN: -1 }],
        counted: {}
      }
      expect(await store.writeRollups([{ ...move, expectedYearStamp: 0 }])).toEqual(['stale'])
      expect((await store.rollups([ind.code], ['d'], '2020-11')).get(ind.code)?.get('d')).toEqual({ canteens: { sum: 2, n: 2 } })
      expect(await store.writeRollups([{ ...move, expectedYearStamp: 1 }, { ...move, orgUnitId: g10.id, rollupUnitIds: ['d', 'd-s10', g10.id], expectedYearStamp: 7 }])).toEqual(['ok', 'stale'])
      expect(await store.unitYear(ind.code, g1.id, 2020)).toEqual({ stamp: 2, counted: {} })
      expect((await store.rollups([ind.code], ['d', 'd-s1'], '2020-11')).get(ind.code)?.get('d')).toEqual({ canteens: { sum: 1, n: 1 } })
      // The report write after it must have read the new stamp.
      const edit = report({ clientId: 'client-0011', version: 2 })
      expect(await store.writeReport(write(edit, { expectedYearStamp: 1 }))).toEqual({ kind: 'stale' })
      expect(await store.writeReport(write(edit, { expectedYearStamp: 2 }))).toEqual({ kind: 'ok' })
    })

    test('roll-up port: a batch of reconciles sharing ancestors adds up in each of them', async () => {
      const w = (unit: OrgUnit, ids: string[], dSum: number) => ({
        indicatorCode: ind.code,
        orgUnitId: unit.id,
        year: 2020,
        expectedYearStamp: 0,
        rollupUnitIds: ids,
        deltas: [{ indicatorCode: ind.code, period: '2020', field: 'canteens', dSum, dN: 1 }],
        counted: { '2020': { canteens: dSum } }
      })
      const out = await store.writeRollups([w(g1, ['d', 'd-s1', 'd-s1-c1', g1.id], 2), w(g2, ['d', 'd-s1', 'd-s1-c1', g2.id], 3), w(g10, ['d', 'd-s10', g10.id], 4)])
      expect(out).toEqual(['ok', 'ok', 'ok'])
      const rolled = (await store.rollups([ind.code], ['d', 'd-s1', 'd-s10', g2.id], '2020')).get(ind.code)!
      expect(rolled.get('d')).toEqual({ canteens: { sum: 9, n: 3 } })
      expect(rolled.get('d-s1')).toEqual({ canteens: { sum: 5, n: 2 } })
      expect(rolled.get('d-s10')).toEqual({ canteens: { sum: 4, n: 1 } })
      expect(rolled.get(g2.id)).toEqual({ canteens: { sum: 3, n: 1 } })
      expect(await store.unitYear(ind.code, g2.id, 2020)).toEqual({ stamp: 1, counted: { '2020': { canteens: 3 } } })
      expect(await store.writeRollups([])).toEqual([])
    })

    test('period openings: one per indicator, unit and period; put replaces; the unit\'s still-open ones by period', async () => {
      const o = (period: string, until: string, over: Record<string, unknown> = {}) => ({ indicatorCode: ind.code, orgUnitId: g1.id, period, until, reason: '补报', byId: 'r', byName: '王芳', at: '2020-12-20T02:00:00.000Z', ...over })
      expect(await store.periodOpening(ind.code, g1.id, '2020-09')).toBeNull()
      await store.putPeriodOpening(o('2020-09', '2020-12-31'))
      await store.putPeriodOpening(o('2020-08', '2020-12-21'))
      await store.putPeriodOpening(o('2020-07', '2020-12-01'))
      await store.putPeriodOpening(o('2020-09', '2020-12-31', { orgUnitId: g2.id }))
      expect(await store.periodOpening(ind.code, g1.id, '2020-09')).toEqual(o('2020-09', '2020-12-31'))
      await store.putPeriodOpening(o('2020-09', '2021-01-10', { reason: '延期' }))
      expect(await store.periodOpening(ind.code, g1.id, '2020-09')).toEqual(o('2020-09', '2021-01-10', { reason: '延期' }))
      expect((await store.periodOpeningsOf(g1.id, '2020-12-21')).map((x) => x.period)).toEqual(['2020-08', '2020-09'])
      expect((await store.periodOpeningsOf(g1.id, '2020-12-22')).map((x) => x.period)).toEqual(['2020-09'])
    })

    test("one indicator's still-open openings of a year, every unit at once, by unit and period, paged past 100", async () => {
      const o = (orgUnitId: string, period: string, until: string, over: Record<string, unknown> = {}) => ({ indicatorCode: ind.code, orgUnitId, period, until, reason: '补报', byId: 'r', byName: '王芳', at: '2020-12-20T02:00:00.000Z', ...over })
      // 9 units × 12 months = 108 open ones (more than one CloudBase page), plus ones the read must leave out.
      const unitIds = Array.from({ length: 9 }, (_, i) => `u${i}`)
      const months = Array.from({ length: 12 }, (_, m) => `2020-${String(m + 1).padStart(2, '0')}`)
      const want = unitIds.flatMap((u) => months.map((p) => o(u, p, '2020-12-31')))
      for (const x of [...want].reverse()) await store.putPeriodOpening(x)
      await store.putPeriodOpening(o('u0', '2019-12', '2020-12-31')) // another year
      await store.putPeriodOpening(o('u0', '2021-01', '2021-12-31')) // another year
      await store.putPeriodOpening(o('u1', '2020-05', '2020-12-31', { indicatorCode: 'OTHER-1' })) // another indicator
      await store.putPeriodOpening(o('u9', '2020-06', '2020-12-19')) // closed before today
      const got = await store.periodOpeningsIn(ind.code, 2020, '2020-12-20')
      expect(got).toEqual(want)
      expect(await store.periodOpeningsIn(ind.code, 2020, '2021-01-01')).toEqual([])
    })

    test('roll-up rebuild jobs: put replaces, pending ones oldest first, done ones drop out', async () => {
      const job = (code: string, year: number, requestedAt: string, state: 'pending' | 'done' = 'pending') => ({ indicatorCode: code, year, state, cursor: null, done: 0, total: 3, requestedAt, updatedAt: requestedAt })
      expect(await store.rebuildJob(ind.code, 2020)).toBeNull()
      await store.putRebuildJob(job(ind.code, 2020, '2020-12-20T02:00:00.000Z'))
      await store.putRebuildJob(job('YL-BED', 2020, '2020-12-20T01:00:00.000Z'))
      await store.putRebuildJob(job(ind.code, 2021, '2020-12-20T03:00:00.000Z', 'done'))
      expect((await store.pendingRebuildJobs()).map((j) => [j.indicatorCode, j.year])).toEqual([['YL-BED', 2020], [ind.code, 2020]])
      const progressed = { ...job(ind.code, 2020, '2020-12-20T02:00:00.000Z'), cursor: g1.id, done: 1 }
      await store.putRebuildJob(progressed)
      expect(await store.rebuildJob(ind.code, 2020)).toEqual(progressed)
      await store.putRebuildJob({ ...progressed, state: 'done', done: 3 })
      expect((await store.pendingRebuildJobs()).map((j) => j.indicatorCode)).toEqual(['YL-BED'])
    })

    test('reminder grants: one-time grants add up and are used one at a time; long-term ones are a flag', async () => {
      const at = '2020-12-20T01:00:00.000Z'
      expect(await store.reminderGrants()).toEqual([])
      expect(await store.useReminderGrant('p1', 'tpl-a', at)).toBe(false)
      await store.grantReminder({ personId: 'p1', templateId: 'tpl-a', openid: 'wx-1', add: 1, at })
      expect(await store.grantReminder({ personId: 'p1', templateId: 'tpl-a', openid: 'wx-1', add: 1, at })).toMatchObject({ oneTime: 2, longTerm: false, openid: 'wx-1' })
      await store.grantReminder({ personId: 'p1', templateId: 'tpl-long', openid: 'wx-1', add: 0, longTerm: true, at })
      await store.putPeople([{ id: 'p2', name: '李四', role: 'grid_worker', orgUnitId: g2.id }])
      await store.grantReminder({ personId: 'p2', templateId: 'tpl-a', openid: null, add: 3, at })
      expect((await store.reminderGrants(['p1'])).map((g) => [g.templateId, g.oneTime, g.longTerm])).toEqual([
        ['tpl-a', 2, false],
        ['tpl-long', 0, true]
      ])
      expect((await store.reminderGrants()).map((g) => g.personId)).toEqual(['p1', 'p1', 'p2'])
      expect(await store.reminderGrants([])).toEqual([])

      const uses = await Promise.all([1, 2, 3].map(() => store.useReminderGrant('p1', 'tpl-a', at)))
      expect(uses.filter(Boolean)).toHaveLength(2)
      expect((await store.reminderGrants(['p1']))[0].oneTime).toBe(0)
      expect(await store.useReminderGrant('p1', 'tpl-long', at)).toBe(false)

      await store.zeroReminderGrants('p2', 'tpl-a', at)
      await store.zeroReminderGrants('p1', 'tpl-long', at)
      await store.zeroReminderGrants('nobody', 'tpl-a', at)
      expect((await store.reminderGrants()).map((g) => [g.personId, g.templateId, g.oneTime, g.longTerm])).toEqual([
        ['p1', 'tpl-a', 0, false],
        ['p1', 'tpl-long', 0, false],
        ['p2', 'tpl-a', 0, false]
      ])
    })

    test('a grant from another WeChat account replaces the old account\'s grants', async () => {
      const at = '2020-12-20T01:00:00.000Z'
      await store.grantReminder({ personId: 'p1', templateId: 'tpl-a', openid: 'wx-old', add: 4, longTerm: true, at })
      expect(await store.grantReminder({ personId: 'p1', templateId: 'tpl-a', openid: null, add: 1, at })).toMatchObject({ oneTime: 5, openid: 'wx-old', longTerm: true })
      expect(await store.grantReminder({ personId: 'p1', templateId: 'tpl-a', openid: 'wx-new', add: 1, at })).toMatchObject({ oneTime: 1, openid: 'wx-new', longTerm: false })
    })

    test('reminded days: one mark per person per day, undone only for that day', async () => {
      expect(await store.markReminded('p1', '2020-12-20')).toBe(true)
      expect(await store.markReminded('p1', '2020-12-20')).toBe(false)
      expect(await store.markReminded('p2', '2020-12-20')).toBe(true)
      expect(await store.remindedOn('2020-12-20')).toEqual(['p1', 'p2'])
      await store.unmarkReminded('p2', '2020-12-19')
      expect(await store.remindedOn('2020-12-20')).toEqual(['p1', 'p2'])
      await store.unmarkReminded('p2', '2020-12-20')
      expect(await store.remindedOn('2020-12-20')).toEqual(['p1'])
      expect(await store.markReminded('p1', '2020-12-21')).toBe(true)
      expect(await store.remindedOn('2020-12-20')).toEqual([])
      expect(await store.remindedOn('2020-12-21')).toEqual(['p1'])
      const claims = await Promise.all([1, 2, 3].map(() => store.markReminded('p3', '2020-12-21')))
      expect(claims.filter(Boolean)).toHaveLength(1)
    })

    test('自查表 narratives: one text per indicator, unit and year; put replaces, clear removes; history keeps who and when', async () => {
      const who = (byId: string, byName: string, at: string) => ({ indicatorCode: ind.code, orgUnitId: 'd', year: 2020, byId, byName, at })
      expect(await store.getNarrative(ind.code, 'd', 2020)).toBeNull()
      expect(await store.clearNarrative(who('admin', '田莉莉', '2020-12-20T01:00:00.000Z'))).toBe(false)
      const first = { ...who('admin', '田莉莉', '2020-12-20T02:00:00.000Z'), text: '新建服务网点8个。\n第二行' }
      await store.putNarrative(first)
      expect(await store.getNarrative(ind.code, 'd', 2020)).toEqual(first)
      expect(await store.getNarrative(ind.code, 'd', 2021)).toBeNull()
      expect(await store.getNarrative(ind.code, 'd-s1', 2020)).toBeNull()
      const second = { ...who('p1', '张三', '2020-12-20T03:00:00.000Z'), text: '改过的文字' }
      await store.putNarrative(second)
      expect(await store.getNarrative(ind.code, 'd', 2020)).toEqual(second)
      expect(await store.clearNarrative(who('admin', '田莉莉', '2020-12-20T04:00:00.000Z'))).toBe(true)
      expect(await store.getNarrative(ind.code, 'd', 2020)).toBeNull()
      expect(await store.clearNarrative(who('admin', '田莉莉', '2020-12-20T05:00:00.000Z'))).toBe(false)
      await store.putNarrative({ ...who('admin', '田莉莉', '2020-12-20T06:00:00.000Z'), text: '又写了一次' })
      await store.putNarrative({ ...who('admin', '田莉莉', '2020-12-20T06:00:00.000Z'), year: 2021, text: '另一年' })
      expect((await store.narrativeHistory(ind.code, 'd', 2020)).map((h) => [h.text, h.byName, h.at.slice(11, 13)])).toEqual([
        ['新建服务网点8个。\n第二行', '田莉莉', '02'],
        ['改过的文字', '张三', '03'],
        [null, '田莉莉', '04'],
        ['又写了一次', '田莉莉', '06']
      ])
      expect(await store.narrativeHistory(ind.code, 'd', 2021)).toHaveLength(1)
      expect(await store.narrativeHistory(ind.code, 'd-s1', 2020)).toEqual([])
    })

    test('org edits: a moved subtree’s units and reports follow; retired units leave the lists but stay readable', async () => {
      await store.writeReport(write(report()))
      // Move 社区一 (with 网格一, 网格二) from 街一 to 街十; 网格十 retires; 网格二 gets population figures.
      const c1m = { ...c1, parentId: s10.id, path: '/d/d-s10/d-s1-c1/' }
      const g1m = { ...g1, path: '/d/d-s10/d-s1-c1/d-s1-c1-g1/' }
      const g2m = { ...g2, path: '/d/d-s10/d-s1-c1/d-s1-c1-g2/', population: { residents: 1200, elderly: 300 } }
      const g10r = { ...g10, retiredAt: '2021-01-01T00:00:00.000Z', mergedInto: g1.id }
      await store.putPeople([{ id: 'p2', name: '李四', role: 'grid_worker', orgUnitId: g10.id }])
      await store.applyOrgChange([c1m, g1m, g2m, g10r], [{ personId: 'p2', orgUnitId: g1.id }])
      expect(await store.getOrgUnit(g2.id)).toEqual(g2m)
      expect(await store.getOrgUnit(g10.id)).toEqual(g10r)
      expect((await store.getReport(report().id))!.unitPath).toBe(g1m.path)
      expect((await store.queryReports({ underPath: s10.path, limit: 10 })).map((r) => r.id)).toEqual([report().id])
      expect(await store.queryReports({ underPath: s1.path, limit: 10 })).toEqual([])
      expect((await store.getPerson('p2'))!.orgUnitId).toBe(g1.id)
      expect((await store.childUnits(s10.id)).map((u) => u.id)).toEqual([c1.id])
      expect((await store.unitsUnder(district.path, 'grid')).map((u) => u.id)).toEqual([g1.id, g2.id])
      expect(await store.countUnitsUnder(district.path, 'grid')).toBe(2)
      expect((await store.orgTree(district.path)).map((u) => u.id)).toEqual(['d', 'd-s1', 'd-s10', c1.id, g1.id, g2.id, g10.id])
      expect((await store.orgTree(s10.path)).map((u) => u.id)).toEqual(['d-s10', c1.id, g1.id, g2.id, g10.id])
      // Renaming later keeps the figures; clearing a retirement brings the unit back.
      await store.applyOrgChange([{ ...g10, name: '网格十（恢复）' }], [])
      expect(await store.getOrgUnit(g10.id)).toEqual({ ...g10, name: '网格十（恢复）' })
      expect(await store.countUnitsUnder(district.path, 'grid')).toBe(3)
    })

    test('the outbox keeps every entry whole, newest first, paged by id and filtered by person', async () => {
      const entry = (n: number, personId = 'p1'): OutboxEntry => ({
        id: `2020-12-20T01:00:00.000Z~run1~${String(n).padStart(4, '0')}`,
        at: '2020-12-20T01:00:00.000Z',
        day: '2020-12-20',
        personId,
        personName: '张三',
        kind: 'pending',
        templateId: n % 2 ? 'tpl-a' : null,
        status: n % 2 ? 'sent' : 'no_grant',
        channel: n % 2 ? 'local' : null,
        ...(n === 3 ? { errCode: 47003, errMsg: 'argument invalid! data.thing1.value invalid' } : {}),
        items: [{ reportId: 'YL-133~g1~2020-11', unitId: g1.id, indicatorCode: 'YL-133', title: '“133”居家养老品牌打造', period: '2020-11', state: 'overdue', daysLeft: -15, escalated: false }],
        data: { thing1: { value: '1项已逾期：“133”居家养老品牌打造' }, date2: { value: '2020年12月5日' } },
        page: 'pages/inbox/index?reportId=YL-133~g1~2020-11'
      })
      for (let n = 1; n <= 5; n++) await store.appendOutbox(entry(n, n === 4 ? 'p2' : 'p1'))
      const all = await store.listOutbox({ limit: 10 })
      expect(all.map((e) => e.id.slice(-4))).toEqual(['0005', '0004', '0003', '0002', '0001'])
      expect(all[2]).toEqual(entry(3))
      expect(all[4]).toEqual(entry(1))
      const page1 = await store.listOutbox({ limit: 2 })
      const page2 = await store.listOutbox({ limit: 2, before: page1[1].id })
      expect(page2.map((e) => e.id.slice(-4))).toEqual(['0003', '0002'])
      expect((await store.listOutbox({ limit: 10, personId: 'p2' })).map((e) => e.id.slice(-4))).toEqual(['0004'])
      expect((await store.listOutbox({ limit: 10, personId: 'p1', before: entry(3).id })).map((e) => e.id.slice(-4))).toEqual(['0002', '0001'])
    })
  })
}
