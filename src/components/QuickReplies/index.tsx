import { View, Text } from '@tarojs/components'
import './index.scss'

export interface QuickReply {
  label: string
  value: string
}

export interface QuickRepliesProps {
  replies: QuickReply[]
  onPick(reply: QuickReply): void
  disabled?: boolean
}

/** Tap-to-answer chips above the input bar: 同上期, 0, 跳过, values seen before. */
export default function QuickReplies({ replies, onPick, disabled }: QuickRepliesProps) {
  if (replies.length === 0) return null
  return (
    <View className="quick-replies" role="group" aria-label="快捷回复">
      {replies.map((r) => (
        <View
          key={`${r.label}|${r.value}`}
          className={`quick-replies__chip${disabled ? ' quick-replies__chip--disabled' : ''}`}
          role="button"
          aria-label={r.label}
          onClick={() => !disabled && onPick(r)}
        >
          <Text>{r.label}</Text>
        </View>
      ))}
    </View>
  )
}
