import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import type { Indicator } from '../../core/indicator'
import { ORG_LEVEL_LABEL } from '../../core/org'
import { periodLabel } from '../../core/periodLabel'
import { REPORT_STATUS_LABEL, type ReportStatus } from '../../core/report'
import { SIGNOFF_STATUS_LABEL } from '../../core/reviewChain'
import ChoiceChips from '../../components/ChoiceChips'
import DataTable, { type DataColumn } from '../../components/DataTable'
import DeskShell from '../../components/DeskShell'
import PeriodPicker from '../../components/PeriodPicker'
import { useToday } from '../../hooks/useToday'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'
import { ApiFailure, type SignoffViewData } from '../../services/api'
import { getServices } from '../../services'
import BatchConfirm from './BatchConfirm'
import { toast } from './toast'
import './signoff.scss'

type Row = SignoffViewData['rows'][number]
type Action = { row: Row; decision: 'return' | 'missing' }

const STATE_LABEL: Record<Row['state'], string> = { approved: '已通过', signed: '已签核', missing: '未报', waiting: '待完成' }

/** The period of `ind` that `today` falls in. */
function currentPeriod(ind: Indicator | undefined, today: string): string {
  const y = today.slice(0, 4)
  if (!ind || ind.period === 'month') return today.slice(0, 7)
  if (ind.period === 'quarter') return `${y}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`
  return y
}

/**
 * 逐级签核: for one indicator (with a review chain) and period, the units
 * this level answers for: each unit's totals and status. A higher level
 * signs off a unit's total (when every unit below it is approved or marked
 * 未报) or returns it with a comment to that unit's reviewer; the first
 * level marks a grid that did not report 未报 with a reason. 批量签核 lists
 * what will be signed before it does.
 */
