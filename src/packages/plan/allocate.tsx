import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useMemo, useState } from 'react'
import ChoiceChips from '../../components/ChoiceChips'
import DeskShell from '../../components/DeskShell'
import PlanMessages from './PlanMessages'
import type { Indicator } from '../../core/indicator'
import type { OrgUnit } from '../../core/org'
import { readPastedColumn, splitByWeights, splitEvenly } from '../../core/plan/fill'
import { formatNumber } from '../../core/table'
import { ApiFailure } from '../../services/api'
import { getServices } from '../../services'
import { planApi } from '../../services/planApi'
import { eventValue, TextField } from './form'
import './index.scss'

const failure = (e: unknown) => (e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')

/**
 * A unit's population from the org tree (org.import / org.population store
 * `{ residents, registered, elderly }`): 常住人口 weighs a split, else the
 * first figure the unit has.
 */
const populationOf = (u: OrgUnit): number | undefined => {
  const p = u.population
  if (!p) return undefined
  const value = p.residents ?? Object.values(p)[0]
  return typeof value === 'number' ? value : undefined
}

/**
 * 指标分解 grid: a parent unit's children × one count target, the parent's
 * target and the allocated sum in the header row (under / over), filled
 * evenly, by population, or from a column pasted from a spreadsheet, and
 * saved with plan.allocate. The arithmetic is core's (largest remainder:
 * the shares add up to exactly the parent's target).
 */
export default function AllocatePage() {
  const [years, setYears] = useState<number[]>([])
  const [year, setYear] = useState<number | null>(null)
  const [plan, setPlan] = useState<Indicator[]>([])
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [pick, setPick] = useState<string>('')
  const [parentId, setParentId] = useState<string>('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [weights, setWeights] = useState<Record<string, string>>({})
  const [paste, setPaste] = useState('')
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')

  const loadYear = async (y?: number) => {
    setError('')
    try {
      const list = await planApi.list(y)
      setYear(list.year)
      setPlan(list.indicators)
      const first = list.indicators.flatMap((i) => i.targets.filter((t) => t.kind === 'count' && !t.districtOnly).map((t) => `${i.code}|${t.id}`))[0] ?? ''
      setPick(first)
    } catch (e) {
      setError(failure(e))
    }
  }
  useEffect(() => {
    void (async () => {
      try {
        const [ys, c] = await Promise.all([planApi.years(), getServices().api.catalog()])
        setYears([...new Set([...ys.years, ys.thisYear])].sort())
        setUnits(c.units)
        setParentId(c.units.find((u) => u.level === 'district')?.id ?? c.units[0]?.id ?? '')
        await loadYear(ys.thisYear)
      } catch (e) {
        setError(failure(e))
      }
    })()
  }, [])

  const [code, targetId] = pick.split('|')
  const ind = plan.find((i) => i.code === code)
  const target = ind?.targets.find((t) => t.id === targetId)
  const parent = units.find((u) => u.id === parentId)
  const children = useMemo(() => units.filter((u) => u.parentId === parentId), [units, parentId])
  const unit = target?.kind === 'count' ? (ind?.fields.find((f) => f.key === target.field)?.unit ?? '') : ''
  const of = !ind || target?.kind !== 'count' || !parent ? null : parent.level === 'district' ? target.min : (ind.allocations?.[target.id]?.[parent.id] ?? null)

  // The stored shares come back whenever the target, parent or year changes
  // (not after a save: the grid already shows what was saved, and its notice stays).
  useEffect(() => {
    const stored = ind?.allocations?.[targetId] ?? {}
    setValues(Object.fromEntries(children.map((c) => [c.id, stored[c.id] === undefined ? '' : String(stored[c.id])])))
    setWeights(Object.fromEntries(children.map((c) => [c.id, populationOf(c) === undefined ? '' : String(populationOf(c))])))
    setNotice('')
  }, [pick, parentId, year, plan.length, children.length])

  const typed = children.map((c) => values[c.id] ?? '')
  const allocated = typed.reduce((a, v) => a + (Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : 0), 0)
  const state = of === null ? null : Math.abs(allocated - of) < 1e-9 ? 'exact' : allocated < of ? 'under' : 'over'
  const stateText = of === null ? `${parent?.name ?? ''}还没有分到这项目标` : state === 'exact' ? '正好分完' : state === 'under' ? `还差${formatNumber(of - allocated)}${unit}` : `超出${formatNumber(allocated - of)}${unit}`

  const fill = (shares: number[] | null, why: string) => {
    if (!shares) return setError(why)
    setError('')
    setValues(Object.fromEntries(children.map((c, i) => [c.id, String(shares[i])])))
  }
  const fillEvenly = () => fill(of === null ? null : splitEvenly(of, children.length), '没有可分的目标数')
  const fillByPopulation = () => {
    const missing = children.filter((c) => !(Number(weights[c.id]) >= 0) || (weights[c.id] ?? '').trim() === '')
    if (missing.length) return setError(`这些单位没有人口数：${missing.map((c) => c.name).join('、')}`)
    fill(of === null ? null : splitByWeights(of, children.map((c) => Number(weights[c.id]))), '人口数都是0，无法按人口分配')
  }
  const fillPasted = (into: 'values' | 'weights') => {
    const cells = readPastedColumn(paste)
    const bad = cells.map((c, i) => (c.ok ? null : `第${i + 1}行（${children[i]?.name ?? '多出的一行'}）：“${(c as { text: string }).text}”不是数字`)).filter(Boolean)
    if (cells.length > children.length) bad.push(`粘贴了${cells.length}行，但只有${children.length}个单位`)
    if (bad.length) return setError(bad.join('；'))
    setError('')
    const next = { ...(into === 'values' ? values : weights) }
    cells.forEach((c, i) => {
      if (c.ok && c.value !== null) next[children[i].id] = String(c.value)
    })
    if (into === 'values') setValues(next)
    else setWeights(next)
  }

  const save = async () => {
    if (!ind || !target || !parent) return
    setError('')
    const rows = children.map((c) => ({ c, text: (values[c.id] ?? '').trim() })).filter((r) => r.text !== '')
    const refused = rows.filter((r) => !Number.isFinite(Number(r.text)))
    if (refused.length) return setError(refused.map((r) => `${r.c.name}：分解数必须是数字`).join('；'))
    if (rows.length === 0) return setError('请先填分解数')
    try {
      const r = await planApi.allocate({ code: ind.code, year: year!, targetId: target.id, parentId: parent.id, shares: rows.map((x) => ({ unitId: x.c.id, value: Number(x.text) })) })
      setPlan(plan.map((i) => (i.code === ind.code ? r.indicator : i)))
      setNotice(r.warning ?? `已保存：分解合计${formatNumber(r.split.allocated)}${unit}，${r.split.units}/${r.split.children}个单位有分解数`)
    } catch (e) {
      setError(failure(e))
    }
  }

  const targets = plan.flatMap((i) => i.targets.filter((t) => t.kind === 'count' && !t.districtOnly).map((t) => ({ key: `${i.code}|${t.id}`, label: `${i.seq}. ${i.title}：${t.label}` })))
  const parents = units.filter((u) => u.level === 'district' || u.level === 'street')
  return (
    <DeskShell title="指标分解" active="packages/plan/allocate" actions={<Button type="primary" size="small" onClick={() => void save()}>保存分解</Button>}>
      <View className="gb-plan">
        <ChoiceChips label="计划年份" items={years.map((y) => ({ key: String(y), label: `${y}年` }))} value={year === null ? [] : [String(year)]} onToggle={(k) => void loadYear(Number(k))} />
        <ChoiceChips label="要分解的目标" items={targets} value={[pick]} onToggle={setPick} />
        <ChoiceChips label="从哪个单位往下分" items={parents.map((u) => ({ key: u.id, label: u.name }))} value={[parentId]} onToggle={setParentId} />
        <PlanMessages notice={notice} error={error} />
        {targets.length === 0 ? <View className="gb-plan-hint">这一年没有可分解的数量目标。</View> : null}
        {target && parent ? (
          <View>
            <View className="gb-plan-actions">
              <Button size="small" onClick={fillEvenly}>
                平均分配
              </Button>
              <Button size="small" onClick={fillByPopulation}>
                按人口分配
              </Button>
            </View>
            <table className="gb-plan-grid" aria-label={`${target.label}的分解`}>
              <thead>
                <tr className="gb-plan-grid__head">
                  <th scope="col">单位</th>
                  <th scope="col">人口</th>
                  <th scope="col">分解数（{unit || '个'}）</th>
                </tr>
                <tr className="gb-plan-grid__head">
                  <th scope="row">{parent.name}的目标</th>
                  <td>{of === null ? '未分解' : `${formatNumber(of)}${unit}`}</td>
                  <td>
                    已分{formatNumber(allocated)}
                    {unit}，<span className={`gb-plan-state--${state ?? 'over'}`}>{stateText}</span>
                  </td>
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name}</th>
                    <td>
                      <input className="gb-plan-field__input" aria-label={`${c.name}人口`} value={weights[c.id] ?? ''} onInput={(e) => setWeights({ ...weights, [c.id]: eventValue(e) })} />
                    </td>
                    <td>
                      <input className="gb-plan-field__input" aria-label={`${c.name}分解数`} value={values[c.id] ?? ''} onInput={(e) => setValues({ ...values, [c.id]: eventValue(e) })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <TextField label="从表格粘贴一列（每行一个数，按上面单位的顺序）" wide multiline value={paste} onChange={setPaste} />
            <View className="gb-plan-actions">
              <Button size="small" onClick={() => fillPasted('values')}>
                粘贴为分解数
              </Button>
              <Button size="small" onClick={() => fillPasted('weights')}>
                粘贴为人口
              </Button>
            </View>
          </View>
        ) : null}
      </View>
    </DeskShell>
  )
}
