import Taro from '@tarojs/taro'
import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useRef, useState } from 'react'
import { useToday } from '../../hooks/useToday'
import type { Indicator } from '../../core/indicator'
import type { OrgUnit } from '../../core/org'
import { dateLabel, periodLabel } from '../../core/periodLabel'
import type { Verdict } from '../../core/target'
import ChoiceChips from '../../components/ChoiceChips'
import EvidenceGallery from '../../components/EvidenceGallery'
import FigureList, { type FigureLine } from '../../components/FigureList'
import HistoryTimeline, { type TimelineItem } from '../../components/HistoryTimeline'
import StatusTag from '../../components/StatusTag'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure, type HistoryData, type ReviewContextData } from '../../services/api'
import DeskShell from '../../components/DeskShell'
import ReviewContextCard from './ReviewContextCard'
import { getServices } from '../../services'
import { mayReview } from './access'
import { evidenceLinks, evidenceUrl } from './evidenceUrl'
import { formatFigure } from '../../core/fieldFormat'
import { unitLabel } from '../../core/unitLabel'
import { ACTION_LABEL, VERDICT_LABEL, changeText, timeLabel } from './labels'
import { toast } from './toast'
import { useQuery } from './useQuery'
import './detail.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

type Report = HistoryData['report']
type Decision = 'approve' | 'return' | 'reopen'

const VERDICTS: Verdict[] = ['met', 'partial', 'unmet']
const DONE_TOAST: Record<Decision, string> = { approve: '已通过', return: '已退回', reopen: '已重新打开' }
const MAX_COMMENT = 500

/** The figures as the unit gave them, in the indicator's order, with reasons and dates. */
function figureLines(report: Report, ind: Indicator | undefined, today: string): FigureLine[] {
  const flagged = new Set(report.status === 'returned' ? report.returnedFields : [])
  const lines: FigureLine[] = []
  const known = new Set<string>()
  for (const f of ind?.fields ?? []) {
    known.add(f.key)
    if (f.fixed !== undefined) continue
    const v = report.values[f.key]
    const date = report.dates[f.key]
    lines.push({
      key: f.key,
      label: f.label,
      // An estimate reads 约… for the reviewer too.
      value: v === undefined ? '未填' : formatFigure(f, v, (report.approx ?? []).includes(f.key)),
      ...(report.reasons[f.key] ? { reason: report.reasons[f.key] } : {}),
      ...(date ? { date: dateLabel(date, today) } : {}),
      flagged: flagged.has(f.key)
    })
  }
  for (const [key, v] of Object.entries(report.values)) {
    if (known.has(key)) continue
    lines.push({ key, label: key, value: String(v), ...(report.reasons[key] ? { reason: report.reasons[key] } : {}), flagged: flagged.has(key) })
  }
  return lines
}

/**
 * 审核详情 (`?id=<reportId>`): the figures with the reasons given for soft
 * warnings, milestone dates, the narrative, evidence photos and the history;
 * 通过 (judging qualitative targets first), 退回 with a comment and the
 * figures to fix, 重新打开 for an approved report. Every decision carries
 * the version shown; if the report moved on meanwhile the page reloads.
 */
