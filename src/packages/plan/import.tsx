import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useEffect, useState } from 'react'
import ChoiceChips from '../../components/ChoiceChips'
import DeskShell from '../../components/DeskShell'
import { indicatorsFromDraft } from '../../core/plan/fromDraft'
import { TARGET_KINDS } from '../../core/plan/targetKinds'
import type { TargetKind } from '../../core/target'
import { ApiFailure } from '../../services/api'
import { handDraftToDesigner, planApi, type ImportData } from '../../services/planApi'
import { canPickFile, pickImportFile } from './pickFile'
import './index.scss'

const failure = (e: unknown) => (e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
const MAX_BYTES = 10 * 1024 * 1024
const kindLabel = (k: string) => TARGET_KINDS[k as TargetKind]?.label ?? (k === 'ceiling' ? '上限（≤）' : k)

/**
 * 导入自查表: last year's 自查表 (docx or xlsx laid out like the seed) or a
 * target sheet, read by the server into a draft (plan.import stores
 * nothing), shown in order with its 类型 groups, proposed fields and
 * targets. "在设计器中打开" hands the draft to the plan designer, where the
 * admin reviews it and publishes; nothing is published from here.
 */
export default function ImportPage() {
  const [year, setYear] = useState<number | null>(null)
  const [years, setYears] = useState<number[]>([])
  const [result, setResult] = useState<ImportData | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [known, setKnown] = useState<{ code: string; title: string }[]>([])

  useEffect(() => {
    void (async () => {
      try {
        const ys = await planApi.years()
        // Last year's table usually seeds a year with no plan yet.
        const free = ys.years.includes(ys.thisYear) ? ys.thisYear + 1 : ys.thisYear
        setYears([ys.thisYear, ys.thisYear + 1])
        setYear(free)
        const last = await planApi.list(Math.max(...ys.years, ys.thisYear - 1))
        setKnown(last.indicators.map((i) => ({ code: i.code, title: i.title })))
      } catch (e) {
        setError(failure(e))
      }
    })()
  }, [])

  const choose = async () => {
    setError('')
    let file: Awaited<ReturnType<typeof pickImportFile>>
    try {
      file = await pickImportFile()
    } catch {
      return setError('文件读不出来，请重新选择')
    }
    if (!file) return
    // The server refuses it too; saying so here spares sending 10 MB.
    if (file.size > MAX_BYTES) return setError('文件超过10MB，请删去图片等内容后再上传')
    setBusy(true)
    setResult(null)
    try {
      setResult(await planApi.importFile({ name: file.name, base64: file.base64 }))
    } catch (e) {
      setError(failure(e))
    } finally {
      setBusy(false)
    }
  }

  const open = () => {
    if (!result || year === null) return
    handDraftToDesigner({ year, items: indicatorsFromDraft(result.draft.indicators, year, known), warnings: result.draft.warnings })
    void Taro.redirectTo({ url: '/packages/plan/index?draft=1' })
  }

  const draft = result?.draft
  return (
    <DeskShell title="导入自查表" active="packages/plan/import">
      <View className="gb-plan">
        <View className="gb-plan-hint">上传去年的自查表（docx 或 xlsx，版式同自查表），或目标表（表头含“指标名称”和“指标值”）。读出的是草稿，在设计器里核对后才会发布。</View>
        <ChoiceChips label="导入到哪一年的计划" items={years.map((y) => ({ key: String(y), label: `${y}年计划` }))} value={year === null ? [] : [String(year)]} onToggle={(k) => setYear(Number(k))} />
        <View className="gb-plan-actions">
          <Button type="primary" onClick={() => void choose()} disabled={busy || !canPickFile}>
            {busy ? '正在读取…' : '选择文件'}
          </Button>
          {!canPickFile ? <View className="gb-plan-hint">请在电脑浏览器中打开格报导入文件</View> : null}
        </View>
        {error ? (
          <View className="gb-plan-error" role="alert">
            {error}
          </View>
        ) : null}
        {draft && result ? (
          <View className="gb-plan-draft" aria-label="导入的草稿">
            <View className="gb-plan-section__title" role="heading" aria-level={2}>
              {result.name}：读出 {draft.indicators.length} 项指标
            </View>
            {draft.warnings.map((w) => (
              <View key={w} className="gb-plan-confirm__line" role="note">
                ⚠ {w}
              </View>
            ))}
            {draft.groups.map((g) => (
              <View key={`${g.category}-${g.seqs[0]}`} className="gb-plan-section" role="group" aria-label={g.category || '未填类型'}>
                <View className="gb-plan-section__title">{g.category || '（未填类型）'}</View>
                {draft.indicators
                  .filter((i) => g.seqs.includes(i.seq))
                  .map((i) => (
                    <View key={i.seq} className="gb-plan-fieldrow">
                      <View>
                        {i.seq}. {i.title}
                      </View>
                      {i.targets.map((t) => (
                        <View key={t.id} className="gb-plan-hint">
                          目标（{kindLabel(t.kind)}）：{t.label}
                        </View>
                      ))}
                      <View className="gb-plan-hint">字段：{i.fields.map((f) => `${f.label}${f.unit ? `（${f.unit}）` : ''}`).join('、') || '无'}</View>
                    </View>
                  ))}
              </View>
            ))}
            <Button type="primary" onClick={open}>
              在设计器中打开
            </Button>
          </View>
        ) : null}
      </View>
    </DeskShell>
  )
}
