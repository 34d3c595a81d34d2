import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useRef, useState } from 'react'
import { useToday } from '../../hooks/useToday'
import type { OrgUnit } from '../../core/org'
import ChoiceChips from '../../components/ChoiceChips'
import LoadMore from '../../components/LoadMore'
import TableRowEditor from '../../components/TableRowEditor'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure } from '../../services/api'
import { getServices } from '../../services'
import { exportFile, exportTable, saveNarrative, type ExportFormat, type ExportTableData } from '../../services/reviewApi'
import { mayExport } from './access'
import { deliverFile } from './download'
import { timeLabel } from './labels'
import { toast } from './toast'
import './export.scss'

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
  const me = useIdentity()
  const today = useToday()
  const thisYear = Number(today.slice(0, 4))
  const [year, setYear] = useState(thisYear)
  /** The admin's choice of a street; null is the caller's own unit. */
  const [unitId, setUnitId] = useState<string | null>(null)
  const [streets, setStreets] = useState<OrgUnit[]>([])
  const [table, setTable] = useState<{ key: string; data: ExportTableData } | null>(null)
  const [edits, setEdits] = useState<Record<string, string>>({})
  const [savingCode, setSavingCode] = useState<string | null>(null)
  const [downloading, setDownloading] = useState<ExportFormat | null>(null)
  const [shownRows, setShownRows] = useState(ROWS_PAGE)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const allowed = me === null || mayExport(me)
  const latest = useRef({ year, unitId, allowed })
  latest.current = { year, unitId, allowed }
  const request = useRef(0)
  const haveCatalog = useRef(false)

  const keyOf = (y: number, u: string | null) => `${y}|${u ?? ''}`

  const loadStreets = async () => {
    if (haveCatalog.current) return
    try {
      const c = await getServices().api.catalog()
      const district = c.units.find((u) => u.level === 'district')
      setStreets(c.units.filter((u) => u.level === 'street' && (!district || u.parentId === district.id)))
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
      const [d] = await Promise.all([exportTable({ year: y, ...(u ? { orgUnitId: u } : {}) }), loadStreets()])
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
      const file = await exportFile({ year, format, ...(unitId ? { orgUnitId: unitId } : {}) })
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
      <View className="gb-export">
        <View className="gb-export__empty">只有审核人员和管理员可以导出自查表</View>
      </View>
    )
  }

  const loaded = table && table.key === keyOf(year, unitId) ? table.data : null
  const shown = loaded?.table ?? null
  const editOf = (code: string) => loaded?.edits.find((e) => e.code === code)
  const unsaved = shown ? shown.rows.filter((r) => edits[r.code] !== undefined && edits[r.code] !== r.narrative).length : 0
  const isAdmin = me?.person.role === 'admin'

  return (
    <View className="gb-export">
      <View className="gb-export__label">年度</View>
      <ChoiceChips label="年度" items={[thisYear, thisYear - 1].map((y) => ({ key: String(y), label: `${y}年` }))} value={[String(year)]} onToggle={(y) => choose(Number(y), unitId)} />
      {isAdmin && me ? (
        <View>
          <View className="gb-export__label">单位</View>
          <ChoiceChips
            label="单位"
            items={[{ key: me.unit.id, label: me.unit.name }, ...streets.map((s) => ({ key: s.id, label: s.name }))]}
            value={[unitId ?? me.unit.id]}
            onToggle={(id) => choose(year, id === me.unit.id ? null : id)}
          />
        </View>
      ) : null}
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
            <View className="gb-export__title">{shown.title}</View>
            <View className="gb-export__meta">单位名称：{shown.unitName}</View>
            <View className="gb-export__meta">责任人：{shown.signer || '（未填）'}</View>
            {shown.warnings.map((w) => (
              <View key={`${w.kind}-${w.code}`} className="gb-export__warning">
                第{w.seq}项完成情况有{w.length}字，打印时一格可能放不下
              </View>
            ))}
          </View>
          {shown.rows.length === 0 ? <View className="gb-export__empty">这一年没有要填的指标</View> : null}
          {shown.rows.slice(0, shownRows).map((row) => (
            <TableRowEditor
              key={row.code}
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
  )
}
