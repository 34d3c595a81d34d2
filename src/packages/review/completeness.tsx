import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import { COMPLETENESS_LABEL, COMPLETENESS_STATUSES, cellText, type CompletenessCell, type CompletenessStatus } from '../../core/completeness'
import type { Indicator } from '../../core/indicator'
import { levelIndex, type OrgUnit } from '../../core/org'
import { periodShortLabel } from '../../core/periodLabel'
import ChoiceChips from '../../components/ChoiceChips'
import DataTable, { type DataColumn } from '../../components/DataTable'
import DeskShell from '../../components/DeskShell'
import { useIdentity } from '../../hooks/useIdentity'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { useToday } from '../../hooks/useToday'
import { getServices } from '../../services'
import { ApiFailure } from '../../services/api'
import { completeness, completenessFile, remindUnit, type CompletenessData, type CompletenessGridRow } from '../../services/reviewApi'
import { mayExport } from './access'
import { deliverFile } from './download'
import { toast } from './toast'
import './completeness.scss'

const PAGE = 50
const failure = (e: unknown) => (e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')

/** "长丰街 · 园博北社区 · 第1网格": a unit by name with its parents. */
export const unitLabel = (r: CompletenessGridRow) => [r.street?.name, r.community?.name, r.unit.name].filter(Boolean).join(' · ')

interface Filters {
  year: number
  code: string | null
  streetId: string | null
  status: CompletenessStatus | null
}

/**
 * 填报完成情况: one indicator's reporting units × the year's periods, each
 * cell 按时, 迟报, 退回, 未报 or 未到期 (the one rule in
 * src/core/completeness.ts, applied by the server). Filter by status and
 * by street, download the grid as Excel (made by the server), and from a
 * cell remind that unit's people now (立即提醒, once a day per person).
 */
export default function CompletenessPage() {
  const large = useLargeText()
  const me = useIdentity()
  const today = useToday()
  const thisYear = Number(today.slice(0, 4))
  const allowed = me === null || mayExport(me)
  const [filters, setFilters] = useState<Filters>({ year: thisYear, code: null, streetId: null, status: null })
  const [indicators, setIndicators] = useState<Indicator[]>([])
  const [streets, setStreets] = useState<OrgUnit[]>([])
  const [data, setData] = useState<CompletenessData | null>(null)
  const [rows, setRows] = useState<CompletenessGridRow[]>([])
  const [loadingMore, setLoadingMore] = useState(false)
  const [picked, setPicked] = useState<{ row: CompletenessGridRow; cell: CompletenessCell } | null>(null)
  const [busy, setBusy] = useState<'remind' | 'file' | null>(null)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const request = useRef(0)
  const latest = useRef(filters)
  latest.current = filters

  const query = (f: Filters, code: string) => ({ indicatorCode: code, year: f.year, ...(f.streetId ? { streetId: f.streetId } : {}), ...(f.status ? { status: f.status } : {}) })

  const load = async (f: Filters) => {
    const n = ++request.current
    try {
      const services = getServices()
      await services.ready
      let code = f.code
      if (!code || indicators.length === 0) {
        const c = await services.api.catalog()
        const mine = me ?? (await services.api.me().catch(() => null))
        const level = mine?.unit.level ?? 'district'
        const list = c.indicators.filter((i) => i.year === f.year && levelIndex(i.reportLevel) >= levelIndex(level))
        setIndicators(list)
        const district = c.units.find((u) => u.level === 'district')
        setStreets(c.units.filter((u) => u.level === 'street' && (!district || u.parentId === district.id) && mine?.unit.level === 'district'))
        code = code && list.some((i) => i.code === code) ? code : (list[0]?.code ?? null)
        if (code !== f.code) setFilters((x) => ({ ...x, code }))
      }
      if (!code) {
        if (n === request.current) (setData(null), setRows([]), setError('这一年没有需要下级填报的指标'))
        return
      }
      const d = await completeness({ ...query(f, code), limit: PAGE })
      if (n !== request.current) return
      setData(d)
      setRows(d.rows)
      setError('')
    } catch (e) {
      if (n === request.current) setError(failure(e))
    }
  }
  useRefreshOnShow(() => {
    if (allowed) void load(latest.current)
  })

  const change = (f: Partial<Filters>) => {
    const next = { ...filters, ...f }
    setFilters(next)
    setPicked(null)
    setNotice('')
    setRows([])
    setData(null)
    void load(next)
  }

  const more = async () => {
    if (!data?.next || loadingMore || !filters.code) return
    setLoadingMore(true)
    try {
      const d = await completeness({ ...query(filters, filters.code), after: data.next, limit: PAGE })
      setData(d)
      setRows((r) => [...r, ...d.rows])
    } catch (e) {
      setNotice(failure(e))
    } finally {
      setLoadingMore(false)
    }
  }

  const remind = async () => {
    if (!picked || busy) return
    setBusy('remind')
    try {
      const r = await remindUnit(picked.row.unit.id)
      setNotice(r.message)
      toast(r.sent > 0 ? '已发送提醒' : '没有发送', r.sent > 0 ? 'success' : 'none')
    } catch (e) {
      setNotice(failure(e))
    } finally {
      setBusy(null)
    }
  }

  const download = async () => {
    if (!filters.code || busy) return
    setBusy('file')
    setNotice('')
    try {
      const file = await completenessFile(query(filters, filters.code))
      await deliverFile(file, 'xlsx')
      if (process.env.TARO_ENV === 'h5') setNotice(`已开始下载：${file.name}`)
    } catch (e) {
      setNotice(e instanceof ApiFailure ? e.message : '没能下载 Excel 文件，请稍后再试')
    } finally {
      setBusy(null)
    }
  }

  if (!allowed) {
    return (
      <DeskShell title="填报完成情况" active="packages/review/completeness">
        <View className={withLargeText('gb-complete', large)}>
          <View className="gb-complete__empty">只有审核人员和管理员可以查看完成情况</View>
        </View>
      </DeskShell>
    )
  }

  const periods = data?.periods ?? []
  const columns: DataColumn<CompletenessGridRow>[] = [
    { key: 'unit', title: '单位', sortValue: (r) => r.unit.path, render: (r) => unitLabel(r), width: '220PX' },
    ...periods.map((p, i) => ({
      key: p,
      title: periodShortLabel(p),
      sortValue: (r: CompletenessGridRow) => COMPLETENESS_STATUSES.indexOf(r.cells[i].status),
      render: (r: CompletenessGridRow) => {
        const c = r.cells[i]
        const on = picked?.row.unit.id === r.unit.id && picked.cell.period === c.period
        return (
          <View
            role="button"
            aria-label={`${unitLabel(r)} ${periodShortLabel(p)} ${cellText(c)}`}
            aria-pressed={on}
            className={`gb-complete__cell gb-complete__cell--${c.status}${on ? ' gb-complete__cell--on' : ''}`}
            onClick={() => (setPicked({ row: r, cell: c }), setNotice(''))}
          >
            {cellText(c)}
          </View>
        )
      }
    }))
  ]

  const yearItems = [thisYear, thisYear - 1].map((y) => ({ key: String(y), label: `${y}年` }))
  const actions = (
    <Button className="gb-complete__btn" type="primary" disabled={busy !== null || !filters.code} onClick={() => void download()}>
      {busy === 'file' ? '正在生成…' : '下载 Excel'}
    </Button>
  )

  return (
    <DeskShell title="填报完成情况" active="packages/review/completeness" actions={actions}>
      <View className={withLargeText('gb-complete', large)}>
        <View className="gb-complete__filters">
          <View className="gb-complete__label">年度</View>
          <ChoiceChips label="年度" items={yearItems} value={[String(filters.year)]} onToggle={(y) => change({ year: Number(y), code: null })} />
          <View className="gb-complete__label">指标</View>
          <ChoiceChips label="指标" items={indicators.map((i) => ({ key: i.code, label: `${i.seq}. ${i.title}` }))} value={filters.code ? [filters.code] : []} onToggle={(code) => change({ code })} />
          {streets.length > 0 ? (
            <>
              <View className="gb-complete__label">街道</View>
              <ChoiceChips label="街道" items={[{ key: '', label: '全部街道' }, ...streets.map((s) => ({ key: s.id, label: s.name }))]} value={[filters.streetId ?? '']} onToggle={(id) => change({ streetId: id || null })} />
            </>
          ) : null}
          <View className="gb-complete__label">状态</View>
          <ChoiceChips
            label="状态"
            items={[{ key: '', label: '全部' }, ...COMPLETENESS_STATUSES.map((s) => ({ key: s, label: `有${COMPLETENESS_LABEL[s]}` }))]}
            value={[filters.status ?? '']}
            onToggle={(s) => change({ status: (s || null) as CompletenessStatus | null })}
          />
        </View>
        {error ? (
          <View className="gb-complete__error" role="button" onClick={() => void load(filters)}>
            {error}（点这里重试）
          </View>
        ) : null}
        {picked ? (
          <View className="gb-complete__picked" role="region" aria-label="选中的单元格">
            <View className="gb-complete__picked-text">
              {unitLabel(picked.row)} · {periodShortLabel(picked.cell.period)}：{cellText(picked.cell)}（截止 {picked.cell.due}）
            </View>
            <Button className="gb-complete__btn" type="primary" disabled={busy !== null} onClick={() => void remind()}>
              {busy === 'remind' ? '正在提醒…' : '立即提醒'}
            </Button>
          </View>
        ) : null}
        {notice ? (
          <View className="gb-complete__notice" role="status">
            {notice}
          </View>
        ) : null}
        {data === null && !error ? <View className="gb-complete__empty">正在加载…</View> : null}
        {data ? (
          <DataTable
            caption={`${data.year}年 ${data.indicator.seq}. ${data.indicator.title} · ${data.scope.name}`}
            columns={columns}
            rows={rows}
            rowKey={(r) => r.unit.id}
            onLoadMore={() => void more()}
            hasMore={data.next !== null}
            loadingMore={loadingMore}
            empty={filters.status ? `没有${COMPLETENESS_LABEL[filters.status]}的单位` : '没有要填报的单位'}
          />
        ) : null}
        <View className="gb-complete__legend">按时：截止日前报送；迟报：截止后补报；退回：待修改，不计入；未报：已过截止日；未到期：还没到截止日。点一格可以立即提醒该单位的人员（每人每天最多一次）。</View>
        <View className="gb-complete__phone-actions">{actions}</View>
      </View>
    </DeskShell>
  )
}
