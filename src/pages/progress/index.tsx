import ActionButton from '../../components/ActionButton'
import { View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { useToday } from '../../hooks/useToday'
import type { Indicator } from '../../core/indicator'
import { ORG_LEVEL_LABEL, type OrgUnit } from '../../core/org'
import { periodLabel } from '../../core/periodLabel'
import ChildUnitList from '../../components/ChildUnitList'
import { ProgressFrame, ProgressTables, useDeskTables } from './desk'
import IndicatorCard from '../../components/IndicatorCard'
import PeriodPicker from '../../components/PeriodPicker'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure, type ProgressData } from '../../services/api'
import { getServices } from '../../services'
import './index.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

/**
 * 进度: completion of each indicator for a unit and period, and its child
 * units to drill into. `stack` holds the units drilled into below the
 * caller's own (empty: the caller's unit); the server checks the caller may
 * read them.
 */
export default function ProgressPage() {
  const large = useLargeText()
  const desk = useDeskTables()
  const me = useIdentity()
  const today = useToday()
  const thisYear = Number(today.slice(0, 4))
  const [period, setPeriod] = useState(String(thisYear))
  const [stack, setStack] = useState<OrgUnit[]>([])
  const [data, setData] = useState<ProgressData | null>(null)
  const [defs, setDefs] = useState<Record<string, Indicator>>({})
  const [error, setError] = useState('')
  const [root, setRoot] = useState<OrgUnit | null>(null)
  const latest = useRef({ period, stack })
  latest.current = { period, stack }
  const request = useRef(0)
  const haveCatalog = useRef(false)

  const loadCatalog = async () => {
    if (haveCatalog.current) return
    try {
      const c = await getServices().api.catalog()
      setDefs(Object.fromEntries(c.indicators.map((i) => [i.code, i])))
      haveCatalog.current = true
    } catch {
      // Without the catalog figures show without units; try again next time.
    }
  }

  const load = async (p: string, s: OrgUnit[]) => {
    const n = ++request.current
    try {
      const services = getServices()
      await services.ready
      const [d] = await Promise.all([services.api.progress(p, s[s.length - 1]?.id), loadCatalog()])
      if (n !== request.current) return // a newer choice is on its way
      setData(d)
      setError('')
      if (s.length === 0) setRoot(d.unit)
    } catch (e) {
      if (n === request.current) setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    }
  }
  useRefreshOnShow(() => void load(latest.current.period, latest.current.stack))

  // Until someone picks a period, the page follows the server's year: the
  // first answer may move the clock from the phone's year to the server's.
  const picked = useRef(false)
  useEffect(() => {
    if (picked.current || period === String(thisYear)) return
    setPeriod(String(thisYear))
    void load(String(thisYear), latest.current.stack)
  }, [thisYear])

  const choose = (p: string, s: OrgUnit[]) => {
    if (p !== period) (picked.current = true), setPeriod(p)
    if (s !== stack) {
      setStack(s)
      setData(null)
    }
    void load(p, s)
  }

  const rootUnit = root ?? me?.unit ?? null
  const offset = rootUnit ? 1 : 0 // crumbs = [caller's unit, ...stack]
  const crumbs = [...(rootUnit ? [rootUnit] : []), ...stack]
  const shown = data && (stack.length === 0 || data.unit.id === stack[stack.length - 1].id) ? data : null
  const seqOf = Object.fromEntries((shown?.indicators ?? []).map((r) => [r.code, r.seq]))

  return (
    <ProgressFrame>
      <View className={withLargeText('gb-progress', large)}>
      {stack.length > 0 ? (
        <View>
          <View className="gb-progress__crumbs">
            {crumbs.map((u, i) => (
              <View
                key={u.id}
                className={i === crumbs.length - 1 ? 'gb-progress__crumb gb-progress__crumb--on' : 'gb-progress__crumb'}
                onClick={() => i < crumbs.length - 1 && choose(period, stack.slice(0, i + 1 - offset))}
              >
                {i > 0 ? '› ' : ''}
                {u.name}
              </View>
            ))}
          </View>
          <ActionButton className="gb-progress__back" variant="outline" onClick={() => choose(period, stack.slice(0, -1))}>
            返回上级
          </ActionButton>
        </View>
      ) : null}
      <PeriodPicker value={period} years={[thisYear, thisYear - 1]} today={today} onChange={(p) => choose(p, stack)} />
      {error ? (
        <View className="gb-progress__error" role="button" onClick={() => choose(period, stack)}>
          {error}（点这里重试）
        </View>
      ) : null}
      {shown === null && !error ? <View className="gb-progress__empty">正在加载…</View> : null}
      {shown ? (
        <View>
          <View className="gb-progress__heading">
            {shown.unit.name}（{ORG_LEVEL_LABEL[shown.unit.level]}）· {periodLabel(shown.period)}
          </View>
          {desk ? (
            <ProgressTables data={shown} onOpen={(u) => choose(period, [...stack, u])} />
          ) : (
            <View>
              {shown.indicators.length === 0 ? <View className="gb-progress__empty">这一期没有要统计的指标</View> : null}
              {shown.indicators.slice(0, 50).map((row) => (
                <IndicatorCard
                  key={row.code}
                  row={row}
                  indicator={defs[row.code]}
                  bars={shown.children.map((ch) => ({ key: ch.unit.id, label: ch.unit.name, rate: ch.indicators.find((i) => i.code === row.code)?.rate ?? null }))}
                />
              ))}
              {shown.children.length > 0 ? (
                <View>
                  <View className="gb-progress__section">
                    下级单位（{shown.children.length}个），点开看详情
                  </View>
                  <ChildUnitList items={shown.children} seqOf={seqOf} onOpen={(u) => choose(period, [...stack, u])} />
                </View>
              ) : null}
            </View>
          )}
        </View>
      ) : null}
    </View>
    </ProgressFrame>
  )
}
