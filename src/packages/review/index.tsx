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
import DeskShell from '../../components/DeskShell'
import { unitLabel } from '../../core/unitLabel'
import BatchConfirm from './BatchConfirm'
import { toast } from './toast'
import { STATUS_LABEL, type ReportState } from '../../components/StatusTag'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure, type ReportsData } from '../../services/api'
import { getServices } from '../../services'
import { timeLabel } from './labels'
import './index.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

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
  const large = useLargeText()
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
  /** Labels of the rows' units from the server ("长丰街 · 团结社区 · 第3网格"). */
  const [labels, setLabels] = useState<Record<string, string>>({})
  /** 批量通过: choosing rows, then a confirmation listing them. */
  const [selecting, setSelecting] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const [confirming, setConfirming] = useState(false)
  const [batchBusy, setBatchBusy] = useState(false)
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
      setLabels((l) => ({ ...l, ...d.labels }))
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
      setLabels((l) => ({ ...l, ...d.labels }))
      setCounts((c) => ({ ...c, [f.status]: countText(rows.length, d.next) }))
      setError('')
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    } finally {
      setLoadingMore(false)
    }
  }

  const labelOf = (r: Row) => labels[r.orgUnitId] ?? unitLabel(r.unitPath, units)

  const approveSelected = async () => {
    if (!list || batchBusy) return
    const items = list.rows.filter((r) => selected.includes(r.id)).map((r) => ({ reportId: r.id, version: r.version }))
    setBatchBusy(true)
    try {
      const d = await getServices().api.reviewBatch(items)
      const failed = d.results.filter((r) => r.status === 'rejected')
      toast(failed.length ? `已通过 ${d.approved} 份，${failed.length} 份未通过` : `已通过 ${d.approved} 份`, failed.length ? undefined : 'success')
      if (failed.length) setError(`${failed.length} 份没有通过：${failed.map((f) => ('error' in f ? f.error.message : '')).join('；')}`)
      setConfirming(false)
      setSelecting(false)
      setSelected([])
      void load(latest.current)
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    } finally {
      setBatchBusy(false)
    }
  }

  const choose = (f: Filters) => {
    setSelecting(false)
    setSelected([])
    setConfirming(false)
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

  const chosenRows = shown ? shown.rows.filter((r) => selected.includes(r.id)) : []
  const openSignoff = () => void Taro.navigateTo({ url: '/packages/review/signoff' }).catch(() => setError('没能打开签核页，请再试一次'))

  return (
    <DeskShell title="审核" active="packages/review/index">
    <View className={withLargeText('gb-review', large)}>
      <View className="gb-review__toolbar">
        <View className="gb-review__link" role="button" onClick={openSignoff}>
          逐级签核
        </View>
        {filters.status === 'submitted' && shown && shown.rows.length > 0 ? (
          <View
            className="gb-review__link"
            role="button"
            aria-pressed={selecting}
            onClick={() => {
              setSelecting(!selecting)
              setSelected([])
              setConfirming(false)
            }}
          >
            {selecting ? '取消批量' : '批量通过'}
          </View>
        ) : null}
      </View>
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
      {selecting ? (
        <View className="gb-review__batchbar">
          <View className="gb-review__link" role="button" onClick={() => setSelected(shown ? shown.rows.filter((r) => r.orgUnitId !== ownUnit).map((r) => r.id) : [])}>
            全选本页
          </View>
          <View className="gb-review__link gb-review__link--primary" role="button" aria-disabled={selected.length === 0} onClick={() => selected.length > 0 && setConfirming(true)}>
            通过所选（{selected.length}）
          </View>
        </View>
      ) : null}
      {confirming ? (
        <BatchConfirm
          title={`确认通过以下 ${chosenRows.length} 份填报？`}
          lines={chosenRows.map((r) => `${labelOf(r)} · ${titleOf(r.indicatorCode)} · ${periodLabel(r.period)}`)}
          confirmText={`确认通过 ${chosenRows.length} 份`}
          busy={batchBusy}
          onConfirm={() => void approveSelected()}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
      {shown
        ? shown.rows.map((r) => (
            <View key={r.id} className="gb-review__item">
            {selecting && r.orgUnitId !== ownUnit ? (
              <View
                className={`gb-review__check${selected.includes(r.id) ? ' gb-review__check--on' : ''}`}
                role="checkbox"
                aria-checked={selected.includes(r.id)}
                aria-label={`选择 ${labelOf(r)} ${titleOf(r.indicatorCode)}`}
                onClick={() => setSelected(selected.includes(r.id) ? selected.filter((x) => x !== r.id) : [...selected, r.id])}
              >
                {selected.includes(r.id) ? '✓' : ''}
              </View>
            ) : null}
            <ReviewRow
              unitName={labelOf(r)}
              title={titleOf(r.indicatorCode)}
              periodLabel={periodLabel(r.period)}
              updatedLabel={timeLabel(r.updatedAt, today)}
              status={r.status}
              note={r.orgUnitId === ownUnit ? '本单位填报，由上级审核' : undefined}
              onOpen={() => void openReport(r)}
            />
            </View>
          ))
        : null}
      {shown?.next ? (
        <View className="gb-review__more" role="button" onClick={() => void more()}>
          {loadingMore ? '正在加载…' : '加载更多'}
        </View>
      ) : null}
    </View>
    </DeskShell>
  )
}
