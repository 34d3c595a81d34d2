import { View, Text } from '@tarojs/components'
import './index.scss'

export interface ChatBubbleProps {
  from: 'bot' | 'user'
  text: string
  /** Bot messages: errors and warnings are coloured so they are noticed. */
  tone?: 'normal' | 'warning' | 'error' | 'done'
}

/** One message in the chat: the assistant on the left, the worker on the right. */
export default function ChatBubble({ from, text, tone = 'normal' }: ChatBubbleProps) {
  return (
    <View className={`bubble bubble--${from} bubble--${tone}`}>
      <Text className="bubble__text" userSelect>
        {text}
      </Text>
    </View>
  )
}
