import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import LoadMore from '../LoadMore'
import './index.scss'

export interface TimelineItem {
  key: string
  /** Who: "张晓梅". */
  who: string
  /** When: "1月2日 10:05". */
  when: string
  /** What, in Chinese: 提交 / 修改 / 通过 / 退回 / 重新打开. */
  action: string
  /** Figures changed: "培训护理人员 5000→500". */
  changes: string[]
  comment?: string
  /** What the comment is: 意见 (a reviewer's, the default) or 填报人留言. */
  commentLabel?: string
}

export interface HistoryTimelineProps {
  /** In the order to show them (newest first reads best). */
  items: TimelineItem[]
  pageSize?: number
}

/** Every change to a report: who did what when, which figures moved, the comment. */
export default function HistoryTimeline({ items, pageSize = 20 }: HistoryTimelineProps) {
  const [shown, setShown] = useState(pageSize)
  if (items.length === 0) return <View className="gb-timeline__empty">还没有记录</View>
  return (
    <View className="gb-timeline">
      {items.slice(0, shown).map((it) => (
        <View key={it.key} className="gb-timeline__item">
          <View className="gb-timeline__head">
            <Text className="gb-timeline__action">{it.action}</Text>
            <Text className="gb-timeline__who">{it.who}</Text>
            <Text className="gb-timeline__when">{it.when}</Text>
          </View>
          {it.changes.map((c, i) => (
            <View key={i} className="gb-timeline__change">
              {c}
            </View>
          ))}
          {it.comment ? <View className="gb-timeline__comment">{it.commentLabel ?? '意见'}：{it.comment}</View> : null}
        </View>
      ))}
      <LoadMore shown={Math.min(shown, items.length)} total={items.length} onMore={() => setShown((n) => n + pageSize)} />
    </View>
  )
}
