import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useMemo, useState } from 'react'
import ChoiceChips from '../../components/ChoiceChips'
import DeskShell from '../../components/DeskShell'
import PlanMessages from './PlanMessages'
import type { IndicatorInput } from '../../core/indicator'
import { checkIndicator, type Problems } from '../../core/plan/check'
import { defaultChain } from '../../core/reviewChain'
import { ApiFailure } from '../../services/api'
import { planApi, takeDraft } from '../../services/planApi'
import IndicatorEditor from './IndicatorEditor'
import './index.scss'

type Rec = Record<string, any>

const failure = (e: unknown) => (e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')

const newItem = (year: number, seq: number): Rec => ({
  code: `N${year}-${String(seq).padStart(2, '0')}`,
  seq,
  category: '',
  title: '',
  description: '',
  fields: [{ key: 'f1', label: '', kind: 'count', unit: '个' }],
  targets: [{ id: 't1', kind: 'count', label: '', field: 'f1', min: 1 }],
  period: 'quarter',
  due: { daysAfterEnd: 10 },
  accumulation: 'per_period',
  reportLevel: 'community',
  // New indicators are reviewed level by level (issue 13 point 7); the admin may switch to single-level.
  reviewChain: defaultChain('community'),
  year
})

/**
 * 年度计划 (plan designer): one plan year's indicators, created, edited,
 * reordered and retired here, checked live by the server's own rule, with
 * the 自查表 cell and the chat's questions previewed beside the form.
 * Publishing first asks the server what it affects (a dry run), then
 * stores everything at once. An imported draft opens here unpublished.
 */
export default function PlanDesigner() {
  const [years, setYears] = useState<number[]>([])
  const [year, setYear] = useState<number | null>(null)
  const [items, setItems] = useState<Rec[]>([])
  const [retired, setRetired] = useState<string[]>([])
  /** Codes the year's stored plan has: only those can be retired on the server; a new item retired is just left out. */
  const [stored, setStored] = useState<string[]>([])
  const [picked, setPicked] = useState(0)
  const [notice, setNotice] = useState('')
  const [error, setError] = useState('')
  const [preview, setPreview] = useState<string[] | null>(null)
  const [busy, setBusy] = useState(false)

  const load = async (y: number | null, draft = takeDraft()) => {
    setError('')
    try {
      const ys = await planApi.years()
      const target = draft?.year ?? y ?? ys.thisYear
      setYears([...new Set([...ys.years, ys.thisYear, ys.thisYear + 1, target])].sort())
      const list = await planApi.list(target)
      let next: Rec[] = list.indicators
      if (draft) {
        const byCode = new Map(next.map((i) => [i.code, i]))
        for (const d of draft.items) byCode.set(d.code, { ...byCode.get(d.code), ...d })
        next = [...byCode.values()]
        setNotice(['已打开导入的草稿，请核对后发布。', ...draft.warnings].join(' '))
      }
      setYear(target)
      setStored(list.indicators.map((i) => i.code))
      setItems(next.sort((a, b) => a.seq - b.seq))
      setRetired([])
      setPicked(0)
      setPreview(null)
    } catch (e) {
      setError(failure(e))
    }
  }
  useEffect(() => {
    void load(null)
  }, [])

  const checks = useMemo(() => items.map((it) => checkIndicator(it)), [items])
  const problemsOf = (i: number): Problems => {
    const c = checks[i]
    return c && !c.ok ? c.problems : {}
  }
  const live = items.filter((it) => !retired.includes(it.code))
  const badCount = items.filter((it, i) => !retired.includes(it.code) && !checks[i]?.ok).length

  const update = (i: number, next: Rec) => {
    setItems(items.map((it, j) => (j === i ? next : it)))
    setPreview(null)
  }
  const move = (i: number, d: -1 | 1) => {
    const j = i + d
    if (j < 0 || j >= items.length) return
    const a = items[i]
    const b = items[j]
    const next = items.slice()
    next[i] = { ...b, seq: a.seq }
    next[j] = { ...a, seq: b.seq }
    setItems(next)
    setPicked(j)
    setPreview(null)
  }
  const toggleRetire = (code: string) => {
    setRetired(retired.includes(code) ? retired.filter((c) => c !== code) : [...retired, code])
    setPreview(null)
  }
  const add = () => {
    const seq = Math.max(0, ...items.map((i) => Number(i.seq) || 0)) + 1
    setItems([...items, newItem(year!, seq)])
    setPicked(items.length)
  }

  const payload = (dryRun: boolean) => ({
    year: year!,
    indicators: live.map((it) => {
      const c = checks[items.indexOf(it)]
      return (c?.ok ? c.indicator : it) as IndicatorInput
    }),
    retire: retired.filter((c) => stored.includes(c)),
    dryRun
  })

  const askPreview = async () => {
    setError('')
    if (badCount > 0) {
      setError(`还有${badCount}项指标有错，改好标红的地方再发布`)
      return
    }
    setBusy(true)
    try {
      setPreview((await planApi.publish(payload(true))).lines)
    } catch (e) {
      setError(failure(e))
    } finally {
      setBusy(false)
    }
  }
  const publish = async () => {
    setBusy(true)
    setError('')
    try {
      const r = await planApi.publish(payload(false))
      setNotice(`已发布${year}年的计划：${r.lines.join('；')}`)
      await load(year, null)
      setNotice(`已发布${year}年的计划：${r.lines.join('；')}`)
    } catch (e) {
      setError(failure(e))
    } finally {
      setBusy(false)
    }
  }

  const current = items[picked]
  const currentCheck = checks[picked]
  const actions = (
    <View className="gb-plan-actions">
      <Button size="small" onClick={add} disabled={year === null}>
        新增指标
      </Button>
      <Button size="small" type="primary" onClick={() => void askPreview()} disabled={busy || year === null}>
        发布…
      </Button>
    </View>
  )
  return (
    <DeskShell title="年度计划" active="packages/plan/index" actions={actions}>
      <View className="gb-plan">
        <ChoiceChips label="计划年份" items={years.map((y) => ({ key: String(y), label: `${y}年` }))} value={year === null ? [] : [String(year)]} onToggle={(k) => void load(Number(k), null)} />
        <PlanMessages notice={notice} error={error} />
        {preview ? (
          <View className="gb-plan-confirm" role="dialog" aria-label="发布前确认">
            <View className="gb-plan-confirm__title">发布{year}年的计划将会：</View>
            {preview.map((l) => (
              <View key={l} className="gb-plan-confirm__line">
                {l}
              </View>
            ))}
            <View className="gb-plan-actions">
              <Button type="primary" onClick={() => void publish()} disabled={busy}>
                确认发布
              </Button>
              <Button onClick={() => setPreview(null)}>再改改</Button>
            </View>
          </View>
        ) : null}
        <View className="gb-plan-body">
          <View className="gb-plan-list" role="list" aria-label="本年指标">
            {items.length === 0 ? <View className="gb-plan-hint">这一年还没有指标。点“新增指标”，或从“导入”读入去年的自查表。</View> : null}
            {items.map((it, i) => {
              const off = retired.includes(it.code)
              const bad = checks[i] && !checks[i].ok
              return (
                <View key={`${it.code}-${i}`} role="listitem" className={`gb-plan-item${i === picked ? ' gb-plan-item--on' : ''}${off ? ' gb-plan-item--off' : ''}`}>
                  <View role="button" className="gb-plan-item__name" aria-current={i === picked ? 'true' : undefined} onClick={() => setPicked(i)}>
                    {String(it.seq)}. {it.title || '（未命名）'}
                    {it.category ? <View className="gb-plan-item__cat">{it.category}</View> : null}
                    {bad ? <View className="gb-plan-item__bad">有错</View> : null}
                    {off ? <View className="gb-plan-item__bad">将停用</View> : null}
                  </View>
                  <View className="gb-plan-item__tools">
                    <View role="button" aria-label={`上移${it.title}`} className="gb-plan-tool" onClick={() => move(i, -1)}>
                      ↑
                    </View>
                    <View role="button" aria-label={`下移${it.title}`} className="gb-plan-tool" onClick={() => move(i, 1)}>
                      ↓
                    </View>
                    <View role="button" className="gb-plan-tool" onClick={() => toggleRetire(it.code)}>
                      {off ? '恢复' : '停用'}
                    </View>
                  </View>
                </View>
              )
            })}
          </View>
          {current ? <IndicatorEditor item={current} problems={problemsOf(picked)} valid={currentCheck?.ok ? currentCheck.indicator : null} onChange={(next) => update(picked, next)} /> : null}
        </View>
      </View>
    </DeskShell>
  )
}
