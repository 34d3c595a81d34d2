import { chatPreview } from '../../src/core/chat/preview'
import { draftPlanFromTables } from '../../src/core/import/draftPlan'
import { checkIndicator } from '../../src/core/plan/check'
import { indicatorsFromDraft } from '../../src/core/plan/fromDraft'
import { blankTarget, formOf, formsOf, TARGET_KINDS, TARGET_KIND_ORDER } from '../../src/core/plan/targetKinds'
import { SEED_INDICATORS, SEED_INDICATORS_INPUT } from '../../src/core/seed/catalog'
import { indicatorCellText } from '../../src/core/table'
import { SEED_HEADER, seedRows } from '../import/seedTable'

const canteens = SEED_INDICATORS_INPUT.find((i) => i.code === 'YL-133')!

describe('the designer checks an indicator by the server’s schema, in Chinese, by place', () => {
  test('a valid seed item passes, with the defaults filled in', () => {
    const r = checkIndicator(canteens)
    expect(r.ok).toBe(true)
  })

  test('each problem is a sentence at its own input', () => {
    const broken = {
      ...canteens,
      title: '',
      category: '',
      fields: [{ ...canteens.fields![0], label: '' }, ...canteens.fields!.slice(1)],
      targets: [{ ...canteens.targets![0], min: -1 }, { id: 'x', kind: 'count', label: '网点', field: 'nope', min: 2 }]
    }
    const r = checkIndicator(broken)
    if (r.ok) throw new Error('expected problems')
    expect(r.problems).toMatchObject({
      title: '请填指标名称，最多40个字',
      category: '请填类型，最多30个字',
      'fields.0.label': '请填字段名，最多20个字',
      'targets.0.min': '目标要大于0（进度目标在0%到100%之间）'
    })
    expect(r.problems['targets.1.field']).toBe('目标要读的字段“nope”不存在，请选一个字段')
  })

  test('a field whose minimum is above its maximum is named at the maximum', () => {
    const r = checkIndicator({ ...canteens, fields: [{ ...canteens.fields![0], min: 5, max: 1 }, ...canteens.fields!.slice(1)] })
    expect(r.ok ? null : r.problems['fields.0.max']).toBe('最小值不能大于最大值')
  })
})

describe('every target kind has one description, and a blank one of each passes the schema', () => {
  test.each(TARGET_KIND_ORDER)('%s', (kind) => {
    const spec = TARGET_KINDS[kind]
    const fields = [
      // A field under a ceiling says how units combine (schema/indicator.ts).
      { key: 'a', label: '完成数', kind: spec.refs[0]?.fieldKinds[0] ?? 'count', ...(kind === 'ceiling' ? { combine: { rule: 'sum' } } : {}) },
      { key: 'b', label: '总数', kind: 'count' },
      { key: 's', label: '第一步', kind: 'step' }
    ]
    const t = blankTarget(kind, 't1', spec.example, { field: 'a', numerator: 'a', denominator: 'b' }, ['s'])
    const r = checkIndicator({ ...canteens, fields, targets: [t] })
    expect(r.ok ? 'ok' : r.problems).toBe('ok')
  })
})

test('the chat preview asks each field with the engine’s own question', () => {
  const seed = SEED_INDICATORS.find((i) => i.code === 'YL-133')!
  const asked = chatPreview(seed)
  expect(asked[0].text.split('\n')[0]).toBe('请填「新建服务网点」（个）')
  expect(asked.map((a) => a.slot)).toEqual(expect.arrayContaining(['service_points', 'canteens']))
})

test('the 指标内容 cell reads title：description, as the 自查表 prints it', () => {
  expect(indicatorCellText(SEED_INDICATORS.find((i) => i.code === 'YL-BED')!)).toBe('养老床位：每千名老人50张以上')
})

test('an imported seed draft opens in the designer as items the server would take once 类型 is filled', () => {
  const rows = seedRows()
  const table = [SEED_HEADER, ...rows.map((r) => [r.seq, r.category, r.content, r.done, r.rate, r.evidence])]
  const draft = draftPlanFromTables([table])
  const items = indicatorsFromDraft(draft.indicators, 2021, [{ code: 'YL-BED', title: '养老床位' }])
  expect(items.map((i) => i.seq)).toEqual(draft.indicators.map((d) => d.seq))
  const bed = items.find((i) => i.title === '养老床位')!
  expect(bed.code).toBe('YL-BED')
  expect(bed.description).toBe('每千名老人50张以上')
  for (const it of items) {
    const r = checkIndicator({ ...it, category: it.category || '基础指标' })
    const bad = r.ok ? {} : r.problems
    expect([it.title, bad]).toEqual([it.title, {}])
  }
})

