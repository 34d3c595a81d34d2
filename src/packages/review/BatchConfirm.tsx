import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import './BatchConfirm.scss'

export interface BatchConfirmProps {
  title: string
  /** One line per item that will be approved or signed off, by name. */
  lines: string[]
  confirmText: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** The confirmation before a batch action: it lists exactly what will be approved or signed off. */
export default function BatchConfirm({ title, lines, confirmText, busy, onConfirm, onCancel }: BatchConfirmProps) {
  return (
    <View className="gb-batch-confirm" role="dialog" aria-label={title}>
      <View className="gb-batch-confirm__title">{title}</View>
      <View className="gb-batch-confirm__list" role="list">
        {lines.map((l, i) => (
          <View key={i} className="gb-batch-confirm__line" role="listitem">
            {l}
          </View>
        ))}
      </View>
      <View className="gb-batch-confirm__actions">
        <Button className="gb-batch-confirm__btn" type="primary" disabled={busy} onClick={onConfirm}>
          {confirmText}
        </Button>
        <Button className="gb-batch-confirm__btn" fill="outline" disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