export default function ReviewDetailPage() {
  const large = useLargeText()
  const { id = '' } = useQuery()
  const me = useIdentity()
  const today = useToday()
  const [data, setData] = useState<HistoryData | null>(null)
  const [indicators, setIndicators] = useState<Record<string, Indicator>>({})
  const [units, setUnits] = useState<Record<string, OrgUnit>>({})
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const [mode, setMode] = useState<Decision | null>(null)
  const [comment, setComment] = useState('')
  const [fields, setFields] = useState<string[]>([])
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({})
  const [formError, setFormError] = useState('')
  const [fileLinks, setFileLinks] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  /** Target, rate, last period and warnings beside the report (review.context); the page works without it. */
  const [context, setContext] = useState<ReviewContextData | null>(null)
  const haveCatalog = useRef(false)

  const loadCatalog = async () => {
    if (haveCatalog.current) return
    try {
      const c = await getServices().api.catalog()
      setIndicators(Object.fromEntries(c.indicators.map((i) => [i.code, i])))
      setUnits(Object.fromEntries(c.units.map((u) => [u.id, u])))
      haveCatalog.current = true
    } catch {
      // Figures show without labels and units; tried again next show.
    }
  }

  const load = async () => {
    if (!id) {
      setError('没有指定要看的填报')
      return
    }
    try {
      const services = getServices()
      await services.ready
      const [d] = await Promise.all([
        services.api.history(id),
        loadCatalog(),
        Promise.resolve()
          .then(() => services.api.reviewContext(id))
          .then(setContext)
          .catch(() => undefined)
      ])
      setFileLinks(await evidenceLinks(services.api, d.report))
      setData(d)
      setError('')
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    }
  }
  useRefreshOnShow(() => void load())

  const report = data?.report ?? null
  const ind = report ? indicators[report.indicatorCode] : undefined
  const qualitative = (ind?.targets ?? []).filter((t) => t.kind === 'qualitative')
  const canAct = report !== null && context?.signedOff !== true && mayReview(me, report.unitPath, context ? (context.chain ?? undefined) : ind?.reviewChain)

  const start = (decision: Decision) => {
    setFormError('')
    setNotice('')
    if (decision === 'approve' && report) setVerdicts(Object.fromEntries(qualitative.flatMap((t) => (report.verdicts[t.id] ? [[t.id, report.verdicts[t.id]]] : []))))
    if (decision === 'return') setFields([])
    setMode(decision)
  }

  const send = async (decision: Decision) => {
    if (!report || busy) return
    const text = comment.trim()
    if (decision === 'return' && text === '') {
      setFormError('请写明退回原因')
      return
    }
    if (decision === 'approve' && qualitative.some((t) => !verdicts[t.id])) {
      setFormError('请先评定每一项')
      return
    }
    setBusy(true)
    setFormError('')
    try {
      await getServices().api.review({
        reportId: report.id,
        version: report.version,
        decision,
        ...(decision !== 'approve' && text ? { comment: text } : {}),
        ...(decision === 'return' ? { fields } : {}),
        ...(decision === 'approve' && qualitative.length > 0 ? { verdicts } : {})
      })
      setMode(null)
      setComment('')
      setFields([])
      setNotice(DONE_TOAST[decision])
      toast(DONE_TOAST[decision], 'success')
      await load()
    } catch (e) {
      if (e instanceof ApiFailure && (e.code === 'CONFLICT' || e.code === 'LOCKED')) {
        // Someone else acted first: show the report as it is now. A typed
        // comment is kept for a second try.
        setMode(null)
        setNotice('刚刚有更新，已重新加载，请再看一遍')
        toast('刚刚有更新')
        await load()
      } else {
        setFormError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
      }
    } finally {
      setBusy(false)
    }
  }

  const backToList = () => {
    void Promise.resolve(Taro.navigateBack())
      .catch(() => Taro.redirectTo({ url: '/packages/review/index' }))
      .catch(() => undefined)
  }

  const preview = (url: string, all: string[]) => {
    try {
      void Promise.resolve(Taro.previewImage({ current: url, urls: all })).catch(() => undefined)
    } catch {
      // No viewer here; the thumbnail stays.
    }
  }

  if (!report) {
    return (
      <View className={withLargeText('gb-review-detail', large)}>
        {error ? (
          <View className="gb-review-detail__error" role="button" onClick={() => void load()}>
            {error}（点这里重试）
          </View>
        ) : (
          <View className="gb-review-detail__empty">正在加载…</View>
        )}
      </View>
    )
  }

  const timeline: TimelineItem[] = [...(data?.entries ?? [])].reverse().map((e) => ({
    key: `${e.version}-${e.at}`,
    who: e.actorName,
    when: timeLabel(e.at, today),
    action: ACTION_LABEL[e.action] ?? e.action,
    changes: e.changes.map((c) => changeText(c, ind?.fields.find((f) => f.key === c.field))),
    // A worker's comment comes with a fix: it is a note to the reviewer, not a review opinion.
    ...(e.comment ? { comment: e.comment, commentLabel: e.action === 'submit' || e.action === 'edit' ? '填报人留言' : '意见' } : {})
  }))
  const unitName = context?.label ?? unitLabel(report.unitPath, units)
  const choosable = (ind?.fields ?? []).filter((f) => f.fixed === undefined)

  return (
    <DeskShell title="审核详情" active="packages/review/index">
    <View className={withLargeText('gb-review-detail', large)}>
      {error ? (
        <View className="gb-review-detail__error" role="button" onClick={() => void load()}>
          {error}（点这里重试）
        </View>
      ) : null}
      {notice ? <View className="gb-review-detail__notice">{notice}</View> : null}
      <View className="gb-review-detail__back" role="link" onClick={backToList}>
        ‹ 返回审核列表
      </View>
      <View className="gb-review-detail__card">
        <View className="gb-review-detail__head">
          <Text className="gb-review-detail__title">{ind?.title ?? report.indicatorCode}</Text>
          <StatusTag status={report.status} />
        </View>
        <View className="gb-review-detail__meta">
          {unitName} · {periodLabel(report.period)}
        </View>
        <View className="gb-review-detail__meta">
          第{report.version}版 · {timeLabel(report.updatedAt, today)}更新{report.onTime ? '' : ' · 逾期提交'}
        </View>
        {report.status === 'returned' && report.reviewComment ? <View className="gb-review-detail__comment">退回意见：{report.reviewComment}</View> : null}
      </View>

      <View className="gb-review-detail__section">填报数据</View>
      <View className="gb-review-detail__card">
        <FigureList
          lines={figureLines(report, ind, today)}
          attached={(key) => {
            // Evidence bound to this figure sits right under it.
            const items = report.evidence.filter((e) => e.field === key)
            return items.length ? (
              <View className="gb-review-detail__attached" aria-label="这一项的附件">
                <EvidenceGallery items={items} urlOf={(eid) => evidenceUrl(eid, { links: fileLinks })} onPreview={preview} />
              </View>
            ) : null
          }}
        />
        {report.declaredRate !== undefined ? <View className="gb-review-detail__line">自报完成率：{report.declaredRate}%</View> : null}
        {qualitative.map((t) => (
          <View key={t.id} className="gb-review-detail__line">
            {t.label}：{report.verdicts[t.id] ? VERDICT_LABEL[report.verdicts[t.id]] : '待评定'}
          </View>
        ))}
      </View>

      {context ? <ReviewContextCard context={context} /> : null}

      <View className="gb-review-detail__section">情况说明</View>
      <View className="gb-review-detail__card gb-review-detail__text">{report.narrative.trim() || '没有写'}</View>

      <View className="gb-review-detail__section">整份填报的附件</View>
      <View className="gb-review-detail__card">
        <EvidenceGallery items={report.evidence.filter((e) => !e.field || !ind?.fields.some((f) => f.key === e.field))} urlOf={(eid) => evidenceUrl(eid, { links: fileLinks })} onPreview={preview} />
      </View>

      {canAct && mode === null ? (
        <View className="gb-review-detail__actions">
          {report.status === 'submitted' ? (
            <>
              <Button className="gb-review-detail__btn" type="primary" onClick={() => start('approve')}>
                通过
              </Button>
              <Button className="gb-review-detail__btn gb-review-detail__btn--danger" fill="outline" onClick={() => start('return')}>
                退回
              </Button>
            </>
          ) : null}
          {report.status === 'approved' ? (
            <Button className="gb-review-detail__btn" fill="outline" type="primary" onClick={() => start('reopen')}>
              重新打开
            </Button>
          ) : null}
          {report.status === 'returned' ? <View className="gb-review-detail__hint">已退回，等填报人修改后重新提交</View> : null}
        </View>
      ) : null}
      {context?.signedOff ? <View className="gb-review-detail__hint">上级已签核本期汇总，数据已锁定；如需修改，请上级先退回签核</View> : null}
      {!canAct && !context?.signedOff && context?.chain && me && report.unitPath !== me.unit.path && me.person.role !== 'admin' ? (
        <View className="gb-review-detail__hint">这项指标由下一级逐条审核，本级在“逐级签核”里签核汇总</View>
      ) : null}
      {!canAct && me && report.unitPath === me.unit.path && me.person.role !== 'admin' ? <View className="gb-review-detail__hint">本单位的填报由上级审核</View> : null}

      {canAct && mode !== null ? (
        <View className="gb-review-detail__card gb-review-detail__form">
          {mode === 'approve' ? (
            <View>
              <View className="gb-review-detail__form-title">通过这份填报</View>
              {qualitative.map((t) => (
                <View key={t.id}>
                  <View className="gb-review-detail__form-label">{t.label}</View>
                  <ChoiceChips
                    label={t.label}
                    items={VERDICTS.map((v) => ({ key: v, label: VERDICT_LABEL[v] }))}
                    value={verdicts[t.id] ? [verdicts[t.id]] : []}
                    onToggle={(v) => setVerdicts({ ...verdicts, [t.id]: v as Verdict })}
                  />
                </View>
              ))}
              <View className="gb-review-detail__form-note">通过后数据锁定，需要改时可以重新打开。</View>
            </View>
          ) : null}
          {mode === 'return' ? (
            <View>
              <View className="gb-review-detail__form-title">退回修改</View>
              <View className="gb-review-detail__form-label">退回原因（必填）</View>
              <Textarea
                className="gb-review-detail__input"
                value={comment}
                maxlength={MAX_COMMENT}
                autoHeight
                placeholder="写明哪里不对、要怎么改"
                aria-label="退回原因"
                onInput={(e) => setComment(e.detail.value)}
              />
              {choosable.length > 0 ? (
                <View>
                  <View className="gb-review-detail__form-label">要改的数据（不选就是全部）</View>
                  <ChoiceChips
                    multi
                    label="要改的数据"
                    items={choosable.map((f) => ({ key: f.key, label: f.label }))}
                    value={fields}
                    onToggle={(k) => setFields(fields.includes(k) ? fields.filter((x) => x !== k) : [...fields, k])}
                  />
                </View>
              ) : null}
            </View>
          ) : null}
          {mode === 'reopen' ? (
            <View>
              <View className="gb-review-detail__form-title">重新打开</View>
              <View className="gb-review-detail__form-note">重新打开后填报人可以修改，改完要重新审核。</View>
              <View className="gb-review-detail__form-label">原因（选填）</View>
              <Textarea
                className="gb-review-detail__input"
                value={comment}
                maxlength={MAX_COMMENT}
                autoHeight
                placeholder="为什么要重新打开"
                aria-label="重新打开的原因"
                onInput={(e) => setComment(e.detail.value)}
              />
            </View>
          ) : null}
          {formError ? <View className="gb-review-detail__form-error">{formError}</View> : null}
          <View className="gb-review-detail__actions">
            <Button className="gb-review-detail__btn" type="primary" disabled={busy} onClick={() => void send(mode)}>
              {mode === 'approve' ? '确认通过' : mode === 'return' ? '确认退回' : '确认重新打开'}
            </Button>
            <Button className="gb-review-detail__btn" fill="outline" disabled={busy} onClick={() => setMode(null)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}

      <View className="gb-review-detail__section">修改记录</View>
      <View className="gb-review-detail__card">
        <HistoryTimeline items={timeline} />
      </View>
    </View>
    </DeskShell>
  )
}
