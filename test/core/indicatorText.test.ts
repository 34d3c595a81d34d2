import { readFileSync } from 'node:fs'
import { normalizeCellText, parseIndicatorText, type DraftTarget } from '../../src/core/import/indicatorText'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { Indicator } from '../../src/core/indicator'
import type { Target } from '../../src/core/target'
import { SEED_TEXT_PATH, seedRows } from '../import/seedTable'

describe('parseIndicatorText: the issue’s examples', () => {
  test.each<[string, Partial<DraftTarget>]>([
    ['新建老年幸福食堂3个', { kind: 'count', min: 3, unit: '个' }],
    ['每千名老人50张以上', { kind: 'rate', scale: 1000, min: 50, unit: '张' }],
    ['安置率100%', { kind: 'percentage', percent: 1, op: 'eq' }],
    ['覆盖20%街道', { kind: 'percentage', percent: 0.2, op: 'gte' }],
    ['完成50%', { kind: 'progress', percent: 0.5, op: 'gte' }],
    ['持证社工人数达到全区常住人口的万分之五', { kind: 'rate', scale: 10000, min: 5 }],
    ['不超过15个工作日', { kind: 'ceiling', max: 15, unit: '工作日' }],
    ['办结时限不超过15个工作日', { kind: 'ceiling', max: 15, unit: '工作日' }],
    ['感染率控制在1%以内', { kind: 'ceiling', max: 0.01, unit: '%' }],
    ['低保审核确认时限不超过15个工作日', { kind: 'ceiling', max: 15, unit: '工作日' }],
    ['特困人员供养服务机构事故率低于0.5%', { kind: 'ceiling', max: 0.005, unit: '%' }],
    ['投诉件数不超过3件', { kind: 'ceiling', max: 3, unit: '件' }],
    ['临时救助审批时限控制在5个工作日以内', { kind: 'ceiling', max: 5, unit: '工作日' }],
    ['新增社工不少于20人', { kind: 'count', min: 20, unit: '人' }],
    ['每万人10名以上', { kind: 'rate', scale: 10000, min: 10, unit: '名' }],
    ['每100户3个', { kind: 'rate', scale: 100, min: 3, unit: '个' }],
    // A share wins over a count in the same clause; otherwise the last figure is the target.
    ['残疾人两项补贴发放准确率100%', { kind: 'percentage', percent: 1, op: 'eq' }],
    ['在3个街道新建10个站点', { kind: 'count', min: 10, unit: '个' }]
  ])('%s', (text, expected) => {
    const { targets } = parseIndicatorText(text)
    expect(targets).toEqual([{ label: text, ...expected }])
  })

  test('完成土地转让、招投标和地质勘察，力争年内动工: 3 required steps, 1 stretch', () => {
    expect(parseIndicatorText('完成土地转让、招投标和地质勘察，力争年内动工').targets).toEqual([
      {
        kind: 'milestone',
        label: '完成土地转让、招投标和地质勘察，力争年内动工',
        steps: [
          { label: '土地转让', required: true },
          { label: '招投标', required: true },
          { label: '地质勘察', required: true },
          { label: '年内动工', required: false }
        ]
      }
    ])
  })

  test.each(['建立完善养老机构常态防控机制，降低感染率', '加强领导，压实责任'])('no figure, no task list: qualitative (%s)', (text) => {
    expect(parseIndicatorText(text).targets).toEqual([{ kind: 'qualitative', label: text }])
  })

  test('a stretch clause alone is no milestone: a milestone needs a required step', () => {
    expect(parseIndicatorText('力争年内动工').targets).toEqual([{ kind: 'qualitative', label: '力争年内动工' }])
  })

  test('title before the colon; line-wrap gaps of the dump are removed, spaces between Latin words kept', () => {
    expect(parseIndicatorText('养老床位：每千名老人50张以 上')).toEqual({ title: '养老床位', targets: [{ kind: 'rate', label: '每千名老人50张以上', scale: 1000, min: 50, unit: '张' }] })
    expect(normalizeCellText('新建“互联网+居家养老”服  务网点8个\n COVID 19 ')).toBe('新建“互联网+居家养老”服务网点8个COVID 19')
  })

  test('empty text: no title, no targets', () => {
    expect(parseIndicatorText('  ')).toEqual({ title: '', targets: [] })
  })
})

