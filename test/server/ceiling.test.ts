import { readXlsx, zipPart } from '../export/files'
import { DB15 } from '../rollup/world'
import { ADMIN, clientId, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, type Running } from './harness'

/**
 * Ceilings (value ≤ max) through the real local server over SQLite: the
 * plan is put with indicator.put, two grids of two streets report, and the
 * district's progress and 自查表 read the weighted mean, the maximum and the
 * share of late cases against their ceilings.
 */
let s: Running
const OTHER_GRID = 'u-grid-3'
const OTHER_UNIT = 'qk-s01-c01-g1'

beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const call = async (action: string, payload: unknown, who: string) => {
  const res = await s.call(action, payload, s.tokenFor(who))
  expect(res.body).toMatchObject({ ok: true })
  return res.body.data
}

test('a ceiling field that does not say how it combines is refused in Chinese, and nothing is written', async () => {
  const before = await fingerprint(s)
  const bad = JSON.parse(JSON.stringify(DB15))
  delete bad.fields[3].combine
  const res = await s.call('indicator.put', { indicator: bad }, s.tokenFor(ADMIN))
  expect(res.status).toBe(400)
  expect(res.body.error.code).toBe('BAD_INPUT')
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
  const both = JSON.parse(JSON.stringify(DB15))
  both.targets[0].numerator = 'late_cases'
  expect((await s.call('indicator.put', { indicator: both }, s.tokenFor(ADMIN))).body.error.code).toBe('BAD_INPUT')
  expect(await fingerprint(s)).toBe(before)
})

test('the district reads the weighted mean, the maximum and the late share against their ceilings', async () => {
  await call('indicator.put', { indicator: DB15 }, ADMIN)
  const submit = (who: string, unit: string, values: Record<string, number>) =>
    call('submit', { report: { clientId: clientId('ceil'), indicatorCode: 'DB-15', orgUnitId: unit, period: '2020-12', values } }, who)
  await submit(GRID_WORKER, GRID_WORKER_UNIT, { cases: 30, late_cases: 0, avg_days: 10, max_days: 14 })
  await submit(OTHER_GRID, OTHER_UNIT, { cases: 10, late_cases: 2, avg_days: 20, max_days: 25 })

  const p = await call('progress', { period: '2020' }, ADMIN)
  const row = p.indicators.find((r: any) => r.code === 'DB-15')
  const byId = Object.fromEntries(row.completion.targets.map((t: any) => [t.targetId, t]))
  // (30×10 + 10×20) / 40 = 12.5 days on average; the longest is 25; 2 of 40 late is 5 %.
  expect(byId.avg_days).toMatchObject({ kind: 'ceiling', actual: 12.5, required: 15, rate: 1, met: true })
  expect(byId.max_days).toMatchObject({ actual: 25, required: 20, rate: 0.8, met: false })
  expect(byId.late_share).toMatchObject({ actual: 0.05, required: 0.05, rate: 1, met: true })

  const t = await call('export.table', { year: 2020 }, ADMIN)
  const narrative = t.table.rows.find((r: any) => r.code === 'DB-15').narrative
  expect(narrative).toContain('平均审核时限12.5个工作日，控制在15个工作日以内')
  expect(narrative).toContain('最长审核时限25个工作日，超过上限20个工作日')
  expect(narrative).toContain('超时率5%（2/40），控制在5%以内')

  // The worker's own street sees only its grid: 14 days, within 20.
  const street = await call('progress', { period: '2020' }, 'u-street-1')
  const own = street.indicators.find((r: any) => r.code === 'DB-15').completion.targets.find((x: any) => x.targetId === 'max_days')
  expect(own).toMatchObject({ actual: 14, met: true, rate: 1 })
})

test.each(['xlsx', 'docx'] as const)('the %s 自查表 shows the ceilings with their wording and rate', async (format) => {
  const exported = await call('export.file', { orgUnitId: 'qk', year: 2020, format }, ADMIN)
  const file = Buffer.from(await (await fetch(`${s.base}${exported.url}`, { headers: { authorization: `Bearer ${s.tokenFor(ADMIN)}` } })).arrayBuffer())
  let text: string
  if (format === 'xlsx') {
    const ws = await readXlsx(file)
    const rows: string[] = []
    ws.eachRow((r) => rows.push((r.values as unknown[]).map((v) => String(v ?? '')).join('|')))
    text = rows.find((r) => r.includes('低保审核确认时限')) ?? ''
    // The indicator's 完成率: the mean of 100, 80 and 100.
    expect(text).toContain('93.3')
  } else {
    text = await zipPart(file, 'word/document.xml')
  }
  expect(text).toContain('控制在15个工作日以内')
  expect(text).toContain('超过上限20个工作日')
})
