import { writeDocx } from '../../cloud/export/docx'
import { docxPageBreaks, planPageBreaks } from '../../cloud/export/pages'
import { FONT_CJK, columnWidthsTwips } from '../../cloud/export/layout'
import { TABLE_HEADERS, buildSelfInspectionTable } from '../../src/core/table'
import { count, zipPart } from './files'
import { seedTableInput2020 } from './seedFigures2020'

/** The text of each table row, cells joined by '|'. */
function rowTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) =>
    [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('|')
  )
}

describe('writeDocx on the 2020 seed table', () => {
  const table = buildSelfInspectionTable(seedTableInput2020())
  let xml: string
  beforeAll(async () => {
    const buf = await writeDocx(table)
    expect(buf.subarray(0, 2).toString()).toBe('PK')
    xml = await zipPart(buf, 'word/document.xml')
  })

  test('pages are numbered in the footer, and the version line follows the table', async () => {
    const buf = await writeDocx(table)
    const footer = await zipPart(buf, 'word/footer1.xml')
    expect(footer).toContain('第 ')
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/)
    expect(xml.indexOf('数据口径：已报送数据（含待审核），工作稿')).toBeGreaterThan(xml.lastIndexOf('</w:tbl>'))
  })

  test('title paragraph, centred and bold, before the unit line', () => {
    const title = xml.indexOf('2020年度区民政局全面建成小康社会目标完成情况自查表')
    expect(title).toBeGreaterThan(-1)
    const para = xml.slice(xml.lastIndexOf('<w:p>', title), title)
    expect(para).toContain('<w:jc w:val="center"/>')
    expect(para).toContain('<w:b/>')
    expect(xml).toContain('单位名称：硚口区民政局')
    expect(xml).toContain('责任人（签字）：田莉莉')
    expect(xml).toMatch(/<w:tab w:val="right" w:pos="\d+"\/>/)
    expect(title).toBeLessThan(xml.indexOf('<w:tbl>'))
  })

  test('a header row opening each planned page (repeated if a row still splits), and nine data rows', () => {
    const pages = docxPageBreaks(table).length + 1
    expect(count(xml, /<w:tbl>/g)).toBe(pages)
    expect(count(xml, /<w:tr[ >]/g)).toBe(9 + pages)
    expect(count(xml, /<w:tblHeader\/>/g)).toBe(pages)
    const rows = rowTexts(xml)
    expect(rows[0]).toBe(TABLE_HEADERS.join('|'))
    expect(rows.filter((r) => r !== TABLE_HEADERS.join('|')).map((r) => r.split('|')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9'])
  })

  test('the 完成率 texts', () => {
    const rates = rowTexts(xml)
      .filter((r) => r !== TABLE_HEADERS.join('|'))
      .map((r) => r.split('|')[4])
    expect(rates).toEqual(['88.9（自报100）', '100', '—（自报100）', '—（自报100）', '100', '100', '98.2（自报100）', '100', '100'])
  })

  test('类型 merged vertically per category group, and named again on each page a group runs onto', () => {
    const breaks = docxPageBreaks(table)
    // The seed table runs over pages: a page break inside a group is what this test is about.
    expect(breaks.length).toBeGreaterThan(0)
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => rowTexts(m[0]).slice(1).map((r) => r.split('|')[1]))
    const byRow = tables.flat()
    expect(byRow).toHaveLength(9)
    // Every page's first row names its 类型; inside a page a group's label shows once.
    for (const page of tables) expect(page[0]).not.toBe('')
    const categories = table.rows.map((r) => r.category)
    byRow.forEach((label, i) => {
      const first = i === 0 || categories[i] !== categories[i - 1] || breaks.includes(i)
      expect(label).toBe(first ? categories[i] : '')
    })
    const merged = new Set(table.groups.filter((g) => g.span > 1).flatMap((g) => Array.from({ length: g.span }, (_, k) => g.start + k)))
    const restarts = [...merged].filter((i) => i === 0 || categories[i] !== categories[i - 1] || breaks.includes(i)).length
    expect(count(xml, /<w:vMerge w:val="restart"\/>/g)).toBe(restarts)
  })

  test('page breaks: greedy under the header row, a row taller than a page gets its own page', () => {
    expect(planPageBreaks([100, 100, 100], 20, 250, 250)).toEqual([2])
    expect(planPageBreaks([100, 100, 100], 20, 150, 250)).toEqual([1])
    expect(planPageBreaks([300, 50, 500, 10], 20, 250, 250)).toEqual([1, 2, 3])
    expect(planPageBreaks([], 20, 250, 250)).toEqual([])
  })

  test('A4 landscape page, fixed column widths, Chinese font on the runs', () => {
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/)
    const firstTable = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'))
    const grid = [...firstTable.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
    expect(grid).toEqual(columnWidthsTwips())
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>')
    expect(xml).toContain(`w:eastAsia="${FONT_CJK}"`)
    expect(count(xml, /<w:rFonts [^>]*w:eastAsia="宋体"/g)).toBeGreaterThan(50)
  })

  test('multi-line cells become separate paragraphs', () => {
    const evidence = rowTexts(xml)[3].split('|')[5]
    expect(evidence).toContain('湖北省抗击新冠肺炎疫情先进集体')
    expect(evidence).toContain('区福利院院长陈捷')
    expect(xml).not.toMatch(/<w:t[^>]*>[^<]*\n/)
  })
})

test('an empty indicator list gives a valid document with the header row', async () => {
  const table = buildSelfInspectionTable({ ...seedTableInput2020(), entries: [] })
  const xml = await zipPart(await writeDocx(table), 'word/document.xml')
  expect(count(xml, /<w:tr[ >]/g)).toBe(1)
  expect(rowTexts(xml)[0]).toBe(TABLE_HEADERS.join('|'))
  expect(xml).not.toContain('w:vMerge')
  expect(xml).toContain('2020年度区民政局')
})
