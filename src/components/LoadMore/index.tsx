import { View } from '@tarojs/components'
import './index.scss'

export interface LoadMoreProps {
  /** Rows on screen now. */
  shown: number
  /** Rows there are in all. */
  total: number
  onMore: () => void
}

/** "加载更多（还有 N 条）" under a windowed list; nothing once all are shown. */
export default function LoadMore({ shown, total, onMore }: LoadMoreProps) {
  if (shown >= total) return null
  return (
    <View className="gb-load-more" onClick={onMore} role="button">
      加载更多（还有{total - shown}条）
    </View>
  )
}
