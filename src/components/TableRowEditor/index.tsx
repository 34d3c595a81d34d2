import { View, Text, Textarea } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { SelfInspectionRow } from '../../core/table/model'
import './index.scss'

export interface TableRowEditorProps {
  row: SelfInspectionRow
  /** The text in the box: the row's 完成情况, or an unsaved edit of it. */
  value: string
  onChange: (text: string) => void
  onSave: () => void
  /** Back to the drafted text (offered once an editor has replaced it). */
  onRestore: () => void
  busy?: boolean
  /** Who rewrote the text and when: "王芳 1月4日 10:05改写". */
  editedNote?: string
  /** Longest text the box takes. */
  maxLength?: number
}

/**
 * One row of the 自查表 as it will be exported: the indicator, its 完成率
 * and 支撑材料, and its 完成情况 in a box an editor can rewrite and save.
 */
export default function TableRowEditor({ row, value, onChange, onSave, onRestore, busy = false, editedNote, maxLength = 2000 }: TableRowEditorProps) {
  const dirty = value !== row.narrative
  return (
    <View className="gb-row-editor">
      <View className="gb-row-editor__title">
        {row.seq}. {row.indicatorText}
      </View>
      <View className="gb-row-editor__meta">
        <Text>类型：{row.category}</Text>
      </View>
      <View className={row.rateDiffers ? 'gb-row-editor__rate gb-row-editor__rate--differs' : 'gb-row-editor__rate'}>
        完成率（%）：{row.rateText}
      </View>
      {row.coverage ? <View className="gb-row-editor__meta gb-row-editor__coverage">{row.coverage}</View> : null}
      <View className="gb-row-editor__meta">支撑材料：{row.evidence.length === 0 ? '无' : row.evidence.join('、')}</View>
      <View className="gb-row-editor__label">
        <Text>完成情况</Text>
        <Text className={`gb-row-editor__source gb-row-editor__source--${row.narrativeSource}`}>{row.narrativeSource === 'editor' ? '已改写' : '自动草稿'}</Text>
        {dirty ? <Text className="gb-row-editor__dirty">未保存</Text> : null}
      </View>
      {row.narrativeSource === 'editor' && editedNote ? <View className="gb-row-editor__meta">{editedNote}</View> : null}
      <Textarea
        className="gb-row-editor__text"
        value={value}
        maxlength={maxLength}
        autoHeight
        placeholder="写明完成情况"
        aria-label={`第${row.seq}项完成情况`}
        disabled={busy}
        onInput={(e) => onChange(e.detail.value)}
      />
      <View className="gb-row-editor__count">
        {value.length}/{maxLength}
      </View>
      <View className="gb-row-editor__actions">
        <Button className="gb-row-editor__btn" type="primary" disabled={busy || !dirty || value.trim() === ''} onClick={onSave}>
          保存
        </Button>
        {row.narrativeSource === 'editor' ? (
          <Button className="gb-row-editor__btn" fill="outline" type="primary" disabled={busy} onClick={onRestore}>
            恢复草稿
          </Button>
        ) : null}
      </View>
    </View>
  )
}
