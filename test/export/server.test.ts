import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { XLSX_FIRST_DATA_ROW, XLSX_HEADER_ROW } from '../../cloud/export/xlsx'
import { TABLE_HEADERS } from '../../src/core/table'
import { ADMIN, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, OTHER_GRID_WORKER, startServer, STREET_REVIEWER, type Running } from '../server/harness'
import { count, readXlsx, zipPart } from './files'
import { DISTRICT_RATES_2020, reportSeed2020 } from './reportSeed2020'

/**
 * `export.file` on the real local server: the files are downloaded over
 * HTTP from the link the action answers, and read back with exceljs and
 * from the docx XML. The downloads are also kept in test-artifacts/export/
 * (git-ignored) for a look in Office or LibreOffice.
 */
// District exports write the completeness grid of 992 grids too: seconds on a busy machine.
jest.setTimeout(30_000)

let s: Running
const ARTIFACTS = join(__dirname, '../../test-artifacts/export')
const NAME = '2020年度区民政局全面建成小康社会目标完成情况自查表'

beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  await reportSeed2020(s)
  mkdirSync(ARTIFACTS, { recursive: true })
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const exportFile = (payload: unknown, who = ADMIN) => s.call('export.file', payload, s.tokenFor(who))
const download = async (url: string) => {
  const res = await fetch(`${s.base}${url}`)
  return { res, buf: Buffer.from(await res.arrayBuffer()) }
}
const exportsDir = () => join(s.dataDir, 'exports')
const exported = () => readdirSync(exportsDir()).sort()

