import { View, Text, Image } from '@tarojs/components'
import type { SummaryCard as Card } from '../../core/chat'
import type { Evidence } from '../../core/report'
import './index.scss'

export interface SummaryCardProps {
  card: Card
  /** Only the latest card can be edited or confirmed. */
  active: boolean
  onEdit(field: string): void
  onConfirm(): void
  /**
   * 照片 on a row (bound to that figure) or 加照片 / 加文件 under the card (the
   * whole report). Called straight from the tap: the picker must open there.
   */
  onAttach?(kind: 'image' | 'file', field?: string): void
  /** Local previews of evidence photos, by evidence id. */
  previews?: Record<string, string>
}

function Attached({ items, previews }: { items: Evidence[]; previews: Record<string, string> }) {
  if (items.length === 0) return null
  return (
    <View className="summary__photos">
      {items.map((e) =>
        previews[e.id] ? (
          <Image key={e.id} className="summary__photo" src={previews[e.id]} mode="aspectFill" aria-label={e.name || '照片'} />
        ) : (
          <Text key={e.id} className="summary__file">
            {e.name || (e.kind === 'file' ? '文件' : '照片')}
          </Text>
        )
      )}
    </View>
  )
}

/** Every answer before submitting; tap 改 to change one, 照片 to add evidence for it. */
export default function SummaryCard({ card, active, onEdit, onConfirm, onAttach, previews = {} }: SummaryCardProps) {
  const fields = new Set(card.rows.map((r) => r.field))
  const general = card.evidence.filter((e) => !e.field || !fields.has(e.field))
  return (
    <View className="summary" aria-label="填报汇总">
      <View className="summary__title">{card.title}</View>
      <View className="summary__subtitle">{card.subtitle}</View>
      {card.rows.map((row) => (
        <View key={row.field} className="summary__item">
          <View className={`summary__row${row.missing ? ' summary__row--missing' : ''}`}>
            <View className="summary__label">
              <Text>{row.label}</Text>
              {row.reason ? <Text className="summary__reason">说明：{row.reason}</Text> : null}
            </View>
            <Text className="summary__value">{row.value}</Text>
            {active && onAttach ? (
              <View className="summary__edit" role="button" aria-label={`给${row.label}加照片`} onClick={() => onAttach('image', row.field)}>
                <Text>照片</Text>
              </View>
            ) : null}
            {active ? (
              <View className="summary__edit" role="button" aria-label={`修改${row.label}`} onClick={() => onEdit(row.field)}>
                <Text>改</Text>
              </View>
            ) : null}
          </View>
          <Attached items={card.evidence.filter((e) => e.field === row.field)} previews={previews} />
        </View>
      ))}
      <Attached items={general} previews={previews} />
      {active && onAttach ? (
        <View className="summary__attach">
          <View className="summary__attach-btn" role="button" aria-label="给整份填报加照片" onClick={() => onAttach('image')}>
            <Text>加照片</Text>
          </View>
          <View className="summary__attach-btn" role="button" aria-label="给整份填报加文件" onClick={() => onAttach('file')}>
            <Text>加文件</Text>
          </View>
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
