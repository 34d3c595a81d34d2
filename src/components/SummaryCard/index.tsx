import { View, Text, Image } from '@tarojs/components'
import type { SummaryCard as Card } from '../../core/chat'
import './index.scss'

export interface SummaryCardProps {
  card: Card
  /** Only the latest card can be edited or confirmed. */
  active: boolean
  onEdit(field: string): void
  onConfirm(): void
  /** Local previews of evidence photos, by evidence id. */
  previews?: Record<string, string>
}

/** Every answer before submitting; tap 改 to change one. */
export default function SummaryCard({ card, active, onEdit, onConfirm, previews = {} }: SummaryCardProps) {
  return (
    <View className="summary" aria-label="填报汇总">
      <View className="summary__title">{card.title}</View>
      <View className="summary__subtitle">{card.subtitle}</View>
      {card.rows.map((row) => (
        <View key={row.field} className={`summary__row${row.missing ? ' summary__row--missing' : ''}`}>
          <View className="summary__label">
            <Text>{row.label}</Text>
            {row.reason ? <Text className="summary__reason">说明：{row.reason}</Text> : null}
          </View>
          <Text className="summary__value">{row.value}</Text>
          {active ? (
            <View className="summary__edit" role="button" aria-label={`修改${row.label}`} onClick={() => onEdit(row.field)}>
              <Text>改</Text>
            </View>
          ) : null}
        </View>
      ))}
      {card.evidence.length > 0 ? (
        <View className="summary__photos">
          {card.evidence.map((e) =>
            previews[e.id] ? <Image key={e.id} className="summary__photo" src={previews[e.id]} mode="aspectFill" /> : <Text key={e.id} className="summary__file">{e.name || '照片'}</Text>
          )}
        </View>
      ) : null}
      {active ? (
        <View className={`summary__confirm${card.canSubmit ? '' : ' summary__confirm--disabled'}`} role="button" aria-label="确认提交" onClick={() => card.canSubmit && onConfirm()}>
          <Text>确认提交</Text>
        </View>
      ) : null}
    </View>
  )
}
