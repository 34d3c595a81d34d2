import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import ActionButton from '../../components/ActionButton'
import DataTable, { type DataColumn } from '../../components/DataTable'
import { fieldErrors, orgApi, type ImportLine, type OrgImportData } from './api'
import { pickSheet, type PickedFile } from './pickFile'

const OUTCOME: Record<ImportLine['outcome'], string> = { create: '新建', exists: '已有', update: '更新人口数', refused: '不能导入' }

const COLUMNS: DataColumn<ImportLine>[] = [
  { key: 'line', title: '行', sortValue: (l) => l.line, width: '64PX' },
  { key: 'street', title: '街道', sortValue: (l) => l.street },
  { key: 'community', title: '社区', sortValue: (l) => l.community },
  { key: 'grid', title: '网格', sortValue: (l) => l.grid },
  { key: 'outcome', title: '结果', sortValue: (l) => OUTCOME[l.outcome] },
  { key: 'reason', title: '说明', render: (l) => l.reason ?? (l.creates.length ? `新建：${l.creates.map((c) => c.name).join('、')}` : '') }
]

/**
 * 导入组织架构: pick an xlsx or csv sheet, see what each row would do (a dry
 * run, nothing written), then import it all at once. A sheet with a refused
 * row cannot be imported until it is fixed.
 */
export default function ImportPanel({ onImported }: { onImported: (message: string) => void }) {
  const [file, setFile] = useState<PickedFile | null>(null)
  const [preview, setPreview] = useState<OrgImportData | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const choose = async () => {
    if (busy) return
    const picked = await pickSheet()
    if (!picked) return
    setBusy(true)
    setFile(picked)
    setPreview(null)
    setError('')
    try {
      setPreview(await orgApi.importSheet(picked.name, picked.base64, true))
    } catch (e) {
      const { fields, message } = fieldErrors(e)
      setError(fields.file ?? fields.base64 ?? message)
    } finally {
      setBusy(false)
    }
  }

  const commit = async () => {
    if (!file || !preview || busy) return
    const ok = await Taro.showModal({ title: '导入组织架构', content: `将新建${preview.created}个单位${preview.updated ? `，更新${preview.updated}个单位的人口数` : ''}。确定导入？`, confirmText: '导入', cancelText: '取消' })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const r = await orgApi.importSheet(file.name, file.base64, false)
      if (r.written) {
        setPreview(null)
        setFile(null)
        onImported(`已导入：新建${r.created}个单位${r.updated ? `，更新${r.updated}个单位的人口数` : ''}`)
      } else setPreview(r)
    } catch (e) {
      setError(fieldErrors(e).message)
    } finally {
      setBusy(false)
    }
  }

  const nothing = preview && preview.created === 0 && preview.updated === 0
  return (
    <View className="gb-org-import" aria-label="导入组织架构">
      <View className="gb-org-panel__title" role="heading" aria-level={2}>
        从表格导入
      </View>
      <View className="gb-org-panel__meta">表头：街道、社区、网格（社区、网格可空），可选列：常住人口、户籍人口、老年人口。支持 xlsx 和 csv。</View>
      <ActionButton variant="outline" disabled={busy} onClick={() => void choose()}>
        {file ? '换一个文件' : '选择表格文件'}
      </ActionButton>
      {file ? <View className="gb-org-panel__meta">文件：{file.name}</View> : null}
      {error ? (
        <View className="gb-org-field__error" role="alert">
          {error}
        </View>
      ) : null}
      {busy && !preview ? <View className="gb-org-panel__meta">正在检查…</View> : null}
      {preview ? (
        <View>
          <View className={preview.refused ? 'gb-org-field__error' : 'gb-org-import__summary'} role="status">
            {preview.refused
              ? `有${preview.refused}行不能导入，请改好表格后重新选择（什么都没有写入）`
              : nothing
                ? '表格里的单位都已存在，没有要导入的'
                : `检查通过：将新建${preview.created}个单位${preview.updated ? `，更新${preview.updated}个单位的人口数` : ''}（还没有写入）`}
          </View>
          <DataTable caption="导入预览" columns={COLUMNS} rows={preview.lines} rowKey={(l) => String(l.line)} pageSize={20} empty="表格里没有数据行" />
          {!preview.refused && !nothing ? (
            <ActionButton disabled={busy} onClick={() => void commit()}>
              确认导入
            </ActionButton>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
