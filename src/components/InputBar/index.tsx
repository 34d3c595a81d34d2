import { View, Input, Text } from '@tarojs/components'
import { useState } from 'react'
import './index.scss'

export interface InputBarProps {
  /** What the assistant asked for: a number shows the number keyboard. */
  expects: 'number' | 'text' | 'date' | 'yesno' | 'evidence' | 'none'
  onSend(text: string): void
  onPhoto?(): void
  /** A document (PDF, Word, Excel, PPT) as evidence. */
  onFile?(): void
  disabled?: boolean
  placeholder?: string
}

// Browsers' number inputs refuse "两千人次"; only the mini-program's digit
// keyboard is worth defaulting to, and a toggle brings the full keyboard
// back for Chinese numerals and voice input.
const NUMBER_KEYBOARD_BY_DEFAULT = process.env.TARO_ENV === 'weapp'

/** The text field at the bottom of the chat, with send and photo buttons. */
export default function InputBar({ expects, onSend, onPhoto, onFile, disabled, placeholder }: InputBarProps) {
  const [value, setValue] = useState('')
  const [fullKeyboard, setFullKeyboard] = useState(!NUMBER_KEYBOARD_BY_DEFAULT)
  const numeric = expects === 'number' && !fullKeyboard
  const send = () => {
    const text = value.trim()
    if (!text || disabled) return
    onSend(text)
    setValue('')
  }
  return (
    <View className="input-bar">
      {expects === 'evidence' || onPhoto ? (
        <View className="input-bar__button input-bar__button--ghost" role="button" aria-label="拍照或选照片" onClick={() => !disabled && onPhoto?.()}>
          <Text>照片</Text>
        </View>
      ) : null}
      {onFile ? (
        <View className="input-bar__button input-bar__button--ghost" role="button" aria-label="选文件" onClick={() => !disabled && onFile()}>
          <Text>文件</Text>
        </View>
      ) : null}
      {NUMBER_KEYBOARD_BY_DEFAULT && expects === 'number' ? (
        <View className="input-bar__button input-bar__button--ghost" role="button" aria-label="切换键盘" onClick={() => setFullKeyboard(!fullKeyboard)}>
          <Text>{fullKeyboard ? '123' : '中'}</Text>
        </View>
      ) : null}
      <Input
        className="input-bar__field"
        type={numeric ? 'digit' : 'text'}
        value={value}
        placeholder={placeholder ?? (expects === 'number' ? '输入数字，如 2000 或 两千' : '输入回答')}
        confirmType="send"
        disabled={disabled}
        aria-label="输入回答"
        onInput={(e) => setValue(e.detail.value)}
        onConfirm={send}
      />
      <View className={`input-bar__button${value.trim() ? '' : ' input-bar__button--idle'}`} role="button" aria-label="发送" onClick={send}>
        <Text>发送</Text>
      </View>
    </View>
  )
}
