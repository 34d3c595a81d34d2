import { View, Text } from '@tarojs/components'
import ActionButton from '../ActionButton'
import { dateLabel, daysLeftLabel, periodLabel } from '../../core/periodLabel'
import type { PendingItem } from '../../services/api'
import './index.scss'

export interface PendingCardProps {
  item: PendingItem
  /** YYYY-MM-DD, to leave this year out of dates. */
  today: string
  /** Tap on the card or 去填报 / 去修改: open the chat on this report. */
  onOpen: (item: PendingItem) => void
  /** 同上期 quick check-in; offered only while the report is due or overdue. */
  onSameAsLast?: (item: PendingItem) => void
}

const STATE_NOTE: Partial<Record<PendingItem['state'], string>> = { submitted: '已提交，等审核', approved: '已通过' }

/** One report owed (or sent) in 待办: what, which period, by when. */
export default function PendingCard({ item, today, onOpen, onSameAsLast }: PendingCardProps) {
  const owed = item.state === 'due' || item.state === 'overdue'
  const late = item.daysLeft < 0 && item.state !== 'submitted' && item.state !== 'approved'
  const note = STATE_NOTE[item.state]
  return (
    <View className={`gb-pending-card gb-pending-card--${item.state}`}>
      <View className="gb-pending-card__body" onClick={() => onOpen(item)} role="button">
        <View className="gb-pending-card__title">{item.title}</View>
        <View className="gb-pending-card__meta">
          <Text>{periodLabel(item.period)}</Text>
          <Text className="gb-pending-card__dot">·</Text>
          <Text>截止{dateLabel(item.dueDate, today)}</Text>
        </View>
        <View className={late ? 'gb-pending-card__days gb-pending-card__days--late' : 'gb-pending-card__days'}>
          {note ?? daysLeftLabel(item.daysLeft)}
        </View>
        {item.state === 'returned' ? (
          <View className="gb-pending-card__comment">
            <Text className="gb-pending-card__comment-label">审核意见：</Text>
            <Text>{item.reviewComment || '被退回，请修改后重新提交'}</Text>
            {item.returnedFields && item.returnedFields.length > 0 ? <Text>（要改{item.returnedFields.length}处）</Text> : null}
          </View>
        ) : null}
      </View>
      {owed || item.state === 'returned' ? (
        <View className="gb-pending-card__actions">
          <ActionButton className="gb-pending-card__btn" onClick={() => onOpen(item)}>
            {item.state === 'returned' ? '去修改' : '去填报'}
          </ActionButton>
          {owed && onSameAsLast ? (
            <ActionButton className="gb-pending-card__btn" variant="outline" onClick={() => onSameAsLast(item)}>
              同上期
            </ActionButton>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
