import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useRef, useState } from 'react'
import { useToday } from '../../hooks/useToday'
import type { OrgUnit } from '../../core/org'
import ChoiceChips from '../../components/ChoiceChips'
import LoadMore from '../../components/LoadMore'
import TableRowEditor from '../../components/TableRowEditor'
import DataTable, { type DataColumn } from '../../components/DataTable'
import DeskShell, { useIsDesk } from '../../components/DeskShell'
import { Input } from '@nutui/nutui-react-taro'
import NarrativeHistory from './NarrativeHistory'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure } from '../../services/api'
import { getServices } from '../../services'
import { exportFile, exportTable, saveNarrative, type ExportFormat, type ExportRow, type ExportTableData, type TableVersion } from '../../services/reviewApi'
import { mayExport } from './access'
import { deliverFile } from './download'
import { timeLabel } from './labels'
import { toast } from './toast'
import './export.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

const ROWS_PAGE = 20
const FORMAT_LABEL: Record<ExportFormat, string> = { xlsx: 'Excel', docx: 'Word' }

const failure = (e: unknown) => (e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')

/**
 * 导出自查表: the year's table for the caller's unit (the admin: the district
 * or a street), row by row as it will be exported. An editor can replace a
 * row's drafted 完成情况 (保存) or go back to the draft (恢复草稿), then
 * download the table as Excel or Word.
 */
export default function ExportPage() {
  const large = useLargeText()
  const me = useIdentity()
  const today = useToday()
  const thisYear = Number(today.slice(0, 4))
  const [year, setYear] = useState(thisYear)
  /** The admin's choice of a street; null is the caller's own unit. */
  const [unitId, setUnitId] = useState<string | null>(null)
  const [streets, setStreets] = useState<OrgUnit[]>([])
  const [communities, setCommunities] = useState<OrgUnit[]>([])
  /** 责任人 and the N of "附件N：" as typed; applied with 应用 (kept as typed when refused). */
  const [signer, setSigner] = useState('')
  const [attachment, setAttachment] = useState('')
  const [applied, setApplied] = useState<{ signer: string; attachment?: number }>({ signer: '' })
  const [attachmentError, setAttachmentError] = useState('')
  const [version, setVersion] = useState<TableVersion>('all')
  const desk = useIsDesk()
  const [table, setTable] = useState<{ key: string; data: ExportTableData } | null>(null)
  const [edits, setEdits] = useState<Record<string, string>>({})
  const [savingCode, setSavingCode] = useState<string | null>(null)
  const [downloading, setDownloading] = useState<ExportFormat | null>(null)
  const [shownRows, setShownRows] = useState(ROWS_PAGE)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const allowed = me === null || mayExport(me)
  const latest = useRef({ year, unitId, allowed, version, applied })
  latest.current = { year, unitId, allowed, version, applied }
  const request = useRef(0)
  const haveCatalog = useRef(false)

  const keyOf = (y: number, u: string | null) => `${y}|${u ?? ''}|${latest.current.version}|${JSON.stringify(latest.current.applied)}`
  /** What the preview and the file are made with, besides year and unit. */
  const options = () => ({ ...(latest.current.version === 'approved' ? { version: 'approved' as const } : {}), ...(latest.current.applied.signer ? { signer: latest.current.applied.signer } : {}), ...(latest.current.applied.attachment ? { attachment: latest.current.applied.attachment } : {}) })

  const loadStreets = async () => {
    if (haveCatalog.current) return
    try {
      const c = await getServices().api.catalog()
      const district = c.units.find((u) => u.level === 'district')
      setStreets(c.units.filter((u) => u.level === 'street' && (!district || u.parentId === district.id)))
      setCommunities(c.units.filter((u) => u.level === 'community'))
      haveCatalog.current = true
    } catch {
      // Without the catalog the admin sees the district only; tried again next show.
    }
  }

  const load = async (y: number, u: string | null) => {
    const n = ++request.current
    try {
      const services = getServices()
      await services.ready
      const [d] = await Promise.all([exportTable({ year: y, ...(u ? { orgUnitId: u } : {}), ...options() }), loadStreets()])
      if (n !== request.current) return
      setTable({ key: keyOf(y, u), data: d })
      setError('')
    } catch (e) {
      if (n === request.current) setError(failure(e))
    }
  }
  useRefreshOnShow(() => {
    // Grid workers get a plain word instead (the server would refuse them).
    if (latest.current.allowed) void load(latest.current.year, latest.current.unitId)
  })

  // Until a year is picked, follow the server's year (the clock may learn it after the first render).
  const picked = useRef(false)
  useEffect(() => {
    if (picked.current || year === thisYear) return
    setYear(thisYear)
    if (latest.current.allowed) void load(thisYear, latest.current.unitId)
  }, [thisYear])

  const choose = (y: number, u: string | null) => {
    if (y !== year) picked.current = true
    setYear(y)
    setUnitId(u)
    setEdits({})
    setNotice('')
    setShownRows(ROWS_PAGE)
    void load(y, u)
  }

  /** 责任人 and 附件N: checked here (the server checks again), then the preview is made with them. */
  const applyHeader = () => {
    const a = attachment.trim()
    if (a !== '' && !/^[1-9]\d?$/.test(a)) {
      setAttachmentError('附件编号请填1到99的整数，不需要时留空')
      return
    }
    setAttachmentError('')
    const next = { signer: signer.trim(), ...(a ? { attachment: Number(a) } : {}) }
    setApplied(next)
    latest.current = { ...latest.current, applied: next }
    void load(year, unitId)
  }

  const chooseVersion = (v: TableVersion) => {
    setVersion(v)
    latest.current = { ...latest.current, version: v }
    void load(year, unitId)
  }

  /** Saves a row's text, or (null) goes back to the draft; then shows the table as stored. */
  const save = async (orgUnitId: string, code: string, text: string | null) => {
    if (savingCode) return
    setSavingCode(code)
    setNotice('')
    try {
      await saveNarrative({ indicatorCode: code, orgUnitId, year, text })
      setEdits(({ [code]: _dropped, ...rest }) => rest)
      setNotice(text === null ? '已恢复草稿' : '已保存')
      toast(text === null ? '已恢复草稿' : '已保存', 'success')
      await load(year, unitId)
    } catch (e) {
      setNotice(failure(e))
    } finally {
      setSavingCode(null)
    }
  }

  const download = async (format: ExportFormat) => {
    if (downloading) return
    setDownloading(format)
    setNotice('')
    try {
      const file = await exportFile({ year, format, ...(unitId ? { orgUnitId: unitId } : {}), ...options() })
      await deliverFile(file, format)
      if (process.env.TARO_ENV === 'h5') setNotice(`已开始下载：${file.name}`)
    } catch (e) {
      setNotice(e instanceof ApiFailure ? e.message : `没能下载${FORMAT_LABEL[format]}文件，请稍后再试`)
    } finally {
      setDownloading(null)
    }
  }

  if (!allowed) {
    return (
      <DeskShell title="导出自查表" active="packages/review/export">
        <View className={withLargeText('gb-export', large)}>
          <View className="gb-export__empty">只有审核人员和管理员可以导出自查表</View>
        </View>
      </DeskShell>
    )
  }

  const loaded = table && table.key === keyOf(year, unitId) ? table.data : null
  const shown = loaded?.table ?? null
  const editOf = (code: string) => loaded?.edits.find((e) => e.code === code)
  const unsaved = shown ? shown.rows.filter((r) => edits[r.code] !== undefined && edits[r.code] !== r.narrative).length : 0
  const isAdmin = me?.person.role === 'admin'
  // Per-street tables (the admin) and per-community tables (of the chosen street, or the reviewer's own).
  const streetOf = isAdmin ? (unitId ? (streets.find((x) => x.id === unitId) ? unitId : communities.find((c) => c.id === unitId)?.parentId ?? null) : null) : (me?.unit.level === 'street' ? me.unit.id : null)
  const communityChoices = streetOf ? communities.filter((c) => c.parentId === streetOf) : []
  const columns: DataColumn<ExportRow>[] = [
    { key: 'seq', title: '序号', sortValue: (r) => r.seq, width: '56PX' },
    { key: 'category', title: '类型', render: (r) => r.category, width: '110PX' },
    { key: 'text', title: '指标内容及指标值', render: (r) => r.indicatorText, width: '26%' },
    { key: 'narrative', title: '完成情况', render: (r) => edits[r.code] ?? r.narrative },
    { key: 'rate', title: '完成率（%）', render: (r) => r.rateText, width: '96PX', align: 'right' },
    { key: 'coverage', title: '报送', render: (r) => r.coverage ?? '—', width: '130PX' },
    { key: 'evidence', title: '支撑材料', render: (r) => (r.evidence.length ? r.evidence.join('、') : '无'), width: '110PX' }
  ]

  return (
    <DeskShell title="导出自查表" active="packages/review/export">
    <View className={withLargeText('gb-export', large)}>
      {/* The way to the completeness view on a phone (the desk has it in the side navigation). */}
      <View className="gb-export__link" role="link" onClick={() => void Taro.navigateTo({ url: '/packages/review/completeness' })}>
        查看各单位填报完成情况（按时、迟报、未报，立即提醒）›
      </View>
      <View className="gb-export__label">年度</View>
      <ChoiceChips label="年度" items={[thisYear, thisYear - 1].map((y) => ({ key: String(y), label: `${y}年` }))} value={[String(year)]} onToggle={(y) => choose(Number(y), unitId)} />
      {isAdmin && me ? (
        <View>
          <View className="gb-export__label">单位</View>
          <ChoiceChips
            label="单位"
            items={[{ key: me.unit.id, label: me.unit.name }, ...streets.map((s) => ({ key: s.id, label: s.name }))]}
            value={[streetOf ?? unitId ?? me.unit.id]}
            onToggle={(id) => choose(year, id === me.unit.id ? null : id)}
          />
        </View>
      ) : null}
      {communityChoices.length > 0 ? (
        <View>
          <View className="gb-export__label">社区</View>
          <ChoiceChips
            label="社区"
            items={[{ key: streetOf!, label: '街道汇总' }, ...communityChoices.map((c) => ({ key: c.id, label: c.name }))]}
            value={[unitId && communityChoices.some((c) => c.id === unitId) ? unitId : streetOf!]}
            onToggle={(id) => choose(year, isAdmin || id !== me?.unit.id ? id : null)}
          />
        </View>
      ) : null}
      <View className="gb-export__label">数据口径</View>
      <ChoiceChips
        label="数据口径"
        items={[
          { key: 'all', label: '工作稿（含待审核）' },
          { key: 'approved', label: '正式版（仅审核通过）' }
        ]}
        value={[version]}
        onToggle={(v) => chooseVersion(v as TableVersion)}
      />
      <View className="gb-export__form">
        <View className="gb-export__field">
          <View className="gb-export__label">责任人（签字）</View>
          <Input className="gb-export__input" value={signer} onChange={setSigner} placeholder="留空则打印后手写签字" maxLength={30} aria-label="责任人（签字）" />
        </View>
        <View className="gb-export__field">
          <View className="gb-export__label">附件编号（附件N：）</View>
          <Input className="gb-export__input" value={attachment} onChange={(v) => (setAttachment(v), setAttachmentError(''))} placeholder="如 2，不需要时留空" maxLength={3} aria-label="附件编号" aria-invalid={attachmentError ? true : undefined} />
          {attachmentError ? (
            <View className="gb-export__field-error" role="alert">
              {attachmentError}
            </View>
          ) : null}
        </View>
        <Button className="gb-export__btn gb-export__apply" type="default" onClick={applyHeader}>
          应用到表头
        </Button>
      </View>
      {error ? (
        <View className="gb-export__error" role="button" onClick={() => void load(year, unitId)}>
          {error}（点这里重试）
        </View>
      ) : null}
      {notice ? <View className="gb-export__notice">{notice}</View> : null}
      {shown === null && !error ? <View className="gb-export__empty">正在加载…</View> : null}
      {shown ? (
        <View>
          <View className="gb-export__card">
            {shown.attachmentLine ? <View className="gb-export__meta">{shown.attachmentLine}</View> : null}
            <View className="gb-export__title">{shown.title}</View>
            <View className="gb-export__meta">单位名称：{shown.unitName}</View>
            <View className="gb-export__meta">责任人（签字）：{shown.signer || '（未填）'}</View>
            <View className="gb-export__meta">{shown.versionLine}</View>
            {shown.warnings.map((w) => (
              <View key={`${w.kind}-${w.code}`} className="gb-export__warning">
                第{w.seq}项完成情况有{w.length}字，打印时一格可能放不下
              </View>
            ))}
          </View>
          {shown.rows.length === 0 ? <View className="gb-export__empty">这一年没有要填的指标</View> : null}
          {desk && shown.rows.length > 0 ? <DataTable caption={shown.title} columns={columns} rows={shown.rows} rowKey={(r) => r.code} pageSize={50} /> : null}
          {desk && shown.rows.length > 0 ? <View className="gb-export__label">修改完成情况</View> : null}
          {shown.rows.slice(0, shownRows).map((row) => (
            <View key={row.code}>
              <TableRowEditor
                row={row}
                value={edits[row.code] ?? row.narrative}
                editedNote={(() => {
                  const e = editOf(row.code)
                  return e ? `${e.byName} ${timeLabel(e.at, today)}改写` : undefined
                })()}
                busy={savingCode === row.code}
                onChange={(text) => setEdits((e) => ({ ...e, [row.code]: text }))}
                onSave={() => void save(loaded!.unit.id, row.code, edits[row.code] ?? row.narrative)}
                onRestore={() => void save(loaded!.unit.id, row.code, null)}
              />
              <NarrativeHistory seq={row.seq} indicatorCode={row.code} orgUnitId={loaded!.unit.id} year={year} stamp={`${row.narrativeSource}|${editOf(row.code)?.at ?? ''}`} />
            </View>
          ))}
          <LoadMore shown={Math.min(shownRows, shown.rows.length)} total={shown.rows.length} onMore={() => setShownRows((n) => n + ROWS_PAGE)} />
          {unsaved > 0 ? <View className="gb-export__warning">还有{unsaved}项修改没保存，下载的文件里不会有</View> : null}
          <View className="gb-export__actions">
            {(['xlsx', 'docx'] as ExportFormat[]).map((f) => (
              <Button key={f} className="gb-export__btn" type="primary" disabled={downloading !== null} onClick={() => void download(f)}>
                {downloading === f ? '正在生成…' : `下载 ${FORMAT_LABEL[f]}`}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
    </DeskShell>
  )
}
