import { writeDocx } from '../../cloud/export/docx'
import { XLSX_FIRST_DATA_ROW } from '../../cloud/export/xlsx'
import { XLSX_MAX_ROW_PT } from '../../cloud/export/layout'
import { writeXlsx } from '../../cloud/export/xlsx'
import { NARRATIVE_SOFT_LIMIT, buildSelfInspectionTable } from '../../src/core/table'
import { readXlsx, zipPart } from './files'
import { seedEntries2020, seedTableInput2020 } from './seedFigures2020'

// Decision: a 完成情况 longer than a printed cell holds is kept whole in both
// files and reported in table.warnings; the editor shortens it, not the code.
describe('a narrative over the cell limit', () => {
  const long = `一是${'持续深化居家养老服务，'.repeat(300)}完。`
  const entries = seedEntries2020()
  entries[3] = { ...entries[3], narrative: long }
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), entries })

  test('is kept whole and reported', () => {
    expect(long.length).toBeGreaterThan(NARRATIVE_SOFT_LIMIT)
    expect(table.rows[3].narrative).toBe(long)
    expect(table.warnings).toEqual([{ kind: 'long_narrative', code: 'SQ-TEAM', seq: 4, length: long.length }])
  })

  test('the seed-sized drafts raise no warning', () => {
    expect(buildSelfInspectionTable(seedTableInput2020()).warnings).toEqual([])
  })

  test('xlsx keeps every character; the row stops at Excel’s maximum height', async () => {
    const ws = await readXlsx(await writeXlsx(table))
    expect(ws.getCell(XLSX_FIRST_DATA_ROW + 3, 4).value).toBe(long)
    expect(ws.getRow(XLSX_FIRST_DATA_ROW + 3).height).toBe(XLSX_MAX_ROW_PT)
  })

  test('docx keeps every character', async () => {
    const xml = await zipPart(await writeDocx(table), 'word/document.xml')
    expect(xml).toContain(long)
  })
})

test('characters no Office file may hold are dropped, so both files still open', async () => {
  const entries = seedEntries2020()
  entries[0] = { ...entries[0], narrative: '网点\u0000已建\u0007成\u001F。\r\n第二行', evidence: ['照片\u000B一', '  ', '文件二'] }
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), signer: '田\u0008莉莉', entries })
  expect(table.rows[0].narrative).toBe('网点已建成。\n第二行')
  expect(table.rows[0].evidence).toEqual(['照片一', '文件二'])
  expect(table.signer).toBe('田莉莉')
  const ws = await readXlsx(await writeXlsx(table))
  expect(ws.getCell(XLSX_FIRST_DATA_ROW, 4).value).toBe('网点已建成。\n第二行')
  const xml = await zipPart(await writeDocx(table), 'word/document.xml')
  expect(xml).toContain('网点已建成。')
  expect(xml).toContain('第二行')
})

test('XML-special characters are escaped, not broken', async () => {
  const entries = seedEntries2020()
  entries[0] = { ...entries[0], narrative: 'A<B & "C" > D' }
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), unitName: '硚口区民政局<测试>', entries })
  const ws = await readXlsx(await writeXlsx(table))
  expect(ws.getCell(XLSX_FIRST_DATA_ROW, 4).value).toBe('A<B & "C" > D')
  expect(ws.getCell('A2').value).toBe('单位名称：硚口区民政局<测试>')
  const xml = await zipPart(await writeDocx(table), 'word/document.xml')
  expect(xml).toContain('A&lt;B &amp; ')
})

test('a single-row category group is not merged', async () => {
  const entries = seedEntries2020().slice(3, 6) // two 创新创优 rows, one 业务工作 row
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), entries })
  expect(table.groups.map((g) => g.span)).toEqual([2, 1])
  const ws = await readXlsx(await writeXlsx(table))
  expect(ws.getCell(XLSX_FIRST_DATA_ROW + 2, 2).isMerged).toBe(false)
  expect(ws.getCell(XLSX_FIRST_DATA_ROW + 2, 2).value).toBe('业务工作指标')
  const xml = await zipPart(await writeDocx(table), 'word/document.xml')
  expect((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBe(1)
})
