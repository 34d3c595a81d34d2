import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

/**
 * WeChat wants a page in every subpackage; this one holds the chat's
 * conversation engine (engine.js, loaded by the chat with require.async)
 * and is never linked to. Opened anyway (a shared path), it sends the
 * person to the chat.
 */
export default function ChatEnginePage() {
  return (
    <View style={{ padding: '48px 32px' }}>
      <Text style={{ fontSize: '36px' }}>这里没有内容。</Text>
      <View role="button" style={{ marginTop: '32px', minHeight: '120px', lineHeight: '120px', color: '#1a7f5a', fontSize: '36px' }} onClick={() => void Taro.switchTab({ url: '/pages/chat/index' })}>
        <Text>回到对话</Text>
      </View>
    </View>
  )
}
