import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { ADMIN, clientId, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, STREET_REVIEWER, type Running } from './harness'

/**
 * The plan designer's publish through the real local server over SQLite:
 * a dry run says what publishing affects, counted from the roll-up
 * projection, and writes nothing; publishing stores the items, reorders by
 * 序号, retires items no one has reported, and rebuilds what it must. Bad
 * input answers a clear Chinese error and changes nothing.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  const report = { clientId: clientId('pub'), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { service_points: 2, canteens: 1, trainees: 100 } }
  expect((await s.call('submit', { report }, s.tokenFor(GRID_WORKER))).body).toMatchObject({ ok: true })
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const publish = (payload: unknown, who = ADMIN) => s.call('plan.publish', payload, s.tokenFor(who))
const seed = (code: string) => structuredClone(SEED_INDICATORS.find((i) => i.code === code)!)

test('plan.list gives a year’s plan in 序号 order', async () => {
  const res = await s.call('plan.list', { year: 2020 }, s.tokenFor(STREET_REVIEWER))
  expect(res.body.data.indicators.map((i: any) => i.seq)).toEqual([...SEED_INDICATORS].map((i) => i.seq).sort((a, b) => a - b))
  expect(res.body.data.thisYear).toBe(2020)
})

test('a dry run says what a change of accumulation affects, and writes nothing', async () => {
  const before = await fingerprint(s)
  const ind = { ...seed('YL-133'), accumulation: 'cumulative' }
  const res = await publish({ year: 2020, indicators: [ind], dryRun: true })
  expect(res.body).toMatchObject({ ok: true, data: { dryRun: true, effects: { changed: ['YL-133'], rebuilds: [{ code: 'YL-133' }] } } })
  expect(res.body.data.effects.rebuilds[0].unitYears).toBeGreaterThan(0)
  expect(res.body.data.lines).toContainEqual(expect.stringMatching(/^会重新计算 2020 年的 1 项汇总/))
  expect(await fingerprint(s)).toBe(before)
})

test('publishing a new target and a new order stores them; the target change is named', async () => {
  const ind = seed('YL-133')
  ind.targets = ind.targets.map((t) => (t.kind === 'count' && t.id === 'canteens' ? { ...t, min: 4, label: '新建老年幸福食堂4个' } : t))
  const bed = { ...seed('YL-BED'), seq: 99 }
  const res = await publish({ year: 2020, indicators: [ind, bed] })
  expect(res.body).toMatchObject({ ok: true, data: { dryRun: false, effects: { changed: ['YL-133', 'YL-BED'], retargeted: ['YL-133'], rebuilds: [] } } })
  expect(res.body.data.lines).toContain('2020 年有 1 项指标的目标变了，完成率和自查表按新目标计算')
  const list = (await s.call('plan.list', { year: 2020 }, s.tokenFor(ADMIN))).body.data.indicators
  expect(list[list.length - 1].code).toBe('YL-BED')
  expect(list.find((i: any) => i.code === 'YL-133').targets.find((t: any) => t.id === 'canteens').min).toBe(4)
})

test('a new item for the next year is added, and one no one has reported can be retired', async () => {
  const fresh = { ...seed('YL-BED'), code: 'NEW-1', title: '新的指标', year: 2021 }
  expect((await publish({ year: 2021, indicators: [fresh] })).body).toMatchObject({ ok: true, data: { effects: { added: ['NEW-1'] }, lines: ['新增 1 项指标'] } })
  const res = await publish({ year: 2021, indicators: [], retire: ['NEW-1'] })
  expect(res.body).toMatchObject({ ok: true, data: { effects: { retired: ['NEW-1'] }, lines: ['停用 1 项指标'] } })
  expect((await s.call('plan.list', { year: 2021 }, s.tokenFor(ADMIN))).body.data.indicators).toEqual([])
})

test('a review chain and a field’s combine rule round-trip through publish and list', async () => {
  const ind = { ...seed('YL-BED'), reviewChain: ['street', 'district'] }
  ind.fields = ind.fields.map((f, i) => (i === 0 ? { ...f, combine: { rule: 'max' as const } } : f))
  expect((await publish({ year: 2020, indicators: [ind] })).body).toMatchObject({ ok: true, data: { effects: { changed: ['YL-BED'] } } })
  const stored = (await s.call('plan.list', { year: 2020 }, s.tokenFor(ADMIN))).body.data.indicators.find((i: any) => i.code === 'YL-BED')
  expect(stored.reviewChain).toEqual(['street', 'district'])
  expect(stored.fields[0].combine).toEqual({ rule: 'max' })
  // Back to single-level review: the chain is gone, not kept from before.
  const { reviewChain: _c, ...single } = ind
  expect((await publish({ year: 2020, indicators: [single] })).body).toMatchObject({ ok: true })
  expect((await s.call('plan.list', { year: 2020 }, s.tokenFor(ADMIN))).body.data.indicators.find((i: any) => i.code === 'YL-BED').reviewChain).toBeUndefined()
})

test('a chain below the report level is refused beside reviewChain, and nothing changed', async () => {
  const before = await fingerprint(s)
  const res = await publish({ year: 2020, indicators: [{ ...seed('YL-BED'), reviewChain: ['community', 'community'] }] })
  expect(res.status).toBe(400)
  expect(res.body.error.issues).toContainEqual({ path: 'indicators.0.reviewChain', message: '审核层级须从下往上排列，且都高于填报层级' })
  expect(await fingerprint(s)).toBe(before)
})

test('bad input: a clear Chinese error, and nothing changed', async () => {
  const before = await fingerprint(s)
  const cases: [unknown, string, number][] = [
    [{ year: 2020, indicators: [], retire: ['YL-133'] }, '““133”居家养老品牌打造”在2020年已有', 400],
    [{ year: 2020, indicators: [seed('YL-BED'), seed('YL-BED')] }, '第2项的编号YL-BED重复了', 400],
    [{ year: 2021, indicators: [seed('YL-BED')] }, '第1项“养老床位”属于2020年，不是2021年的计划', 400],
    [{ year: 2020, indicators: [seed('YL-BED')], retire: ['YL-BED'] }, 'YL-BED既要发布又要停用，请只选一样', 400],
    [{ year: 2020, indicators: [], retire: ['NOPE'] }, '2020年的计划里没有NOPE', 404],
    [{ year: 2020, indicators: [{ ...seed('YL-BED'), targets: [{ id: 'x', kind: 'count', label: '网点', field: 'nope', min: 2 }] }] }, '填写的内容有误，请检查后再提交', 400]
  ]
  for (const [payload, message, status] of cases) {
    const res = await publish(payload)
    expect(res.status).toBe(status)
    expect(res.body.error.message).toContain(message)
  }
  const crossCheck = await publish(cases[5][0])
  expect(crossCheck.body.error.issues).toContainEqual({ path: 'indicators.0.targets.0.field', message: '目标要读的字段“nope”不存在，请选一个字段' })
  expect((await publish({ year: 2020, indicators: [seed('YL-BED')] }, STREET_REVIEWER)).body.error).toMatchObject({ code: 'FORBIDDEN', message: '只有区民政局管理员可以操作' })
  expect(await fingerprint(s)).toBe(before)
})
