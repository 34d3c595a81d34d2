import { fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { checkIndicator } from '../../src/core/plan/check'
import { SEED_INDICATORS_INPUT } from '../../src/core/seed/catalog'
import IndicatorEditor from '../../src/packages/plan/IndicatorEditor'

type Rec = Record<string, any>

/** The editor as the designer page holds it: state plus the server's own check on every change. */
function Harness({ start, seen }: { start: Rec; seen: (item: Rec) => void }) {
  const [item, setItem] = useState(start)
  const c = checkIndicator(item)
  return (
    <IndicatorEditor
      item={item}
      problems={c.ok ? {} : c.problems}
      valid={c.ok ? c.indicator : null}
      onChange={(next) => {
        seen(next)
        setItem(next)
      }}
    />
  )
}

const canteens = JSON.parse(JSON.stringify(SEED_INDICATORS_INPUT.find((i) => i.code === 'YL-133'))) as Rec

const chip = (group: string, name: string) => within(screen.getByRole(group === '审核方式' ? 'radiogroup' : 'group', { name: group })).getByText(name, { exact: false })

test('review chain: levels above the report level, lowest first; the check’s sentence beside it; back to single-level', () => {
  let last: Rec = {}
  render(<Harness start={{ ...canteens, reportLevel: 'grid' }} seen={(i) => (last = i)} />)
  expect(screen.getByText('不设审核链：报告由上级任一审核员通过或退回，不逐级签核。')).toBeTruthy()
  fireEvent.click(chip('审核方式', '逐级审核、签核'))
  expect(last.reviewChain).toEqual(['community', 'street', 'district'])
  const levels = screen.getByRole('group', { name: '审核层级（从下往上）' })
  expect(within(levels).getAllByRole('checkbox').map((c) => c.textContent)).toEqual(['✓ 社区', '✓ 街道', '✓ 区民政局'])
  expect(screen.getByText('社区审核每份报告 → 街道签核下级合计 → 区民政局签核下级合计')).toBeTruthy()
  fireEvent.click(chip('审核层级（从下往上）', '街道'))
  expect(last.reviewChain).toEqual(['community', 'district'])
  fireEvent.click(chip('审核层级（从下往上）', '街道'))
  expect(last.reviewChain).toEqual(['community', 'street', 'district'])

  // A chosen chain stays when the report level moves above it: the server's rule names the problem here.
  fireEvent.click(chip('审核层级（从下往上）', '社区'))
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '由哪一级填报' })).getByText('街道'))
  expect(last).toMatchObject({ reportLevel: 'street', reviewChain: ['street', 'district'] })
  const chainSection = screen.getByRole('group', { name: '审核链' })
  expect(within(chainSection).getByRole('alert').textContent).toBe('审核层级须从下往上排列，且都高于填报层级')
  fireEvent.click(chip('审核层级（从下往上）', '街道'))
  expect(last.reviewChain).toEqual(['district'])
  expect(within(chainSection).queryByRole('alert')).toBeNull()

  fireEvent.click(chip('审核层级（从下往上）', '区民政局'))
  expect(last.reviewChain).toEqual([])
  expect(within(chainSection).getByRole('alert').textContent).toBe('逐级审核请选一到三级审核层级，或改选单级审核')
  fireEvent.click(chip('审核方式', '单级审核'))
  expect(last.reviewChain).toBeUndefined()
  expect(within(chainSection).queryByRole('alert')).toBeNull()
})

test('a default chain follows the report level; one the admin changed does not', () => {
  let last: Rec = {}
  render(<Harness start={{ ...canteens, reportLevel: 'community', reviewChain: ['street', 'district'] }} seen={(i) => (last = i)} />)
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '由哪一级填报' })).getByText('网格'))
  expect(last.reviewChain).toEqual(['community', 'street', 'district'])
})

