import { Workbook } from 'exceljs'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { admin, tempDir } from './faults/helpers'
import { ADMIN, fingerprint, GRID_WORKER, startServer, type Running } from './harness'

/**
 * plan.backfill through the real local server over SQLite, with real xlsx
 * and csv files made here: a dry run lists every row it would change and
 * every row it refuses (named by row, in Chinese); a real run with any
 * refused row writes nothing; a clean real run writes through the submit
 * path, so progress equals a rebuild of the roll-ups.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const HEADER = ['单位', '指标', '期间', '字段', '数值']

async function xlsx(rows: (string | number)[][]): Promise<string> {
  const wb = new Workbook()
  const ws = wb.addWorksheet('补录')
  ws.addRow(['2020年补录数据'])
  ws.addRow(HEADER)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

const csv = (rows: (string | number)[][]): string =>
  Buffer.from('\uFEFF' + [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\r\n') + '\r\n').toString('base64')

const backfill = (payload: Record<string, unknown>, who = ADMIN) => s.call('plan.backfill', { year: 2020, ...payload }, s.tokenFor(who))
const ok = async (payload: Record<string, unknown>) => {
  const res = await backfill(payload)
  expect(res.body).toMatchObject({ ok: true })
  return res.body.data
}
const districtFigures = async () => {
  const res = await s.call('progress', { period: '2020' }, s.tokenFor(ADMIN))
  return res.body.data.indicators.find((r: any) => r.code === 'YL-133')
}

const BAD_ROWS: [(string | number)[], string][] = [
  [['qk-s99-c01-g1', 'YL-133', '2020-03', 'canteens', 1], '第3行：没有“qk-s99-c01-g1”这个单位'],
  [['qk-s11-c01-g1', 'YL-133', '2020-03', '电梯', 1], '第4行：““133”居家养老品牌打造”没有“电梯”这个要填的数'],
  [['qk-s11-c01-g1', 'YL-133', '2020-13', 'canteens', 1], '第5行：期间“2020-13”不对：““133”居家养老品牌打造”按月份填报，请写月份，如 2020-03'],
  [['qk-s11-c01-g1', 'YL-133', '2019-05', 'canteens', 1], '第6行：期间2019-05不在2020年计划内'],
  [['qk-s11-c01-g1', 'YL-133', '2020-04', 'canteens', -3], '第7行：数值不能是负数'],
  [['qk-s11-c01-g1', 'YL-133', '2020-05', 'canteens', '三个'], '第8行：数值“三个”不是数字'],
  [['长丰街', 'YL-133', '2020-05', 'canteens', 1], '第9行：““133”居家养老品牌打造”由网格填报，长丰街不是网格'],
  [['qk-s11-c01-g1', 'ZZ-9', '2020-05', 'canteens', 1], '第10行：2020年计划里没有“ZZ-9”这项指标']
]

test('bad rows: the dry run names each with its reason; the real run writes nothing', async () => {
  const before = await fingerprint(s)
  const base64 = await xlsx(BAD_ROWS.map(([r]) => r))
  const dry = await ok({ name: '补录.xlsx', base64, dryRun: true })
  expect(dry.refused.map((r: any) => r.message)).toEqual(BAD_ROWS.map(([, m]) => m))
  expect(dry.changes).toEqual([])
  // One good row among bad ones: still nothing is written.
  const mixed = await xlsx([['qk-s11-c01-g1', 'YL-133', '2020-03', 'canteens', 1], ...BAD_ROWS.map(([r]) => r)])
  const real = await backfill({ name: '补录.xlsx', base64: mixed, dryRun: false })
  expect(real.status).toBe(400)
  expect(real.body.error.code).toBe('BAD_INPUT')
  expect(real.body.error.message).toMatch(/^有8行不能补录，什么都没有写入：第4行：没有/)
  expect(real.body.error.issues).toHaveLength(8)
  for (const [name, bytes] of [
    ['补录.pdf', Buffer.from('%PDF-1.4').toString('base64')],
    ['补录.csv', Buffer.from('名称,数\n1,2\n').toString('base64')],
    ['补录.xlsx', Buffer.from('not a zip').toString('base64')]
  ]) {
    const res = await backfill({ name, base64: bytes, dryRun: false })
    expect(res.body.ok).toBe(false)
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
  }
  expect((await backfill({ name: '补录.csv', base64: csv([['qk-s11-c01-g1', 'YL-133', '2020-03', 'canteens', 1]]), dryRun: false }, GRID_WORKER)).body.error.code).toBe('FORBIDDEN')
  expect(await fingerprint(s)).toBe(before)
})

test('a clean csv: the dry run lists what would change and writes nothing; the real run writes it as submitted, late, through the report path', async () => {
  const rows = [
    ['qk-s11-c01-g1', 'YL-133', '2020-03', 'canteens', 1],
    ['qk-s11-c01-g1', 'YL-133', '2020年3月', '新建服务网点', 2],
    ['qk-s01-c01-g1', '“133”居家养老品牌打造', '2020-04', 'trainees', '1,200']
  ]
  const before = await fingerprint(s)
  const figuresBefore = (await districtFigures()).figures
  const dry = await ok({ name: '2020补录.csv', base64: csv(rows), dryRun: true })
  expect(dry).toMatchObject({ dryRun: true, written: 0, format: 'csv', refused: [], unchanged: [] })
  expect(dry.changes).toEqual([
    { row: 2, unitId: 'qk-s11-c01-g1', unitName: '园博北社区第1网格', indicatorCode: 'YL-133', period: '2020-03', field: 'canteens', from: null, to: 1 },
    { row: 3, unitId: 'qk-s11-c01-g1', unitName: '园博北社区第1网格', indicatorCode: 'YL-133', period: '2020-03', field: 'service_points', from: null, to: 2 },
    { row: 4, unitId: 'qk-s01-c01-g1', unitName: expect.any(String), indicatorCode: 'YL-133', period: '2020-04', field: 'trainees', from: null, to: 1200 }
  ])
  expect(await fingerprint(s)).toBe(before)

  const real = await ok({ name: '2020补录.csv', base64: csv(rows), dryRun: false })
  expect(real).toMatchObject({ dryRun: false, written: 2 })
  const report = await s.server.store.getReport('YL-133~qk-s11-c01-g1~2020-03')
  expect(report).toMatchObject({ status: 'submitted', onTime: false, values: { canteens: 1, service_points: 2 }, submittedBy: ADMIN })
  const hist = await s.call('history', { reportId: report!.id }, s.tokenFor(ADMIN))
  expect(hist.body.data.entries.map((e: any) => [e.action, e.comment])).toEqual([['backfill', '表格补录']])

  const after = await districtFigures()
  expect(after.figures.canteens).toBe((figuresBefore.canteens ?? 0) + 1)
  expect(after.figures.trainees).toBe((figuresBefore.trainees ?? 0) + 1200)
  // The same again changes nothing: every row is unchanged.
  const again = await ok({ name: '2020补录.csv', base64: csv(rows), dryRun: true })
  expect(again).toMatchObject({ changes: [], unchanged: [2, 3, 4] })
  // Roll-ups kept on write equal a rebuild from the reports.
  expect((await s.call('rollups.rebuild', {}, s.tokenFor(ADMIN))).body.ok).toBe(true)
  expect(await districtFigures()).toEqual(after)
})

test('an xlsx marked approved stores approved reports, counted in the official (approved-only) table; an approved report is not overwritten unmarked', async () => {
  const rows = [['qk-s11-c01-g1', 'YL-133', '2020-06', 'canteens', 2]]
  const res = await ok({ name: '补录.xlsx', base64: await xlsx(rows), dryRun: false, approved: true })
  expect(res).toMatchObject({ written: 1, approved: true, format: 'xlsx' })
  expect(await s.server.store.getReport('YL-133~qk-s11-c01-g1~2020-06')).toMatchObject({ status: 'approved', values: { canteens: 2 } })
  const official = await s.call('export.table', { year: 2020, version: 'approved' }, s.tokenFor(ADMIN))
  expect(official.body.data.table.rows.find((r: any) => r.code === 'YL-133').narrative).toContain('新建幸福食堂2个')

  const before = await fingerprint(s)
  const unmarked = await backfill({ name: '补录.xlsx', base64: await xlsx([['qk-s11-c01-g1', 'YL-133', '2020-06', 'canteens', 3]]), dryRun: false })
  expect(unmarked.body.error.message).toContain('第3行：园博北社区第1网格2020-06的填报已审核通过，请先重新打开，或选“补录即通过”后再补录')
  expect(await fingerprint(s)).toBe(before)
})

test('npm run admin -- backfill <file> [--dry-run]: the same action from the operator’s command line, beside the running server', async () => {
  const dir = tempDir('gebao-backfill-')
  const good = join(dir, '补录.csv')
  writeFileSync(good, Buffer.from(csv([['qk-s11-c01-g2', 'YL-133', '2020-07', 'trainees', 40]]), 'base64'))
  const bad = join(dir, '有错.csv')
  writeFileSync(bad, Buffer.from(csv([['qk-s11-c01-g2', 'YL-133', '2020-07', 'trainees', 40], ['qk-s11-c01-g2', 'YL-133', '2019-07', 'trainees', 1]]), 'base64'))
  const before = await fingerprint(s)
  const dry = admin(s, 'backfill', good, '--dry-run', '--year', '2020')
  expect(dry.status).toBe(0)
  expect(dry.out).toContain('Dry run: would change 1 value(s) of 2020')
  expect(dry.out).toContain('第2行 园博北社区第2网格 YL-133 2020-07 trainees: — → 40')
  const refused = admin(s, 'backfill', bad, '--year', '2020')
  expect(refused.status).toBe(1)
  expect(refused.err).toContain('第3行：期间2019-07不在2020年计划内')
  expect(await fingerprint(s)).toBe(before)
  const real = admin(s, 'backfill', good, '--year', '2020')
  expect(real.status).toBe(0)
  expect(real.out).toContain('Changed 1 value(s) of 2020 in 1 report(s)')
  expect(await s.server.store.getReport('YL-133~qk-s11-c01-g2~2020-07')).toMatchObject({ status: 'submitted', values: { trainees: 40 } })
  rmSync(dir, { recursive: true, force: true })
}, 60_000)