/** The parts of a target the text can state: kind and figures, not field names. */
function fromCatalog(t: Target, ind: Indicator): Partial<DraftTarget> {
  const unit = (key: string) => ind.fields.find((f) => f.key === key)?.unit || undefined
  switch (t.kind) {
    case 'count':
      return { kind: 'count', min: t.min, unit: unit(t.field) }
    case 'rate':
      return { kind: 'rate', scale: t.scale, min: t.min, unit: unit(t.numerator) }
    case 'percentage':
      return { kind: 'percentage', percent: t.percent, op: t.op }
    case 'progress':
      return { kind: 'progress', percent: t.min, op: 'gte' }
    case 'milestone':
      return { kind: 'milestone', steps: t.steps.map((s) => ({ required: s.required })) as DraftTarget['steps'] }
    case 'qualitative':
      return { kind: 'qualitative' }
    case 'ceiling':
      return { kind: 'ceiling', max: t.max, unit: t.field !== undefined ? unit(t.field) : '%' }
  }
}

function comparable(t: DraftTarget): Partial<DraftTarget> {
  const { label: _label, ...rest } = t
  return rest.steps ? { ...rest, steps: rest.steps.map((s) => ({ required: s.required })) as DraftTarget['steps'] } : rest
}

/**
 * Where the text and the catalog differ, and why; the notes say which reading
 * is right. The test fails when a difference appears or goes away.
 */
const KNOWN_DIFFERENCES: Record<string, { text: Partial<DraftTarget>; catalog: Partial<DraftTarget>; why: string }> = {
  'SQ-TEAM/social_workers_per_10000': {
    text: { kind: 'rate', scale: 10000, min: 5 },
    catalog: { kind: 'rate', scale: 10000, min: 5, unit: '人' },
    why: '万分之五 carries no measure word; the catalog takes 人 from its field. Same target.'
  }
}

describe('parseIndicatorText agrees with the seed catalog on every target', () => {
  const rows = seedRows()

  test('the rows come from the seed text and the catalog describes the same nine indicators', () => {
    const seed = normalizeCellText(readFileSync(SEED_TEXT_PATH, 'utf8'))
    expect(rows).toHaveLength(SEED_INDICATORS.length)
    for (const r of rows) expect(seed).toContain(r.content)
  })

  const cases = SEED_INDICATORS.map((ind, i) => [ind.code, ind, i] as const)
  test.each(cases)('%s', (_code, ind, i) => {
    const parsed = parseIndicatorText(rows[i].content)
    expect(parsed.title).toBe(ind.title)
    expect(parsed.targets).toHaveLength(ind.targets.length)
    ind.targets.forEach((t, k) => {
      const known = KNOWN_DIFFERENCES[`${ind.code}/${t.id}`]
      const catalog = JSON.parse(JSON.stringify(fromCatalog(t, ind)))
      if (known) {
        expect(catalog).toEqual(known.catalog)
        expect(comparable(parsed.targets[k])).toEqual(known.text)
      } else {
        expect(comparable(parsed.targets[k])).toEqual(catalog)
      }
    })
  })

  test('labels: the clause as written; these differ from the catalog’s shortened wording', () => {
    const differing = SEED_INDICATORS.flatMap((ind, i) =>
      ind.targets.filter((t, k) => parseIndicatorText(rows[i].content).targets[k].label !== t.label).map((t) => `${ind.code}/${t.id}`)
    )
    expect(differing).toEqual([
      'YL-BED/beds_per_1000',
      'YL-COVID/prevention',
      'SQ-TEAM/team_tasks',
      'SQ-TEAM/social_workers_per_10000',
      'SW-AFF/homeless',
      'SW-AFF/donations',
      'SW-AID/temp_aid',
      'SW-AID/dibao',
      'SW-AID/one_on_one',
      'SW-AID/subsidy',
      'QH-BORDER/atlas',
      'SQ-GOV/covenant',
      'SQ-GOV/counseling'
    ])
  })

  test('a bare 率 after a comma keeps the words before it', () => {
    const labels = parseIndicatorText(rows[5].content).targets.map((t) => t.label)
    expect(labels[2]).toBe('疫情防控社会捐赠款物高效管理，调配使用率100%')
    expect(parseIndicatorText(rows[6].content).targets[3].label).toBe('建立困难残疾人生活补贴和重度残疾人护理补贴系统有序发放三级机制，发放准确率100%')
  })
})
