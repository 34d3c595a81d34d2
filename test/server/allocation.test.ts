import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, STREET_REVIEWER, type Running } from './harness'

/**
 * 指标分解 and what counts, through the real local server over SQLite:
 * 长丰街 is measured against its own share, never the district's whole
 * target; a unit with no share reads 未分解; the district's table says how
 * many units its figures rest on; a returned report does not count.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  const report = { clientId: clientId('alloc'), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { service_points: 2, canteens: 1, trainees: 100 } }
  expect((await s.call('submit', { report }, s.tokenFor(GRID_WORKER))).body).toMatchObject({ ok: true })
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const call = async (action: string, payload: unknown, who: string) => {
  const res = await s.call(action, payload, s.tokenFor(who))
  expect(res.body).toMatchObject({ ok: true })
  return res.body.data
}
const row = (t: any, code: string) => t.table.rows.find((r: any) => r.code === code)
const progressRow = (p: any, code: string) => p.indicators.find((r: any) => r.code === code)
const target = (p: any, code: string, id: string) => progressRow(p, code).completion.targets.find((t: any) => t.targetId === id)
const SHARES = [
  { unitId: 'qk-s11', value: 2 },
  { unitId: 'qk-s03', value: 2 },
  { unitId: 'qk-s01', value: 5 }
]

test('without a share, 长丰街 shows its figures and 未分解, never a rate against the district\'s 8', async () => {
  const p = await call('progress', { period: '2020' }, STREET_REVIEWER)
  expect(target(p, 'YL-133', 'service_points')).toMatchObject({ actual: 2, rate: null, unallocated: true })
  const t = await call('export.table', { year: 2020 }, STREET_REVIEWER)
  expect(row(t, 'YL-133').narrative).toContain('新建服务网点2个（园博北社区2个）（未分解）')
  expect(row(t, 'YL-133').narrative).not.toContain('完成目标的25%')
  // 每千名老人床位 applies to every unit as it is; milestones and qualitative targets are the district's.
  expect(row(t, 'YL-COVID').narrative).toBe('本项目标不分解到本单位。')
})

test('bad allocation rows are refused naming the row, and nothing is written', async () => {
  const before = await fingerprint(s)
  for (const [shares, message] of [
    [[{ unitId: 'qk-s11', value: 2 }, { unitId: 'qk-s03', value: -1 }], '第2行（宗关街）：分解数不能是负数'],
    [[{ unitId: 'qk-s11', value: '两个' }], '第1行（长丰街）：分解数必须是数字'],
    [[{ unitId: 'qk-s11-c01', value: 1 }], '第1行（qk-s11-c01）：不是硚口区的下级街道']
  ] as const) {
    const res = await s.call('plan.allocate', { code: 'YL-133', year: 2020, targetId: 'service_points', shares }, s.tokenFor(ADMIN))
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'BAD_INPUT', message })
  }
  expect((await s.call('plan.allocate', { code: 'YL-133', year: 2020, targetId: 'service_points', shares: SHARES }, s.tokenFor(COMMUNITY_REVIEWER))).body.error.code).toBe('FORBIDDEN')
  expect((await s.call('plan.allocate', { code: 'YL-BED', year: 2020, targetId: 'beds_per_1000', shares: SHARES }, s.tokenFor(ADMIN))).body.error.code).toBe('BAD_INPUT')
  expect(await fingerprint(s)).toBe(before)
})

test('the district splits 8 service points; more than 8 is allowed with a warning; 长丰街 is then measured against its 2', async () => {
  const res = await call('plan.allocate', { code: 'YL-133', year: 2020, targetId: 'service_points', shares: SHARES }, ADMIN)
  expect(res.warning).toBe('分解合计9个，超过硚口区的目标8个')
  expect(res.split).toMatchObject({ targetId: 'service_points', of: 8, allocated: 9, units: 3, children: 11, state: 'over' })

  const district = await call('progress', { period: '2020' }, ADMIN)
  expect(progressRow(district, 'YL-133').splits.find((x: any) => x.targetId === 'service_points')).toMatchObject({ of: 8, allocated: 9, state: 'over' })
  expect(target(district, 'YL-133', 'service_points')).toMatchObject({ actual: 2, required: 8, rate: 0.25 })

  const street = await call('progress', { period: '2020' }, STREET_REVIEWER)
  expect(target(street, 'YL-133', 'service_points')).toMatchObject({ actual: 2, required: 2, rate: 1 })
  const t = await call('export.table', { year: 2020 }, STREET_REVIEWER)
  expect(row(t, 'YL-133').narrative).toContain('新建服务网点2个（园博北社区2个），完成目标；')
  expect(row(t, 'YL-133').narrative).toContain('新建幸福食堂1个（园博北社区1个）（未分解）')

  // An edit of the plan item that does not send shares keeps them.
  const ind = (await s.server.store.getIndicator('YL-133', 2020))!
  const { allocations: _a, ...withoutShares } = ind
  await call('indicator.put', { indicator: { ...withoutShares, title: '“133”居家养老品牌打造（修订）' } }, ADMIN)
  expect((await s.server.store.getIndicator('YL-133', 2020))!.allocations).toEqual(ind.allocations)
})

test('长丰街 splits its own share to its communities; a street reviewer cannot split another street\'s', async () => {
  const res = await call('plan.allocate', { code: 'YL-133', year: 2020, targetId: 'service_points', shares: [{ unitId: 'qk-s11-c01', value: 1 }] }, STREET_REVIEWER)
  expect(res.warning).toBeNull()
  expect(res.split).toMatchObject({ of: 2, allocated: 1, state: 'under' })
  const community = await call('progress', { period: '2020' }, COMMUNITY_REVIEWER)
  expect(target(community, 'YL-133', 'service_points')).toMatchObject({ actual: 2, required: 1, rate: 1 })
  const other = await s.call('plan.allocate', { code: 'YL-133', year: 2020, targetId: 'service_points', parentId: 'qk-s01', shares: [{ unitId: 'qk-s01-c01', value: 1 }] }, s.tokenFor(STREET_REVIEWER))
  expect(other.body.error.code).toBe('NOT_FOUND')
})

test('the district\'s table states what its figures rest on, and a returned report stops counting', async () => {
  const t = await call('export.table', { year: 2020 }, ADMIN)
  expect(row(t, 'YL-133').narrative.startsWith('据已报送的1个网格（共992个），新建服务网点2个')).toBe(true)
  expect(row(t, 'YL-133').coverage).toBe('已报 1/992 个网格')
  expect(row(t, 'YL-BED').narrative).toBe('尚无网格报送（共992个）。每千名户籍老人养老床位未填报。')

  const [r] = (await call('reports', { indicatorCode: 'YL-133' }, ADMIN)).reports
  await call('review', { reportId: r.id, version: r.version, decision: 'return', comment: '网点数请核对' }, STREET_REVIEWER)
  const p = await call('progress', { period: '2020' }, ADMIN)
  expect(progressRow(p, 'YL-133')).toMatchObject({ received: 0, returned: 1, unitsReported: 0, unitsExpected: 992 })
  expect(progressRow(p, 'YL-133').figures.service_points).toBeUndefined()
  const after = await call('export.table', { year: 2020 }, ADMIN)
  expect(row(after, 'YL-133').coverage).toBe('已报 0/992 个网格，退回待改 1')
})

test('the official version is made from approved figures only, and says so', async () => {
  const [r] = (await call('reports', { indicatorCode: 'YL-133' }, ADMIN)).reports
  const report = { clientId: clientId('alloc'), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { service_points: 3, canteens: 1, trainees: 100 }, baseVersion: r.version }
  expect((await s.call('submit', { report }, s.tokenFor(GRID_WORKER))).body).toMatchObject({ ok: true })
  const official = await call('export.table', { year: 2020, version: 'approved' }, ADMIN)
  expect(official.table).toMatchObject({ version: 'approved', versionLine: '数据口径：仅审核通过的数据，正式版' })
  expect(row(official, 'YL-133').narrative).toBe('尚无网格报送（共992个）。新建服务网点未填报；新建幸福食堂未填报；培训护理人员未填报。')
  const working = await call('export.table', { year: 2020 }, ADMIN)
  expect(working.table.versionLine).toBe('数据口径：已报送数据（含待审核），工作稿')
  expect(row(working, 'YL-133').narrative).toContain('新建服务网点3个')

  const [fixed] = (await call('reports', { indicatorCode: 'YL-133' }, ADMIN)).reports
  await call('review', { reportId: fixed.id, version: fixed.version, decision: 'approve' }, STREET_REVIEWER)
  const approved = await call('export.table', { year: 2020, version: 'approved' }, ADMIN)
  expect(row(approved, 'YL-133').narrative).toContain('新建服务网点3个（长丰街3个）')
  expect(row(approved, 'YL-133').coverage).toBe('已报 1/992 个网格')
})