export default function ReviewSignoffPage() {
  const large = useLargeText()
  const today = useToday()
  const thisYear = Number(today.slice(0, 4))
  const [indicators, setIndicators] = useState<Indicator[]>([])
  const [code, setCode] = useState<string | null>(null)
  const [period, setPeriod] = useState<string | null>(null)
  const [view, setView] = useState<SignoffViewData | null>(null)
  const [error, setError] = useState('')
  const [action, setAction] = useState<Action | null>(null)
  const [comment, setComment] = useState('')
  const [formError, setFormError] = useState('')
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const latest = useRef<{ code: string | null; period: string | null }>({ code, period })
  latest.current = { code, period }

  const ind = indicators.find((i) => i.code === code)

  const load = async (c: string | null, p: string | null) => {
    try {
      const services = getServices()
      await services.ready
      let list = indicators
      if (list.length === 0) {
        const cat = await services.api.catalog()
        const y = thisYear
        list = cat.indicators.filter((i) => i.reviewChain && i.year === y).sort((a, b) => a.seq - b.seq)
        setIndicators(list)
      }
      const chosen = c ?? list[0]?.code ?? null
      if (!chosen) {
        setView(null)
        setError('')
        return
      }
      const per = p ?? currentPeriod(list.find((i) => i.code === chosen), today)
      setCode(chosen)
      setPeriod(per)
      setView(await services.api.signoffView({ indicatorCode: chosen, period: per }))
      setError('')
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    }
  }
  useRefreshOnShow(() => void load(latest.current.code, latest.current.period))

  const totalsText = (row: Row) =>
    (ind?.fields ?? [])
      .filter((f) => row.totals[f.key] !== undefined)
      .map((f) => `${f.label} ${row.totals[f.key]}${f.unit}`)
      .join('，') || '暂无数据'

  const send = async (row: Row, decision: 'sign' | 'return' | 'missing') => {
    if (!code || !period || busy) return
    const text = comment.trim()
    if (decision !== 'sign' && text === '') {
      setFormError(decision === 'return' ? '请写明退回原因' : '请写明未报的原因')
      return
    }
    setBusy(true)
    setFormError('')
    try {
      await getServices().api.signoff({ indicatorCode: code, period, unitId: row.unitId, decision, version: row.signOff?.version ?? 0, ...(text && decision !== 'sign' ? { comment: text } : {}) })
      toast(decision === 'sign' ? '已签核' : decision === 'return' ? '已退回' : '已标记未报', 'success')
      setAction(null)
      setComment('')
      await load(code, period)
    } catch (e) {
      setFormError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  const ready = (view?.rows ?? []).filter((r) => r.canSign)
  const signReady = async () => {
    if (!code || !period || busy) return
    setBusy(true)
    try {
      const d = await getServices().api.signoffBatch({ indicatorCode: code, period, items: ready.map((r) => ({ unitId: r.unitId, version: r.signOff?.version ?? 0 })) })
      const failed = d.results.filter((r) => r.status === 'rejected')
      toast(`已签核 ${d.signed} 个单位`, failed.length ? 'none' : 'success')
      setError(failed.length ? `${failed.length} 个没有签核：${failed.map((f) => ('error' in f ? f.error.message : '')).join('；')}` : '')
      setConfirming(false)
      await load(code, period)
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  const reportLevel = ind?.reportLevel
  const columns: DataColumn<Row>[] = [
    { key: 'unit', title: '单位', sortValue: (r) => r.label, render: (r) => <Text className="gb-signoff__unit">{r.label}</Text> },
    { key: 'totals', title: '汇总', render: (r) => <Text>{totalsText(r)}</Text> },
    {
      key: 'state',
      title: '状态',
      sortValue: (r) => r.state,
      render: (r) => (
        <View>
          <View>{r.signOff ? SIGNOFF_STATUS_LABEL[r.signOff.status] : r.reportStatus ? REPORT_STATUS_LABEL[r.reportStatus as ReportStatus] : STATE_LABEL[r.state]}</View>
          {r.signOff?.comment ? <View className="gb-signoff__note">{r.signOff.status === 'missing' ? '原因' : '意见'}：{r.signOff.comment}</View> : null}
        </View>
      )
    },
    {
      key: 'below',
      title: '下级完成',
      render: (r) =>
        r.below ? (
          <View>
            <View>
              {r.below.done}/{r.below.expected}
            </View>
            {r.below.waiting.length ? <View className="gb-signoff__note">待完成：{r.below.waiting.slice(0, 3).join('、')}{r.below.waiting.length > 3 ? ' 等' : ''}</View> : null}
          </View>
        ) : (
          <Text>—</Text>
        )
    },
    {
      key: 'act',
      title: '操作',
      render: (r) =>
        view?.locked ? (
          <Text>已锁定</Text>
        ) : (
          <View className="gb-signoff__acts">
            {r.canSign ? (
              <View className="gb-signoff__btn gb-signoff__btn--primary" role="button" onClick={() => void send(r, 'sign')} aria-label={`签核 ${r.label}`}>
                签核
              </View>
            ) : null}
            {r.level !== reportLevel ? (
              <View className="gb-signoff__btn" role="button" onClick={() => (setAction({ row: r, decision: 'return' }), setComment(''), setFormError(''))} aria-label={`退回 ${r.label}`}>
                退回
              </View>
            ) : null}
            {r.state === 'waiting' && r.reportStatus === null ? (
              <View className="gb-signoff__btn" role="button" onClick={() => (setAction({ row: r, decision: 'missing' }), setComment(''), setFormError(''))} aria-label={`标记未报 ${r.label}`}>
                标记未报
              </View>
            ) : null}
          </View>
        )
    }
  ]

  return (
    <DeskShell title="逐级签核" active="packages/review/index">
      <View className={withLargeText('gb-signoff', large)}>
        {indicators.length > 0 ? (
          <ChoiceChips
            label="指标"
            items={indicators.map((i) => ({ key: i.code, label: `${i.seq}. ${i.title}` }))}
            value={code ? [code] : []}
            onToggle={(c) => {
              setView(null)
              void load(c, currentPeriod(indicators.find((i) => i.code === c), today))
            }}
          />
        ) : null}
        {period ? <PeriodPicker value={period} years={[thisYear, thisYear - 1]} today={today} onChange={(p) => void load(code, p)} /> : null}
        {error ? (
          <View className="gb-signoff__error" role="alert">
            {error}
          </View>
        ) : null}
        {!error && indicators.length === 0 && view === null ? <View className="gb-signoff__empty">今年没有分级审核的指标</View> : null}
        {view ? (
          <View>
            <View className="gb-signoff__head">
              {view.label} · {periodLabel(view.period)} · {view.chain.map((l) => ORG_LEVEL_LABEL[l]).join(' → ')}
            </View>
            {view.own?.status === 'returned' ? (
              <View className="gb-signoff__returned" role="status">
                上级退回了本单位的汇总（{view.own.byName}）：{view.own.comment}。请打开相应填报重新打开并退回给填报人。
              </View>
            ) : null}
            {view.own?.status === 'signed' ? <View className="gb-signoff__note">本单位汇总已由上级签核（{view.own.byName}）。</View> : null}
            {view.locked ? <View className="gb-signoff__note">上级已签核，本页数据已锁定。</View> : null}
            {ready.length > 0 && !view.locked ? (
              <View className="gb-signoff__btn gb-signoff__btn--primary gb-signoff__batch" role="button" onClick={() => setConfirming(true)}>
                批量签核（{ready.length}）
              </View>
            ) : null}
            {confirming ? (
              <BatchConfirm
                title={`确认签核以下 ${ready.length} 个单位的汇总？`}
                lines={ready.map((r) => `${r.label}：${totalsText(r)}`)}
                confirmText={`确认签核 ${ready.length} 个`}
                busy={busy}
                onConfirm={() => void signReady()}
                onCancel={() => setConfirming(false)}
              />
            ) : null}
            {action ? (
              <View className="gb-signoff__form" role="group" aria-label={action.decision === 'return' ? '退回汇总' : '标记未报'}>
                <View className="gb-signoff__form-title">
                  {action.decision === 'return' ? '退回' : '标记未报'}：{action.row.label}
                </View>
                <Textarea
                  className="gb-signoff__input"
                  value={comment}
                  maxlength={500}
                  autoHeight
                  aria-label={action.decision === 'return' ? '退回意见' : '未报原因'}
                  placeholder={action.decision === 'return' ? '写明哪里不对，给下级审核员' : '写明为什么没有报'}
                  onInput={(e) => setComment(e.detail.value)}
                />
                {formError ? <View className="gb-signoff__error">{formError}</View> : null}
                <View className="gb-signoff__acts">
                  <Button className="gb-signoff__confirm" type="primary" disabled={busy} onClick={() => void send(action.row, action.decision)}>
                    {action.decision === 'return' ? '确认退回' : '确认标记未报'}
                  </Button>
                  <Button className="gb-signoff__confirm" fill="outline" disabled={busy} onClick={() => setAction(null)}>
                    取消
                  </Button>
                </View>
              </View>
            ) : null}
            {view.childLevel ? (
              <DataTable caption={`${ORG_LEVEL_LABEL[view.childLevel]}汇总`} columns={columns} rows={view.rows} rowKey={(r) => r.unitId} empty="没有下级单位" pageSize={30} />
            ) : (
              <View className="gb-signoff__empty">这项指标不由本级签核</View>
            )}
          </View>
        ) : null}
      </View>
    </DeskShell>
  )
}
