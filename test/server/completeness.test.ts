import ExcelJS from 'exceljs'
import { COMPLETENESS_SHEET_NAME } from '../../cloud/completeness/xlsx'
import { ADMIN, clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, STREET_REVIEWER, type Running } from './harness'

/**
 * The completeness grid through the real server: units × periods, marked
 * on time, late, returned, missing (with late windows) or not yet due;
 * scoped, filtered and paged; "立即提醒" once a day; and the grid as the
 * 自查表 xlsx's second sheet, read back with exceljs.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  const submit = async (who: string, orgUnitId: string, period: string) => {
    const res = await s.call('submit', { report: { clientId: clientId('cmp'), indicatorCode: 'YL-133', orgUnitId, period, values: { service_points: 1, canteens: 0, trainees: 5 } } }, s.tokenFor(who))
    expect(res.body.ok).toBe(true)
    return res.body.data.report
  }
  await submit(GRID_WORKER, GRID_WORKER_UNIT, '2020-12')
  // November was due on 12-05: still open (grace), so it comes in late.
  await submit(GRID_WORKER, GRID_WORKER_UNIT, '2020-11')
  const r = await submit('u-grid-2', 'qk-s11-c01-g2', '2020-12')
  const back = await s.call('review', { reportId: r.id, version: r.version, decision: 'return', comment: '请核对' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(back.body.ok).toBe(true)
  const opened = await s.call('period.open', { indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-09', until: '2020-12-31', reason: '补报九月' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(opened.body.ok).toBe(true)
})
afterAll(async () => {
  await s.stop()
})

const grid = (payload: Record<string, unknown>, who = COMMUNITY_REVIEWER) => s.call('completeness', { indicatorCode: 'YL-133', year: 2020, ...payload }, s.tokenFor(who))
const statusOf = (row: any, period: string) => row.cells.find((c: any) => c.period === period)

test('the community reviewer sees each of its grids × the twelve months', async () => {
  const res = await grid({})
  expect(res.body.ok).toBe(true)
  const d = res.body.data
  expect(d.periods).toHaveLength(12)
  expect(d.today).toBe('2020-12-20')
  expect(d.rows.every((r: any) => r.unit.path.startsWith('/qk/qk-s11/qk-s11-c01/'))).toBe(true)
  const g1 = d.rows.find((r: any) => r.unit.id === GRID_WORKER_UNIT)
  const g2 = d.rows.find((r: any) => r.unit.id === 'qk-s11-c01-g2')
  expect(g1.street).toEqual({ id: 'qk-s11', name: '长丰街' })
  expect(g1.community).toMatchObject({ id: 'qk-s11-c01', name: '园博北社区' })
  expect(statusOf(g1, '2020-12')).toMatchObject({ status: 'on_time', due: '2021-01-05' })
  expect(statusOf(g1, '2020-11')).toMatchObject({ status: 'late' })
  expect(statusOf(g1, '2020-10')).toMatchObject({ status: 'missing' })
  expect(statusOf(g1, '2020-09')).toMatchObject({ status: 'missing', openUntil: '2020-12-31' })
  expect(statusOf(g2, '2020-12')).toMatchObject({ status: 'returned' })
  expect(statusOf(g2, '2020-11')).toMatchObject({ status: 'missing' })
  expect(d.next).toBeNull()
})

test('filters by status and by street, and pages with a cursor that neither skips nor repeats', async () => {
  const returned = (await grid({ status: 'returned' })).body.data.rows
  expect(returned.map((r: any) => r.unit.id)).toEqual(['qk-s11-c01-g2'])
  const all = (await grid({}, ADMIN)).body.data
  // The admin sees the first 50 grids of the district; the street filter narrows it to 长丰街.
  expect(all.rows).toHaveLength(50)
  expect(all.next).not.toBeNull()
  const street = (await grid({ streetId: 'qk-s11', limit: 200 }, ADMIN)).body.data
  expect(street.rows.length).toBeGreaterThan(0)
  expect(street.rows.every((r: any) => r.street.id === 'qk-s11')).toBe(true)
  const seen: string[] = []
  let after: string | null = null
  for (let i = 0; i < 100; i++) {
    const page: any = (await grid({ streetId: 'qk-s11', limit: 7, ...(after ? { after } : {}) }, ADMIN)).body.data
    seen.push(...page.rows.map((r: any) => r.unit.id))
    if (!page.next) break
    after = page.next
  }
  expect(seen).toEqual(street.rows.map((r: any) => r.unit.id))
})

test('scope and bad input: clear Chinese errors, nothing changed', async () => {
  const before = await fingerprint(s)
  expect((await grid({}, GRID_WORKER)).body.error.code).toBe('FORBIDDEN')
  expect((await grid({ streetId: 'qk-s01' }, STREET_REVIEWER)).body.error).toMatchObject({ code: 'FORBIDDEN', message: '只能查看本辖区的数据' })
  expect((await grid({ status: 'late_ish' })).body.error.code).toBe('BAD_INPUT')
  expect((await grid({ indicatorCode: 'NOPE-1' })).body.error).toMatchObject({ code: 'BAD_INPUT', message: '2020年的计划里没有这项指标' })
  expect((await grid({ indicatorCode: 'FLY-2' })).body.error).toMatchObject({ code: 'BAD_INPUT', message: '这项指标由上级单位填报，不在本辖区的完成情况里' })
  expect((await grid({ after: 'not a path' })).body.error.code).toBe('BAD_INPUT')
  expect((await s.call('completeness.remind', { orgUnitId: 'qk-s01-c01-g1' }, s.tokenFor(COMMUNITY_REVIEWER))).body.error.code).toBe('FORBIDDEN')
  expect((await s.call('completeness.remind', { orgUnitId: GRID_WORKER_UNIT }, s.tokenFor(GRID_WORKER))).body.error.code).toBe('FORBIDDEN')
  expect(await fingerprint(s)).toBe(before)
})

test('立即提醒 reminds the unit\'s people once a day: a second click sends nothing more', async () => {
  const first = await s.call('completeness.remind', { orgUnitId: GRID_WORKER_UNIT }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(first.body).toMatchObject({ ok: true, data: { people: 1, sent: 1 } })
  expect(first.body.data.message).toBe(`已提醒${first.body.data.unit.name}的1人`)
  const second = await s.call('completeness.remind', { orgUnitId: GRID_WORKER_UNIT }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(second.body.data).toMatchObject({ sent: 0, alreadyReminded: 1 })
  expect(second.body.data.message).toContain('今天已经提醒过')
  const outbox = (await s.call('reminders.outbox', { personId: GRID_WORKER }, s.tokenFor(ADMIN))).body.data.entries
  expect(outbox.filter((e: any) => e.status === 'sent')).toHaveLength(1)
  // A unit without people says so.
  const empty = await s.call('completeness.remind', { orgUnitId: 'qk-s11-c01-g3' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(empty.body.error).toMatchObject({ code: 'BAD_INPUT' })
  expect(empty.body.error.message).toContain('还没有人员')
})

async function sheetOf(url: string, index: number) {
  const res = await fetch(`${s.base}${url}`)
  expect(res.status).toBe(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never)
  return book.worksheets[index]
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = []
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  return out
}

test('the 自查表 xlsx has a second sheet: units × periods, marked on time, late, returned or missing', async () => {
  const res = await s.call('export.file', { orgUnitId: 'qk-s11-c01', year: 2020, format: 'xlsx' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(res.body.ok).toBe(true)
  const ws = await sheetOf(res.body.data.url, 1)
  expect(ws.name).toBe(COMPLETENESS_SHEET_NAME)
  const rows = rowsOf(ws)
  expect(rows[0][0]).toBe('2020年度园博北社区填报完成情况')
  const heading = rows.findIndex((r) => r[0].startsWith('1. “133”居家养老品牌打造'))
  expect(heading).toBeGreaterThan(0)
  expect(rows[heading + 1].slice(0, 5)).toEqual(['街道', '社区', '单位', '1月', '2月'])
  const g1 = rows.slice(heading + 2).find((r) => r.includes('未报（补开至12-31）'))!
  expect(g1.slice(0, 2)).toEqual(['长丰街', '园博北社区'])
  expect(g1[3 + 8]).toBe('未报（补开至12-31）')
  expect(g1[3 + 9]).toBe('未报')
  expect(g1[3 + 10]).toBe('迟报')
  expect(g1[3 + 11]).toBe('按时')
  const g2 = rows.slice(heading + 2).find((r) => r.includes('退回'))!
  expect(g2[3 + 11]).toBe('退回')
  // The counts at the end: 按时, 迟报, 退回, 未报.
  expect(g1.slice(15, 19).map(Number)).toEqual([1, 1, 0, 10])
})

test('completeness.file downloads the page\'s grid with its filter', async () => {
  const res = await s.call('completeness.file', { indicatorCode: 'YL-133', year: 2020, status: 'returned' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(res.body.ok).toBe(true)
  expect(res.body.data.name).toBe('2020年度园博北社区填报完成情况-YL-133.xlsx')
  const rows = rowsOf(await sheetOf(res.body.data.url, 0))
  const units = rows.slice(rows.findIndex((r) => r[0] === '街道') + 1)
  expect(units).toHaveLength(1)
  expect(units[0]).toContain('退回')
})

test('the export takes a signer and a "附件N：" line, in the xlsx and the docx; the approved-only version says so', async () => {
  const payload = { orgUnitId: 'qk-s11-c01', year: 2020, signer: '王芳', attachment: 2, version: 'approved' }
  const x = await s.call('export.file', { ...payload, format: 'xlsx' }, s.tokenFor(COMMUNITY_REVIEWER))
  const rows = rowsOf(await sheetOf(x.body.data.url, 0))
  expect(rows[0][0]).toBe('附件2：')
  expect(rows[1][0]).toContain('2020年度')
  expect(rows[2].join('')).toContain('责任人（签字）：王芳')
  expect(rows.some((r) => r[0] === '数据口径：仅审核通过的数据，正式版')).toBe(true)
  const d = await s.call('export.file', { ...payload, format: 'docx' }, s.tokenFor(COMMUNITY_REVIEWER))
  const res = await fetch(`${s.base}${d.body.data.url}`)
  const { default: JSZip } = await import('jszip')
  const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string')
  const text = xml.replace(/<[^>]+>/g, '')
  expect(text.indexOf('附件2：')).toBeGreaterThanOrEqual(0)
  expect(text.indexOf('附件2：')).toBeLessThan(text.indexOf('2020年度'))
  expect(text).toContain('责任人（签字）：王芳')
  const bad = await s.call('export.file', { ...payload, attachment: 0, format: 'xlsx' }, s.tokenFor(COMMUNITY_REVIEWER))
  expect(bad.body.error.code).toBe('BAD_INPUT')
})

test('export.narrativeHistory lists every change to a row, oldest first', async () => {
  const who = s.tokenFor(COMMUNITY_REVIEWER)
  const key = { indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01', year: 2020 }
  expect((await s.call('export.narrative', { ...key, text: '第一稿' }, who)).body.ok).toBe(true)
  expect((await s.call('export.narrative', { ...key, text: '第二稿' }, who)).body.ok).toBe(true)
  expect((await s.call('export.narrative', { ...key, text: null }, who)).body.ok).toBe(true)
  const h = await s.call('export.narrativeHistory', key, who)
  expect(h.body.data.changes.map((c: any) => [c.text, c.byName])).toEqual([['第一稿', '王芳'], ['第二稿', '王芳'], [null, '王芳']])
  expect((await s.call('export.narrativeHistory', { ...key, orgUnitId: 'qk-s01-c01' }, who)).body.error.code).toBe('FORBIDDEN')
})
