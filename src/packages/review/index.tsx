import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { useToday } from '../../hooks/useToday'
import type { Indicator } from '../../core/indicator'
import type { OrgUnit } from '../../core/org'
import { periodLabel } from '../../core/periodLabel'
import ChoiceChips from '../../components/ChoiceChips'
import PeriodPicker from '../../components/PeriodPicker'
import ReviewRow from '../../components/ReviewRow'
import { STATUS_LABEL, type ReportState } from '../../components/StatusTag'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure, type ReportsData } from '../../services/api'
import { getServices } from '../../services'
import { timeLabel } from './labels'
import './index.scss'

type Row = ReportsData['reports'][number]

const TABS: ReportState[] = ['submitted', 'returned', 'approved']
const PAGE = 30
const ALL = '*'

interface Filters {
  status: ReportState
  indicatorCode: string | null
  period: string | null
}

interface ListState {
  key: string
  rows: Row[]
  next: string | null
}

const keyOf = (f: Filters) => `${f.status}|${f.indicatorCode ?? ''}|${f.period ?? ''}`

/**
 * 审核: reports in the reviewer's scope by status, newest first, filtered by
 * indicator and period; 加载更多 pages on with `before`. Tap one to review it.
 */
export default function ReviewListPage() {
  const me = useIdentity()
  const today = useToday()
  const thisYear = Number(today.slice(0, 4))
  const [filters, setFilters] = useState<Filters>({ status: 'submitted', indicatorCode: null, period: null })
  const [list, setList] = useState<ListState | null>(null)
  /** Rows per tab under the current filters, once known ("30+" while more pages remain). */
  const [counts, setCounts] = useState<Record<string, string>>({})
  const [indicators, setIndicators] = useState<Indicator[]>([])
  const [units, setUnits] = useState<Record<string, OrgUnit>>({})
  const [open, setOpen] = useState<'indicator' | 'period' | null>(null)
  const [error, setError] = useState('')
  const [loadingMore, setLoadingMore] = useState(false)
  const latest = useRef(filters)
  latest.current = filters
  const request = useRef(0)
  const haveCatalog = useRef(false)

  const loadCatalog = async () => {
    if (haveCatalog.current) return
    try {
      const c = await getServices().api.catalog()
      setIndicators([...c.indicators].sort((a, b) => a.seq - b.seq))
      setUnits(Object.fromEntries(c.units.map((u) => [u.id, u])))
      haveCatalog.current = true
    } catch {
      // Rows show ids until the catalog comes through; tried again next show.
    }
  }

  const query = (f: Filters, before?: string) => ({
    status: f.status,
    ...(f.indicatorCode ? { indicatorCode: f.indicatorCode } : {}),
    ...(f.period ? { period: f.period } : {}),
    ...(before ? { before } : {}),
    limit: PAGE
  })

  const countText = (rows: number, next: string | null) => (next ? `${rows}+` : String(rows))

  const load = async (f: Filters) => {
    const n = ++request.current
    try {
      const services = getServices()
      await services.ready
      const [d] = await Promise.all([services.api.reports(query(f)), loadCatalog()])
      if (n !== request.current) return // a newer choice is on its way
      setList({ key: keyOf(f), rows: d.reports, next: d.next })
      setCounts((c) => ({ ...c, [f.status]: countText(d.reports.length, d.next) }))
      setError('')
    } catch (e) {
      if (n === request.current) setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    }
  }
  useRefreshOnShow(() => void load(latest.current))

  const more = async () => {
    if (!list?.next || loadingMore) return
    const f = latest.current
    const n = request.current
    setLoadingMore(true)
    try {
      const d = await getServices().api.reports(query(f, list.next))
      if (n !== request.current) return
      const seen = new Set(list.rows.map((r) => r.id))
      const rows = [...list.rows, ...d.reports.filter((r) => !seen.has(r.id))]
      setList({ key: list.key, rows, next: d.next })
      setCounts((c) => ({ ...c, [f.status]: countText(rows.length, d.next) }))
      setError('')
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    } finally {
      setLoadingMore(false)
    }
  }

  const choose = (f: Filters) => {
    if (f.indicatorCode !== filters.indicatorCode || f.period !== filters.period) setCounts({})
    setFilters(f)
    setList(null)
    void load(f)
  }

  const openReport = async (row: Row) => {
    try {
      await Taro.navigateTo({ url: `/packages/review/detail?id=${encodeURIComponent(row.id)}` })
    } catch {
      setError('没能打开这份填报，请再试一次')
    }
  }

  const titleOf = (code: string) => indicators.find((i) => i.code === code)?.title ?? code
  const shown = list && list.key === keyOf(filters) ? list : null
  const ownUnit = me?.person.role !== 'admin' ? me?.unit.id : undefined
  const indicatorName = filters.indicatorCode ? titleOf(filters.indicatorCode) : '全部指标'
  const periodName = filters.period ? periodLabel(filters.period) : '全部期次'

  return (
    <View className="gb-review">
      <ChoiceChips
        label="审核状态"
        items={TABS.map((s) => ({ key: s, label: counts[s] !== undefined ? `${STATUS_LABEL[s]} ${counts[s]}` : STATUS_LABEL[s] }))}
        value={[filters.status]}
        onToggle={(s) => choose({ ...filters, status: s as ReportState })}
      />
      <View className="gb-review__filters">
        <View className="gb-review__filter" role="button" aria-expanded={open === 'indicator'} onClick={() => setOpen(open === 'indicator' ? null : 'indicator')}>
          指标：{indicatorName} {open === 'indicator' ? '▴' : '▾'}
        </View>
        {open === 'indicator' ? (
          <ChoiceChips
            label="按指标筛选"
            items={[{ key: ALL, label: '全部指标' }, ...indicators.map((i) => ({ key: i.code, label: `${i.seq}. ${i.title}` }))]}
            value={[filters.indicatorCode ?? ALL]}
            onToggle={(code) => {
              setOpen(null)
              choose({ ...filters, indicatorCode: code === ALL ? null : code })
            }}
          />
        ) : null}
        <View className="gb-review__filter" role="button" aria-expanded={open === 'period'} onClick={() => setOpen(open === 'period' ? null : 'period')}>
          期次：{periodName} {open === 'period' ? '▴' : '▾'}
        </View>
        {open === 'period' ? (
          <View>
            <ChoiceChips label="不限期次" items={[{ key: ALL, label: '全部期次' }]} value={filters.period ? [] : [ALL]} onToggle={() => choose({ ...filters, period: null })} />
            <PeriodPicker value={filters.period ?? String(thisYear)} years={[thisYear, thisYear - 1]} today={today} onChange={(p) => choose({ ...filters, period: p })} />
          </View>
        ) : null}
      </View>
      {error ? (
        <View className="gb-review__error" role="button" onClick={() => choose(filters)}>
          {error}（点这里重试）
        </View>
      ) : null}
      {shown === null && !error ? <View className="gb-review__empty">正在加载…</View> : null}
      {shown !== null && shown.rows.length === 0 ? <View className="gb-review__empty">没有{STATUS_LABEL[filters.status]}的填报</View> : null}
      {shown
        ? shown.rows.map((r) => (
            <ReviewRow
              key={r.id}
              unitName={units[r.orgUnitId]?.name ?? r.orgUnitId}
              title={titleOf(r.indicatorCode)}
              periodLabel={periodLabel(r.period)}
              updatedLabel={timeLabel(r.updatedAt, today)}
              status={r.status}
              note={r.orgUnitId === ownUnit ? '本单位填报，由上级审核' : undefined}
              onOpen={() => void openReport(r)}
            />
          ))
        : null}
      {shown?.next ? (
        <View className="gb-review__more" role="button" onClick={() => void more()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </View>
      ) : null}
    </View>
  )
}