test('a field a ceiling reads must say how units combine; a weighted mean picks its count field', () => {
  let last: Rec = {}
  const start = {
    ...canteens,
    fields: [
      { key: 'cases', label: '审核件数', kind: 'count', unit: '件' },
      { key: 'avg_days', label: '平均审核时限', kind: 'amount', unit: '个工作日' }
    ],
    targets: [{ id: 'days', kind: 'ceiling', label: '平均审核时限不超过15个工作日', field: 'avg_days', max: 15 }]
  }
  render(<Harness start={start} seen={(i) => (last = i)} />)
  const field2 = screen.getByRole('group', { name: '字段2' })
  expect(within(field2).getByRole('alert').textContent).toBe('上限目标读的字段“avg_days”须说明各单位如何合计（相加、加权平均或取最大）')
  const rules = within(field2).getByRole('radiogroup', { name: '字段2：各单位如何合计' })
  // Under a ceiling there is no default to fall back on.
  expect(within(rules).getAllByRole('radio').map((r) => r.textContent)).toEqual(['相加', '加权平均', '取最大'])
  // The count field is not under a ceiling and not an amount: no chooser.
  expect(within(screen.getByRole('group', { name: '字段1' })).queryByRole('radiogroup', { name: '字段1：各单位如何合计' })).toBeNull()

  fireEvent.click(within(rules).getByText('加权平均'))
  expect(last.fields[1].combine).toEqual({ rule: 'mean', weight: 'cases' })
  expect(within(field2).queryByRole('alert')).toBeNull()
  expect(within(within(field2).getByRole('radiogroup', { name: '字段2：加权的字段' })).getAllByRole('radio').map((r) => r.textContent)).toEqual(['审核件数'])

  fireEvent.click(within(rules).getByText('取最大'))
  expect(last.fields[1].combine).toEqual({ rule: 'max' })
  expect(within(field2).queryByRole('radiogroup', { name: '字段2：加权的字段' })).toBeNull()
})

test('an amount field not under a ceiling offers the default, named by how it adds up', () => {
  let last: Rec = {}
  const start = { ...canteens, fields: [{ key: 'money', label: '资金', kind: 'amount', unit: '万元' }], targets: [{ id: 't', kind: 'count', label: '资金10万元', field: 'money', min: 10 }] }
  render(<Harness start={start} seen={(i) => (last = i)} />)
  const rules = screen.getByRole('radiogroup', { name: '字段1：各单位如何合计' })
  expect(within(rules).getByText('默认（相加）').getAttribute('aria-checked')).toBe('true')
  fireEvent.click(within(rules).getByText('取最大'))
  expect(last.fields[0].combine).toEqual({ rule: 'max' })
  fireEvent.click(within(rules).getByText('默认（相加）'))
  expect(last.fields[0].combine).toBeUndefined()
})

test('a ceiling can control a share: numerator and denominator pickers, max typed as a percent, both fields must combine', () => {
  let last: Rec = {}
  const start = {
    ...canteens,
    fields: [
      { key: 'cases', label: '审核件数', kind: 'count', unit: '件', combine: { rule: 'sum' } },
      { key: 'late', label: '超时件数', kind: 'count', unit: '件' }
    ],
    targets: [{ id: 'late_share', kind: 'ceiling', label: '超时率不超过5%', field: 'cases', max: 3 }]
  }
  render(<Harness start={start} seen={(i) => (last = i)} />)
  const target = screen.getByRole('group', { name: '目标1' })
  fireEvent.click(within(within(target).getByRole('radiogroup', { name: '目标1：控制什么' })).getByText('控制一个比例（分子÷分母）'))
  expect(last.targets[0]).toEqual({ id: 'late_share', kind: 'ceiling', label: '超时率不超过5%', numerator: 'cases', denominator: 'late', max: 0.05 })
  expect((within(target).getByLabelText('不超过（%）') as HTMLInputElement).value).toBe('5')
  fireEvent.click(within(within(target).getByRole('radiogroup', { name: '目标1：分子（如 超时件数）' })).getByText('超时件数'))
  fireEvent.click(within(within(target).getByRole('radiogroup', { name: '目标1：分母（如 审核件数）' })).getByText('审核件数'))
  expect(last.targets[0]).toMatchObject({ numerator: 'late', denominator: 'cases' })
  // 超时件数 is now under the ceiling: its chooser appears, with the refusal beside it.
  const late = screen.getByRole('group', { name: '字段2' })
  expect(within(late).getByRole('alert').textContent).toBe('上限目标读的字段“late”须说明各单位如何合计（相加、加权平均或取最大）')
  fireEvent.click(within(within(late).getByRole('radiogroup', { name: '字段2：各单位如何合计' })).getByText('相加'))
  expect(within(late).queryByRole('alert')).toBeNull()
  expect(screen.queryAllByRole('alert')).toEqual([])
  fireEvent.click(within(within(target).getByRole('radiogroup', { name: '目标1：控制什么' })).getByText('控制一个数'))
  expect(last.targets[0]).toEqual({ id: 'late_share', kind: 'ceiling', label: '超时率不超过5%', field: 'cases', max: 1 })
})
