import { ADMIN, COMMUNITY_REVIEWER, GRID_WORKER_UNIT, startServer, STREET_REVIEWER, type Running } from '../server/harness'
import { COVID_EVIDENCE, DISTRICT_RATES_2020, reportSeed2020 } from './reportSeed2020'

/**
 * `export.table` against the real local server and SQLite store: the seed's
 * 2020 figures reported through the API, read back as the 自查表 model.
 */
let s: Running
beforeAll(async () => {
  s = await startServer('2020-12-20T10:00:00+08:00')
  await reportSeed2020(s)
}, 60_000)
afterAll(async () => {
  await s.stop()
})

const table = async (payload: Record<string, unknown>, who = ADMIN) => {
  const res = await s.call('export.table', payload, s.tokenFor(who))
  expect(res.body).toMatchObject({ ok: true })
  return res.body.data
}
const rowOf = (t: any, code: string) => t.table.rows.find((r: any) => r.code === code)

describe('the district 2020 table', () => {
  let data: any
  beforeAll(async () => {
    data = await table({ orgUnitId: 'qk', year: 2020 })
  })

  test('title, unit and a blank 责任人 for the hand signature', () => {
    expect(data.unit.id).toBe('qk')
    expect(data.table.title).toBe('2020年度区民政局全面建成小康社会目标完成情况自查表')
    expect(data.table.unitName).toBe('硚口区民政局')
    expect(data.table.signer).toBe('')
    expect(data.table.year).toBe(2020)
  })

  test('nine rows in 序号 order, with the computed rates of the seed figures', () => {
    expect(data.table.rows.map((r: any) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(rowOf(data, 'YL-133').computedRate).toBe('88.9')
    expect(rowOf(data, 'YL-BED').computedRate).toBe('100')
    expect(rowOf(data, 'SW-AID').computedRate).toBe('98.2')
    expect(data.table.rows.map((r: any) => r.rateText)).toEqual(DISTRICT_RATES_2020)
  })

  test('类型 groups for the merged cells: 3, 2 and 4 rows', () => {
    expect(data.table.groups.map((g: any) => [g.category, g.start, g.span])).toEqual([
      ['全面小康基本指标', 0, 3],
      ['创新创优克难攻坚指标', 3, 2],
      ['业务工作指标', 5, 4]
    ])
  })

  test('the 完成情况 draft breaks the figures down by street', () => {
    const yl = rowOf(data, 'YL-133')
    expect(yl.narrativeSource).toBe('draft')
    expect(yl.narrative).toContain('新建服务网点10个（长丰街8个、古田街2个）')
    expect(yl.narrative).toContain('新建幸福食堂2个（长丰街2个），完成目标的66.7%')
    expect(rowOf(data, 'SW-AID').narrative).toContain('覆盖街道18.2%（2/11，韩家墩街、六角亭街）')
  })

  test('a rate the bureau declared is shown beside the computed one; grid declarations stay at the grid', () => {
    expect(rowOf(data, 'FLY-2')).toMatchObject({ computedRate: '100', declaredRate: '90', rateDiffers: true, rateText: '100（自报90）' })
    expect(rowOf(data, 'YL-133')).toMatchObject({ declaredRate: null, rateText: '88.9' })
  })

  test('支撑材料 lists the evidence of the reports beneath the unit', () => {
    expect(rowOf(data, 'YL-COVID').evidence).toEqual([COVID_EVIDENCE])
    expect(rowOf(data, 'YL-BED').evidence).toEqual([])
  })

  test('a signer given in the payload fills 责任人', async () => {
    expect((await table({ orgUnitId: 'qk', year: 2020, signer: '田莉莉' })).table.signer).toBe('田莉莉')
  })
})

test('the grid that declared 100 for YL-133 has no share of the district\'s counts: 未分解, no computed rate, its declaration beside', async () => {
  const grid = await table({ orgUnitId: GRID_WORKER_UNIT, year: 2020 }, STREET_REVIEWER)
  expect(grid.table.rows.map((r: any) => r.code)).toEqual(['YL-133', 'YL-BED'])
  expect(rowOf(grid, 'YL-133')).toMatchObject({ computedRate: '—', declaredRate: '100', rateDiffers: true, rateText: '—（自报100）' })
  expect(rowOf(grid, 'YL-133').narrative).toBe('新建服务网点8个（未分解）；新建幸福食堂2个（未分解）；培训护理人员2000人次（未分解）。')
})

test("a street's own table: its name, its indicators, a breakdown by community", async () => {
  const street = await table({ year: 2020 }, STREET_REVIEWER)
  expect(street.unit.id).toBe('qk-s11')
  expect(street.table.title).toBe('2020年度长丰街全面建成小康社会目标完成情况自查表')
  expect(street.table.unitName).toBe('长丰街')
  expect(street.table.rows.map((r: any) => r.code)).toEqual(['YL-133', 'YL-BED', 'YL-COVID', 'SQ-TEAM', 'SW-AFF', 'SW-AID', 'SQ-GOV'])
  expect(rowOf(street, 'YL-133').narrative).toContain('新建服务网点8个（园博北社区8个）')
})

describe("an editor's 完成情况", () => {
  const key = { indicatorCode: 'YL-BED', orgUnitId: 'qk', year: 2020 }
  const text = '全区新增养老床位，现有养老床位9133张，每千名老人58.6张。\n（含社区嵌入式床位）'

  test('replaces the draft, says who wrote it, and clearing brings the draft back; history keeps both', async () => {
    const saved = await s.call('export.narrative', { ...key, text: `  ${text}\r\n` }, s.tokenFor(ADMIN))
    expect(saved.body).toMatchObject({ ok: true, data: { narrative: { ...key, text, byId: ADMIN, byName: '田莉莉', at: '2020-12-20T02:00:00.000Z' } } })

    const edited = await table({ orgUnitId: 'qk', year: 2020 })
    expect(rowOf(edited, 'YL-BED')).toMatchObject({ narrative: text, narrativeSource: 'editor', rateText: '100' })
    expect(rowOf(edited, 'YL-133').narrativeSource).toBe('draft')
    expect(edited.edits).toEqual([{ code: 'YL-BED', byId: ADMIN, byName: '田莉莉', at: '2020-12-20T02:00:00.000Z' }])

    s.clock.set('2020-12-20T11:00:00+08:00')
    const cleared = await s.call('export.narrative', { ...key, text: null }, s.tokenFor(ADMIN))
    expect(cleared.body).toEqual({ ok: true, data: { narrative: null } })
    const back = await table({ orgUnitId: 'qk', year: 2020 })
    expect(rowOf(back, 'YL-BED').narrativeSource).toBe('draft')
    expect(rowOf(back, 'YL-BED').narrative).toContain('每千名户籍老人养老床位58.6张')
    expect(back.edits).toEqual([])

    const history = await s.server.store.narrativeHistory('YL-BED', 'qk', 2020)
    expect(history.map((h) => [h.text, h.byName, h.at])).toEqual([
      [text, '田莉莉', '2020-12-20T02:00:00.000Z'],
      [null, '田莉莉', '2020-12-20T03:00:00.000Z']
    ])
  })

  test("a street reviewer edits their own street's table, and it stays out of the district's", async () => {
    const res = await s.call('export.narrative', { indicatorCode: 'YL-133', orgUnitId: 'qk-s11', year: 2020, text: '长丰街新建服务网点8个。' }, s.tokenFor(STREET_REVIEWER))
    expect(res.body.ok).toBe(true)
    expect(rowOf(await table({ year: 2020 }, STREET_REVIEWER), 'YL-133')).toMatchObject({ narrative: '长丰街新建服务网点8个。', narrativeSource: 'editor' })
    expect(rowOf(await table({ orgUnitId: 'qk', year: 2020 }), 'YL-133').narrativeSource).toBe('draft')
  })

  test('a community reviewer reads their community table but not the street above', async () => {
    expect((await table({ year: 2020 }, COMMUNITY_REVIEWER)).table.unitName).toBe('园博北社区')
    const res = await s.call('export.table', { orgUnitId: 'qk-s11', year: 2020 }, s.tokenFor(COMMUNITY_REVIEWER))
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只能查看本辖区的自查表' } })
  })
})
