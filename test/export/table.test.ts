import { indicatorCompletion } from '../../src/core/completion'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { buildSelfInspectionTable, categoryGroups, rateCell, rowCells, selfInspectionTitle } from '../../src/core/table'
import { SEED_FIGURES_2020, seedEntries2020, seedTableInput2020 } from './seedFigures2020'

const byCode = (code: string) => {
  const t = buildSelfInspectionTable(seedTableInput2020())
  const row = t.rows.find((r) => r.code === code)
  if (!row) throw new Error(`no row ${code}`)
  return row
}

describe('the 2020 district table from the seed figures', () => {
  const table = buildSelfInspectionTable(seedTableInput2020())

  test('header: title, unit, signer, year', () => {
    expect(table.title).toBe('2020年度区民政局全面建成小康社会目标完成情况自查表')
    expect(table.unitName).toBe('硚口区民政局')
    expect(table.signer).toBe('田莉莉')
    expect(table.year).toBe(2020)
  })

  test('nine rows in 序号 order, indicator text as title：description', () => {
    expect(table.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(table.rows[0].indicatorText).toBe(
      '“133”居家养老品牌打造：新建“互联网+居家养老”服务网点8个；新建老年幸福食堂3个，提升助餐助洁助医能力和水平；开展养老服务人才培训提升行动，培养培训居家护理人员2000人次'
    )
    expect(table.rows[1].indicatorText).toBe('养老床位：每千名老人50张以上')
  })

  test('three category groups, as the seed merges its 类型 cells', () => {
    expect(table.groups).toEqual([
      { category: '全面小康基本指标', start: 0, span: 3 },
      { category: '创新创优克难攻坚指标', start: 3, span: 2 },
      { category: '业务工作指标', start: 5, span: 4 }
    ])
  })

  test('computed rates', () => {
    expect(byCode('YL-133').computedRate).toBe('88.9')
    expect(byCode('YL-BED').computedRate).toBe('100')
    expect(byCode('SW-AID').computedRate).toBe('98.2')
    expect(byCode('SW-AFF').computedRate).toBe('100')
    expect(byCode('FLY-2').computedRate).toBe('100')
    expect(byCode('QH-BORDER').computedRate).toBe('100')
    expect(byCode('SQ-GOV').computedRate).toBe('100')
    // Unknown, not 0: no verdict yet; exam results not published.
    expect(byCode('YL-COVID').computedRate).toBe('—')
    expect(byCode('SQ-TEAM').computedRate).toBe('—')
  })

  test('the declared 100 is shown beside a computed rate that differs, and only then', () => {
    expect(byCode('YL-133').rateText).toBe('88.9（自报100）')
    expect(byCode('YL-133').rateDiffers).toBe(true)
    expect(byCode('SW-AID').rateText).toBe('98.2（自报100）')
    expect(byCode('YL-COVID').rateText).toBe('—（自报100）')
    expect(byCode('YL-BED').rateText).toBe('100')
    expect(byCode('YL-BED').declaredRate).toBe('100')
    expect(byCode('YL-BED').rateDiffers).toBe(false)
  })

  test('drafted narratives carry the figures', () => {
    expect(byCode('YL-133').narrative).toBe(
      '新建服务网点8个（宗关街2个、长丰街2个、韩家墩街1个、易家街1个、六角亭街1个、汉正街1个），完成目标；新建幸福食堂2个（宗关街1个、长丰街1个），完成目标的66.7%；培训护理人员2000人次，完成目标。'
    )
    expect(byCode('YL-BED').narrative).toBe('每千名户籍老人养老床位58.6张（养老床位9133张，户籍老人15.59万人），超额完成（目标50张）。')
    expect(byCode('SW-AFF').narrative).toContain('流浪人员救助安置率100%（54/54）')
    expect(byCode('SW-AID').narrative).toContain('社区精神康复网络服务覆盖街道18.2%（2/11，韩家墩街、六角亭街），完成目标的90.9%')
    expect(byCode('FLY-2').narrative).toBe('已完成土地转让、招投标、地质勘察；开工建设（力争）尚未完成。')
    expect(byCode('QH-BORDER').narrative).toBe(
      '街道机构设置和基础信息采集完成100%，超额完成（目标50%）；全区界线勘界工作完成100%，超额完成（目标25%）；已完成地名图集编撰。'
    )
    expect(byCode('SQ-GOV').narrative).toBe('居民公约全覆盖100%（136/136）；心理疏导项目16个，完成目标；新培育社会组织610支，超额完成（目标110支）。')
    expect(byCode('SQ-TEAM').narrative).toBe(
      '已完成核定转岗招聘、全覆盖培训、考核机制建立、岗位等级报酬确定；新增持证社工未填报；每万名常住人口持证社工总数未填报。'
    )
    expect(byCode('YL-COVID').narrative).toBe('建立养老机构常态防控机制，安全有序恢复服务秩序：待审核评定。')
    // The rate comparison lives in the 完成率 column, not in the text.
    for (const r of table.rows) expect(r.narrative).not.toContain('自报')
    expect(table.rows.every((r) => r.narrativeSource === 'draft')).toBe(true)
  })

  test('evidence names, and 无 where there is none', () => {
    expect(byCode('YL-COVID').evidence).toHaveLength(2)
    expect(rowCells(byCode('YL-COVID'))[5]).toContain('湖北省抗击新冠肺炎疫情先进集体')
    expect(rowCells(byCode('YL-BED'))[5]).toBe('无')
  })

  test('a reviewer verdict fills the qualitative row', () => {
    const t = buildSelfInspectionTable(seedTableInput2020({ prevention: 'met' }))
    const row = t.rows.find((r) => r.code === 'YL-COVID')!
    expect(row.rateText).toBe('100')
    expect(row.narrative).toBe('建立养老机构常态防控机制，安全有序恢复服务秩序：审核评定为达到。')
  })
})

describe('table options and checks', () => {
  test('the title middle part is an input', () => {
    const t = buildSelfInspectionTable({ ...seedTableInput2020(), titleUnit: '宗关街' })
    expect(t.title).toBe('2020年度宗关街全面建成小康社会目标完成情况自查表')
    expect(selfInspectionTitle(2021)).toBe('2021年度区民政局全面建成小康社会目标完成情况自查表')
  })

  test('an editor narrative replaces the draft; a blank one does not', () => {
    const entries = seedEntries2020()
    entries[0] = { ...entries[0], narrative: '  一是新建8个服务网点。\r\n二是……  ' }
    entries[1] = { ...entries[1], narrative: '   ' }
    const t = buildSelfInspectionTable({ ...seedTableInput2020(), entries })
    expect(t.rows[0].narrative).toBe('一是新建8个服务网点。\n二是……')
    expect(t.rows[0].narrativeSource).toBe('editor')
    expect(t.rows[1].narrativeSource).toBe('draft')
  })

  test('entries are sorted by 序号 whatever order they come in', () => {
    const t = buildSelfInspectionTable({ ...seedTableInput2020(), entries: seedEntries2020().reverse() })
    expect(t.rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  test('no declared rate: the cell is the computed rate alone', () => {
    const entries = seedEntries2020().map((e) => ({ ...e, declaredRate: null }))
    const t = buildSelfInspectionTable({ ...seedTableInput2020(), entries })
    expect(t.rows[0].rateText).toBe('88.9')
    expect(t.rows[0].declaredRate).toBeNull()
  })

  test('a declared rate that rounds to the computed one is not flagged', () => {
    expect(rateCell(0.8889, 88.89).text).toBe('88.9')
    expect(rateCell(2 / 3, 100).text).toBe('66.7（自报100）')
    expect(rateCell(null, null).text).toBe('—')
  })

  test('a category that comes back after another opens a new group', () => {
    expect(categoryGroups([{ category: 'A' }, { category: 'B' }, { category: 'A' }, { category: 'A' }])).toEqual([
      { category: 'A', start: 0, span: 1 },
      { category: 'B', start: 1, span: 1 },
      { category: 'A', start: 2, span: 2 }
    ])
    expect(categoryGroups([])).toEqual([])
  })

  test('inconsistent input throws instead of being patched', () => {
    const entries = seedEntries2020()
    const wrong = { ...entries[0], completion: indicatorCompletion(SEED_INDICATORS[1], SEED_FIGURES_2020['YL-BED']) }
    expect(() => buildSelfInspectionTable({ ...seedTableInput2020(), entries: [wrong] })).toThrow(/YL-BED.*YL-133/)
    expect(() => buildSelfInspectionTable({ ...seedTableInput2020(), entries: [{ ...entries[0], declaredRate: 120 }] })).toThrow(RangeError)
    expect(() => buildSelfInspectionTable({ ...seedTableInput2020(), unitName: '' })).toThrow()
    expect(() => buildSelfInspectionTable({ ...seedTableInput2020(), year: 1999 })).toThrow()
  })
})
