import { draftPlanFromTables } from '../../src/core/import/draftPlan'
import { wordTables } from '../../cloud/import/wordXml'

const tc = (inner: string, pr = '') => `<w:tc><w:tcPr><w:tcW w:w="1"/>${pr}</w:tcPr>${inner}</w:tc>`
const p = (...runs: string[]) => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${runs.map((r) => `<w:r><w:t xml:space="preserve">${r}</w:t></w:r>`).join('')}</w:p>`

describe('wordTables: document.xml into rows of text', () => {
  test('paragraphs are lines, tab stops are not tabs, entities decode, a gridSpan cell is followed by blanks, vMerge continue reads blank', () => {
    const xml = `<w:document><w:body>${p('附件2：')}<w:tbl><w:tblPr/>
      <w:tr>${tc(p('序号'))}${tc(p('类型'))}${tc(p('A &amp; B'), '<w:gridSpan w:val="2"/>')}</w:tr>
      <w:tr>${tc(p('1'), '<w:vMerge w:val="restart"/>')}${tc(p('创新创', '优'))}${tc(p('第一行') + p('第二&#x884C;'))}${tc('<w:p><w:r><w:t>x</w:t><w:tab/><w:t>y</w:t><w:br/><w:t>z</w:t></w:r></w:p>')}</w:tr>
      <w:tr>${tc(p(''), '<w:vMerge/>')}${tc(p('b'))}${tc(p('c'))}${tc(p('d'))}</w:tr>
    </w:tbl></w:body></w:document>`
    expect(wordTables(xml)).toEqual([
      [
        ['序号', '类型', 'A & B', ''],
        ['1', '创新创优', '第一行\n第二行', 'x\ty\nz'],
        ['', 'b', 'c', 'd']
      ]
    ])
  })

  test('a table inside a cell is that cell’s text, not a table of its own', () => {
    const inner = `<w:tbl><w:tr>${tc(p('内'))}</w:tr></w:tbl>`
    const xml = `<w:tbl><w:tr>${tc(p('外') + inner)}${tc(p('旁'))}</w:tr></w:tbl>`
    expect(wordTables(xml)).toEqual([[['外\n内', '旁']]])
  })
})

describe('draftPlanFromTables', () => {
  test('the header may sit below title rows; a header repeated on a new page and blank rows are skipped', () => {
    const header = ['序号', '类 型', '指标内容及\n指标值', '完成情况', '完成率（%）', '支撑材料']
    const plan = draftPlanFromTables([
      [['会议签到'], ['姓名', '单位']],
      [['2020年度自查表'], header, ['1', '基本指标', '养老床位：每千名老人50张以上', '', '100', ''], ['', '', '', '', '', ''], header, ['', '', '新建老年幸福食堂3个', '', '', '']]
    ])
    expect(plan.layout).toBe('self_inspection')
    expect(plan.indicators.map((i) => [i.seq, i.category, i.title])).toEqual([
      [1, '基本指标', '养老床位'],
      [2, '基本指标', '新建老年幸福食堂3个']
    ])
    expect(plan.warnings).toEqual([])
  })

  test('proposed field keys fit the field key pattern and labels the 20-character limit', () => {
    const plan = draftPlanFromTables([[['类型', '指标名称', '指标值'], ['甲', '很长很长很长很长很长很长很长很长很长很长的指标', '实现疫情期间辖区内流浪人员救助安置率100%；完成土地转让、招投标和地质勘察']]])
    const fields = plan.indicators[0].fields
    expect(fields.map((f) => f.key)).toEqual(['t1_done', 't1_total', 't2_s1', 't2_s2', 't2_s3'])
    for (const f of fields) {
      expect(f.key).toMatch(/^[a-z][a-z0-9_]{0,39}$/)
      expect(f.label.length).toBeGreaterThan(0)
      expect(f.label.length).toBeLessThanOrEqual(20)
    }
  })
})
