import { View, Input, Text } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { Recognizer } from '../../services/voice/types'
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
  /** Hold-to-talk speech input; the button shows only when it is available (never on H5). */
  recognizer?: Recognizer
}

// Browsers' number inputs refuse "两千人次"; only the mini-program's digit
// keyboard is worth defaulting to, and a toggle brings the full keyboard
// back for Chinese numerals and voice input.
const NUMBER_KEYBOARD_BY_DEFAULT = process.env.TARO_ENV === 'weapp'

/** The text field at the bottom of the chat, with send and photo buttons. */
export default function InputBar({ expects, onSend, onPhoto, onFile, disabled, placeholder, recognizer }: InputBarProps) {
  const [value, setValue] = useState('')
  const [voice, setVoice] = useState<'idle' | 'listening' | string>('idle')
  // What was typed before the hold: speech is added after it.
  const before = useRef('')
  const canTalk = recognizer?.available === true
  // Heard text lands in the field and waits for 发送: it counts only once the worker has seen it.
  const talk = () => {
    if (!recognizer || disabled || voice === 'listening') return
    before.current = value
    setVoice('listening')
    recognizer.start({
      onPartial: (t) => setValue(before.current + t),
      onFinal: (t) => {
        setValue(before.current + t)
        setVoice(t.trim() ? 'idle' : '没有听清，请再说一次')
      },
      onError: (message) => setVoice(message)
    })
  }
  const release = () => {
    if (voice === 'listening') recognizer?.stop()
  }
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
      {canTalk ? (
        <View
          className={`input-bar__button input-bar__button--ghost${voice === 'listening' ? ' input-bar__button--live' : ''}`}
          role="button"
          aria-label="按住说话"
          onTouchStart={talk}
          onTouchEnd={release}
          onTouchCancel={release}
        >
          <Text>{voice === 'listening' ? '松开' : '说话'}</Text>
        </View>
      ) : null}
      <Input
        className="input-bar__field"
        type={numeric ? 'digit' : 'text'}
        value={value}
        placeholder={voice === 'listening' ? '正在听…' : voice !== 'idle' ? voice : placeholder ?? (expects === 'number' ? '输入数字，如 2000 或 两千' : '输入回答')}
        confirmType="send"
        disabled={disabled}
        aria-label="输入回答"
        onInput={(e) => {
          setValue(e.detail.value)
          if (voice !== 'idle' && voice !== 'listening') setVoice('idle')
        }}
        onConfirm={send}
      />
      <View className={`input-bar__button${value.trim() ? '' : ' input-bar__button--idle'}`} role="button" aria-label="发送" onClick={send}>
        <Text>发送</Text>
      </View>
    </View>
  )
}
