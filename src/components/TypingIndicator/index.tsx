import { View } from '@tarojs/components'
import './index.scss'

/** "…" while the assistant is answering. */
export default function TypingIndicator() {
  return (
    <View className="typing" aria-label="正在输入">
      <View className="typing__dot" />
      <View className="typing__dot" />
      <View className="typing__dot" />
    </View>
  )
}
