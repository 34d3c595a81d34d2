import { writeXlsx } from '../../cloud/export/xlsx'
import { XLSX_FIRST_DATA_ROW, XLSX_HEADER_ROW, XLSX_SHEET_NAME } from '../../cloud/export/xlsx'
import { FONT_CJK, columnWidthsXlsx } from '../../cloud/export/layout'
import { TABLE_HEADERS, buildSelfInspectionTable } from '../../src/core/table'
import { readXlsx, zipPart } from './files'
import { seedTableInput2020 } from './seedFigures2020'

describe('writeXlsx on the 2020 seed table', () => {
  const table = buildSelfInspectionTable(seedTableInput2020())
  let buf: Buffer
  beforeAll(async () => {
    buf = await writeXlsx(table)
  })

  test('is an xlsx zip that exceljs reads back', async () => {
    expect(buf.subarray(0, 2).toString()).toBe('PK')
    const ws = await readXlsx(buf)
    expect(ws.name).toBe(XLSX_SHEET_NAME)
  })

  test('title merged across the six columns, bold and centred', async () => {
    const ws = await readXlsx(buf)
    const a1 = ws.getCell('A1')
    expect(String(a1.value)).toContain('2020年度')
    expect(a1.value).toBe('2020年度区民政局全面建成小康社会目标完成情况自查表')
    expect(a1.font.bold).toBe(true)
    expect(a1.alignment.horizontal).toBe('center')
    expect(ws.getCell('F1').isMerged).toBe(true)
    expect(ws.getCell('F1').master.address).toBe('A1')
  })

  test('单位名称 left and 责任人（签字） right', async () => {
    const ws = await readXlsx(buf)
    expect(ws.getCell('A2').value).toBe('单位名称：硚口区民政局')
    expect(ws.getCell('A2').alignment.horizontal).toBe('left')
    expect(ws.getCell('D2').value).toBe('责任人（签字）：田莉莉')
    expect(ws.getCell('D2').alignment.horizontal).toBe('right')
    expect(ws.getCell('F2').master.address).toBe('D2')
  })

  test('header row, then nine indicator rows with their rates', async () => {
    const ws = await readXlsx(buf)
    const header = ws.getRow(XLSX_HEADER_ROW)
    expect([1, 2, 3, 4, 5, 6].map((c) => header.getCell(c).value)).toEqual([...TABLE_HEADERS])
    expect(ws.rowCount).toBe(XLSX_FIRST_DATA_ROW + 9)
    const seqs = Array.from({ length: 9 }, (_, i) => ws.getCell(XLSX_FIRST_DATA_ROW + i, 1).value)
    expect(seqs).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
    const rates = Array.from({ length: 9 }, (_, i) => ws.getCell(XLSX_FIRST_DATA_ROW + i, 5).value)
    expect(rates).toEqual(['88.9（自报100）', '100', '—（自报100）', '—（自报100）', '100', '100', '98.2（自报100）', '100', '100'])
    expect(String(ws.getCell(XLSX_FIRST_DATA_ROW, 4).value)).toContain('新建幸福食堂2个')
    expect(ws.getCell(XLSX_FIRST_DATA_ROW + 2, 6).value).toContain('先进集体')
    expect(ws.getCell(XLSX_FIRST_DATA_ROW + 1, 6).value).toBe('无')
  })

  test('类型 merged down each category group', async () => {
    const ws = await readXlsx(buf)
    const B = (r: number) => ws.getCell(XLSX_FIRST_DATA_ROW + r, 2)
    // Rows 0–2, 3–4, 5–8 (0-based within the data).
    for (const [start, span, category] of [
      [0, 3, '全面小康基本指标'],
      [3, 2, '创新创优克难攻坚指标'],
      [5, 4, '业务工作指标']
    ] as const) {
      expect(B(start).value).toBe(category)
      for (let i = 0; i < span; i++) {
        expect(B(start + i).isMerged).toBe(true)
        expect(B(start + i).master.address).toBe(B(start).address)
      }
    }
    // No other column is merged in the body.
    expect(ws.getCell(XLSX_FIRST_DATA_ROW + 1, 1).isMerged).toBe(false)
    expect(ws.getCell(XLSX_FIRST_DATA_ROW + 1, 5).isMerged).toBe(false)
    const sheet = await zipPart(buf, 'xl/worksheets/sheet1.xml')
    expect(sheet).toMatch(/<mergeCell ref="B4:B6"\/>/)
    expect(sheet).toMatch(/<mergeCell ref="B7:B8"\/>/)
    expect(sheet).toMatch(/<mergeCell ref="B9:B12"\/>/)
  })

  test('fonts, wrapping, borders and row heights', async () => {
    const ws = await readXlsx(buf)
    for (const addr of ['A1', 'A2', 'A3', 'D3', 'A4', 'C5', 'D12', 'F12']) {
      expect(ws.getCell(addr).font.name).toBe(FONT_CJK)
    }
    const d4 = ws.getCell('D4')
    expect(d4.alignment).toMatchObject({ wrapText: true, vertical: 'middle', horizontal: 'left' })
    expect(ws.getCell('E4').alignment.horizontal).toBe('center')
    expect(d4.border.top?.style).toBe('thin')
    expect(ws.getCell('A3').font.bold).toBe(true)
    // The long narratives get taller rows than the one-liners.
    expect(ws.getRow(4).height).toBeGreaterThan(ws.getRow(5).height)
  })

  test('columns and page: A4 landscape, one page wide, header row repeated', async () => {
    const ws = await readXlsx(buf)
    expect(ws.columns.map((c) => c.width)).toEqual(columnWidthsXlsx())
    expect(ws.pageSetup.orientation).toBe('landscape')
    expect(ws.pageSetup.paperSize).toBe(9)
    expect(ws.pageSetup.fitToPage).toBe(true)
    expect(ws.pageSetup.fitToWidth).toBe(1)
    const sheet = await zipPart(buf, 'xl/worksheets/sheet1.xml')
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/)
    expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"/)
    expect(sheet).toMatch(/<pageSetup[^>]*fitToHeight="0"/)
    const wbXml = await zipPart(buf, 'xl/workbook.xml')
    expect(wbXml).toMatch(/<definedName name="_xlnm.Print_Titles"[^>]*>(&apos;)?自查表(&apos;)?!\$3:\$3<\/definedName>/)
    expect(ws.pageSetup.printTitlesRow).toBe('3:3')
  })
})

test('an empty indicator list gives a valid sheet with the header', async () => {
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), entries: [] })
  const ws = await readXlsx(await writeXlsx(table))
  expect(ws.getCell('A1').value).toBe('2020年度区民政局全面建成小康社会目标完成情况自查表')
  expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(XLSX_HEADER_ROW).getCell(c).value)).toEqual([...TABLE_HEADERS])
  expect(ws.rowCount).toBe(XLSX_HEADER_ROW + 1)
})

test('an empty signer leaves the line for a hand signature', async () => {
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), signer: undefined })
  const ws = await readXlsx(await writeXlsx(table))
  expect(ws.getCell('D2').value).toBe('责任人（签字）：')
})