describe('export.file xlsx', () => {
  let data: any
  let buf: Buffer
  beforeAll(async () => {
    const res = await exportFile({ orgUnitId: 'qk', year: 2020, format: 'xlsx' })
    expect(res.body.ok).toBe(true)
    data = res.body.data
    const got = await download(data.url)
    expect(got.res.status).toBe(200)
    expect(got.res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(got.res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`${NAME}.xlsx`)}`)
    buf = got.buf
    writeFileSync(join(ARTIFACTS, `${NAME}.xlsx`), buf)
  })

  test('answers a one-hour, unguessable link on this server', () => {
    expect(data.name).toBe(`${NAME}.xlsx`)
    expect(data.url).toMatch(/^\/exports\/[0-9a-f]{24}\/[^/]+$/)
    expect(decodeURIComponent(data.url.split('/')[3])).toBe(data.name)
    expect(data.expiresAt).toBe('2020-12-20T03:00:00.000Z')
  })

  test('title with 2020年度, header, nine indicator rows and their rates', async () => {
    const ws = await readXlsx(buf)
    expect(String(ws.getCell('A1').value)).toContain('2020年度')
    expect(ws.getCell('A2').value).toBe('单位名称：硚口区民政局')
    expect(ws.getCell('D2').value).toBe('责任人（签字）：')
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(XLSX_HEADER_ROW).getCell(c).value)).toEqual([...TABLE_HEADERS])
    // Nine rows, then the line that says which figures the table rests on.
    expect(ws.rowCount).toBe(XLSX_FIRST_DATA_ROW + 9)
    expect(ws.getCell(XLSX_FIRST_DATA_ROW + 9, 1).value).toBe('数据口径：已报送数据（含待审核），工作稿')
    const col = (c: number) => Array.from({ length: 9 }, (_, i) => ws.getCell(XLSX_FIRST_DATA_ROW + i, c).value)
    expect(col(1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    // Plain rates are numbers (one decimal shown); a rate with a declaration beside it, or unknown, stays text.
    expect(col(5)).toEqual(DISTRICT_RATES_2020.map((r) => (/^\d+(\.\d)?$/.test(r) ? Number(r) : r)))
    expect(String(col(4)[0])).toContain('长丰街8个、古田街2个')
  })

  test('类型 merged down each category group', async () => {
    const ws = await readXlsx(buf)
    const B = (i: number) => ws.getCell(XLSX_FIRST_DATA_ROW + i, 2)
    const masters = Array.from({ length: 9 }, (_, i) => B(i).master.address)
    const top = (i: number) => `B${XLSX_FIRST_DATA_ROW + i}`
    expect(masters).toEqual([top(0), top(0), top(0), top(3), top(3), top(5), top(5), top(5), top(5)])
    expect([B(0).value, B(3).value, B(5).value]).toEqual(['全面小康基本指标', '创新创优克难攻坚指标', '业务工作指标'])
  })
})

describe('export.file docx', () => {
  let xml: string
  beforeAll(async () => {
    const res = await exportFile({ orgUnitId: 'qk', year: 2020, format: 'docx', signer: '田莉莉' })
    expect(res.body).toMatchObject({ ok: true, data: { name: `${NAME}.docx` } })
    const { res: got, buf } = await download(res.body.data.url)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    writeFileSync(join(ARTIFACTS, `${NAME}.docx`), buf)
    xml = await zipPart(buf, 'word/document.xml')
  })

  /** The text of each table row, cells joined by '|'. */
  const rowTexts = () =>
    [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('|')
    )

  test('title with 2020年度, the signer, one header row and nine indicator rows with their rates', () => {
    expect(xml).toContain(`${NAME}<`)
    expect(xml).toContain('责任人（签字）：田莉莉')
    const rows = rowTexts()
    expect(rows[0]).toBe(TABLE_HEADERS.join('|'))
    // A header row opens each page's table (pages.ts plans the breaks).
    const body = rows.filter((r) => r !== TABLE_HEADERS.join('|'))
    expect(count(xml, /<w:tr[ >]/g)).toBe(9 + count(xml, /<w:tbl>/g))
    expect(body.map((r) => r.split('|')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
    expect(body.map((r) => r.split('|')[4])).toEqual(DISTRICT_RATES_2020)
  })

  test('类型 merged vertically, each page part of a group naming it: restarts + continues cover the rows of merged groups', () => {
    const restarts = count(xml, /<w:vMerge w:val="restart"\/>/g)
    const continues = count(xml, /<w:vMerge(?: w:val="continue")?\/>/g)
    expect(restarts).toBeGreaterThanOrEqual(3)
    // Groups of 3, 2 and 4 rows: 9 rows in merged cells, whatever the breaks.
    expect(restarts + continues).toBe(9)
  })
})

describe('download links', () => {
  test('work until the hour is up, then are refused and removed; the next export sweeps old ones', async () => {
    s.clock.set('2020-12-20T12:00:00+08:00')
    const { body } = await exportFile({ orgUnitId: 'qk', year: 2020, format: 'xlsx' })
    s.clock.set('2020-12-20T12:59:59+08:00')
    expect((await download(body.data.url)).res.status).toBe(200)
    s.clock.set('2020-12-20T13:00:00+08:00')
    const late = await download(body.data.url)
    expect(late.res.status).toBe(404)
    expect(JSON.parse(late.buf.toString())).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '下载链接已过期，请重新导出' } })
    expect(exported()).not.toContain(body.data.url.split('/')[2])
    // The earlier exports (10:00) expired too: the next export clears them away.
    const fresh = await exportFile({ orgUnitId: 'qk', year: 2020, format: 'docx' })
    expect(exported()).toEqual([fresh.body.data.url.split('/')[2]])
  })

  test('a random token, a wrong name or a path trick finds nothing', async () => {
    const { body } = await exportFile({ orgUnitId: 'qk', year: 2020, format: 'xlsx' })
    const [, , token, name] = body.data.url.split('/')
    for (const url of [`/exports/${'0'.repeat(24)}/${name}`, `/exports/${token}/other.xlsx`, `/exports/${token}/.meta.json`, `/exports/${token.slice(1)}/${name}`, `/exports/..%2F..%2Fgebao.db/x`]) {
      const { res, buf } = await download(url)
      expect([url, res.status]).toEqual([url, 404])
      expect(buf.toString()).not.toContain('PK')
    }
    expect((await download(body.data.url)).res.status).toBe(200)
  })
})

describe('refused requests change nothing', () => {
  const refused = async (action: string, payload: unknown, who: string | null, code: string, message?: string) => {
    const before = await fingerprint(s)
    const files = exported()
    const res = await s.call(action, payload, who ? s.tokenFor(who) : undefined)
    expect([action, JSON.stringify(payload), res.body.ok, res.body.error?.code]).toEqual([action, JSON.stringify(payload), false, code])
    if (message) expect(res.body.error.message).toBe(message)
    expect(await fingerprint(s)).toBe(before)
    expect(exported()).toEqual(files)
    return res
  }
  const edit = { indicatorCode: 'YL-133', orgUnitId: 'qk', year: 2020, text: '新写的完成情况' }

  test('grid workers may not export or edit the table', async () => {
    for (const who of [GRID_WORKER, OTHER_GRID_WORKER]) {
      await refused('export.file', { year: 2020, format: 'xlsx' }, who, 'FORBIDDEN', '只有审核人员可以导出自查表')
      await refused('export.table', { year: 2020 }, who, 'FORBIDDEN', '只有审核人员可以查看自查表')
      await refused('export.narrative', { ...edit, orgUnitId: 'qk-s11-c01-g1' }, who, 'FORBIDDEN', '只有审核人员可以修改自查表')
    }
  })

  test('reviewers reach only their own subtree', async () => {
    await refused('export.file', { orgUnitId: 'qk', year: 2020, format: 'docx' }, STREET_REVIEWER, 'FORBIDDEN', '只能导出本辖区的自查表')
    await refused('export.file', { orgUnitId: 'qk-s01', year: 2020, format: 'xlsx' }, STREET_REVIEWER, 'FORBIDDEN')
    await refused('export.file', { orgUnitId: 'qk-s11-c02', year: 2020, format: 'xlsx' }, COMMUNITY_REVIEWER, 'FORBIDDEN')
    await refused('export.narrative', edit, STREET_REVIEWER, 'FORBIDDEN', '只能修改本辖区的自查表')
    await refused('export.narrative', { ...edit, orgUnitId: 'qk-s01', text: null }, STREET_REVIEWER, 'FORBIDDEN')
  })

  test('unknown units and indicators, and no session', async () => {
    await refused('export.file', { orgUnitId: 'qk-s99', year: 2020, format: 'xlsx' }, ADMIN, 'NOT_FOUND', '没有这个单位')
    await refused('export.narrative', { ...edit, indicatorCode: 'NOPE-1' }, ADMIN, 'NOT_FOUND', '没有这个指标')
    await refused('export.file', { year: 2020, format: 'xlsx' }, null, 'UNAUTHENTICATED')
    await refused('export.narrative', edit, null, 'UNAUTHENTICATED')
  })

  const BAD: [string, unknown][] = [
    ['export.file', { year: 2020 }],
    ['export.file', { year: 2020, format: 'pdf' }],
    ['export.file', { year: '2020', format: 'xlsx' }],
    ['export.file', { year: 2020.5, format: 'xlsx' }],
    ['export.file', { year: 1999, format: 'xlsx' }],
    ['export.file', { year: 2021, format: 'xlsx' }],
    ['export.file', { format: 'xlsx' }],
    ['export.file', { year: 2020, format: 'xlsx', orgUnitId: 'QK' }],
    ['export.file', { year: 2020, format: 'xlsx', orgUnitId: '' }],
    ['export.file', { year: 2020, format: 'xlsx', signer: '田'.repeat(31) }],
    ['export.file', { year: 2020, format: 'xlsx', signer: '田莉\u0007莉' }],
    ['export.file', { year: 2020, format: 'xlsx', extra: 1 }],
    ['export.file', [2020, 'xlsx']],
    ['export.table', { year: 2020, format: 'xlsx' }],
    ['export.table', { year: null }],
    ['export.narrative', { indicatorCode: 'YL-133', orgUnitId: 'qk', year: 2020 }],
    ['export.narrative', { ...edit, text: '' }],
    ['export.narrative', { ...edit, text: ' \n\t ' }],
    ['export.narrative', { ...edit, text: '字'.repeat(2001) }],
    ['export.narrative', { ...edit, text: 42 }],
    ['export.narrative', { ...edit, text: '含有\u0000控制字符' }],
    ['export.narrative', { ...edit, indicatorCode: 'yl-133' }],
    ['export.narrative', { ...edit, orgUnitId: undefined }],
    ['export.narrative', { ...edit, year: 2021 }],
    ['export.narrative', { ...edit, orgUnitId: 'qk-s11', indicatorCode: 'FLY-2' }],
    ['export.narrative', { ...edit, by: 'u-admin' }]
  ]

  test.each(BAD.map(([a, p], i) => [i, a, p] as const))('bad input %i (%s) is BAD_INPUT with a Chinese message', async (_i, action, payload) => {
    const res = await refused(action, payload, ADMIN, 'BAD_INPUT')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
  })
})