describe('review chain and how fields combine: the server’s sentences, at the designer’s inputs', () => {
  test('a chain that is not above the report level, or empty, is named at reviewChain', () => {
    const low = checkIndicator({ ...canteens, reportLevel: 'street', reviewChain: ['community', 'district'] })
    expect(low.ok ? null : low.problems.reviewChain).toBe('审核层级须从下往上排列，且都高于填报层级')
    const empty = checkIndicator({ ...canteens, reviewChain: [] })
    expect(empty.ok ? null : empty.problems.reviewChain).toBe('逐级审核请选一到三级审核层级，或改选单级审核')
    const good = checkIndicator({ ...canteens, reportLevel: 'grid', reviewChain: ['community', 'district'] })
    expect(good.ok && good.indicator.reviewChain).toEqual(['community', 'district'])
  })

  const ceilingItem = (fields: Record<string, unknown>[]) => ({
    ...canteens,
    fields,
    targets: [{ id: 'days', kind: 'ceiling', label: '平均审核时限不超过15个工作日', field: 'avg_days', max: 15 }]
  })

  test('a field a ceiling reads without combine is named at that field’s combine', () => {
    const r = checkIndicator(ceilingItem([{ key: 'cases', label: '审核件数', kind: 'count' }, { key: 'avg_days', label: '平均审核时限', kind: 'amount' }]))
    if (r.ok) throw new Error('expected problems')
    expect(r.problems).toEqual({ 'fields.1.combine': '上限目标读的字段“avg_days”须说明各单位如何合计（相加、加权平均或取最大）' })
  })

  test('a weighted mean names its weight, a count field, next to the weight picker', () => {
    const blank = checkIndicator(ceilingItem([{ key: 'cases', label: '审核件数', kind: 'count' }, { key: 'avg_days', label: '平均审核时限', kind: 'amount', combine: { rule: 'mean', weight: '' } }]))
    expect(blank.ok ? null : blank.problems['fields.1.combine.weight']).toBe('请选加权平均按哪个计数字段加权')
    const self = checkIndicator(ceilingItem([{ key: 'cases', label: '审核件数', kind: 'count' }, { key: 'avg_days', label: '平均审核时限', kind: 'amount', combine: { rule: 'mean', weight: 'avg_days' } }]))
    expect(self.ok ? null : self.problems['fields.1.combine.weight']).toBe('字段“avg_days”按“avg_days”加权平均，“avg_days”须是另一个计数字段')
    const ok = checkIndicator(ceilingItem([{ key: 'cases', label: '审核件数', kind: 'count' }, { key: 'avg_days', label: '平均审核时限', kind: 'amount', combine: { rule: 'mean', weight: 'cases' } }]))
    expect(ok.ok ? 'ok' : ok.problems).toBe('ok')
  })
})

test('a ceiling has two shapes, one field or a share, each blank one passes the schema and is told apart', () => {
  const spec = TARGET_KINDS.ceiling
  expect(formsOf(spec).map((f) => f.label)).toEqual(['控制一个数', '控制一个比例（分子÷分母）'])
  const fields = [
    { key: 'a', label: '超时件数', kind: 'count', combine: { rule: 'sum' } },
    { key: 'b', label: '审核件数', kind: 'count', combine: { rule: 'sum' } }
  ]
  const one = blankTarget('ceiling', 't1', spec.example, { field: 'a', numerator: 'a', denominator: 'b' }, [], 0)
  const share = blankTarget('ceiling', 't1', '超时率不超过5%', { field: 'a', numerator: 'a', denominator: 'b' }, [], 1)
  expect(one).toEqual({ id: 't1', kind: 'ceiling', label: spec.example, field: 'a', max: 1 })
  expect(share).toEqual({ id: 't1', kind: 'ceiling', label: '超时率不超过5%', numerator: 'a', denominator: 'b', max: 0.05 })
  expect([formOf(spec, one), formOf(spec, share)]).toEqual([0, 1])
  for (const t of [one, share]) {
    const r = checkIndicator({ ...canteens, fields, targets: [t] })
    expect(r.ok ? 'ok' : r.problems).toBe('ok')
  }
  // Both fields of a share say how they combine.
  const r = checkIndicator({ ...canteens, fields: [fields[0], { ...fields[1], combine: undefined }], targets: [share] })
  expect(r.ok ? null : r.problems).toEqual({ 'fields.1.combine': '上限目标读的字段“b”须说明各单位如何合计（相加、加权平均或取最大）' })
})
