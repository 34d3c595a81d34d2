import { ScrollView, View, Text } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import ChatBubble from '../../components/ChatBubble'
import InputBar from '../../components/InputBar'
import PrivacyPrompt from '../../components/PrivacyPrompt'
import QuickReplies from '../../components/QuickReplies'
import SummaryCard from '../../components/SummaryCard'
import TypingIndicator from '../../components/TypingIndicator'
import { useIdentity } from '../../hooks/useIdentity'
import { useQueue } from '../../hooks/useQueue'
import { getServices } from '../../services'
import { getRecognizer } from '../../services/voice'
import { takePendingChoice } from '../inbox/handoff'
import { LOCAL_PHOTO } from './photos'
import { createChatController } from './wiring'
import { pickPhoto } from './photo'
import type { ChatController, ChatView } from './controller'
import './index.scss'

// Only the newest lines are rendered: a long day of check-ins must not grow
// the page (or setData) without bound.
const WINDOW = 40

// In H5 the tab bar is part of the page; in the mini-program it is native
// and the viewport ends above it.
const CHAT_HEIGHT = process.env.TARO_ENV === 'h5' ? 'calc(100vh - 50px)' : '100vh'

export default function ChatPage() {
  const me = useIdentity()
  const controller = useMemo<ChatController>(() => createChatController(getServices()), [])
  const [view, setView] = useState<ChatView>(controller.snapshot())
  const [shown, setShown] = useState(WINDOW)
  const [previews, setPreviews] = useState<Record<string, string>>({})
  const unsynced = useQueue().counts.unsynced

  useEffect(() => controller.subscribe(setView), [controller])

  useEffect(() => {
    if (!me) return
    void (async () => {
      try {
        await controller.refresh(me)
      } catch {
        // Offline: the lobby keeps what it had; the queue keeps what was sent.
      }
      const choice = takePendingChoice()
      if (choice) await controller.open(choice.item, { sameAsLast: choice.mode === 'same-as-last' })
    })()
    // Re-run each time the page shows: useIdentity refreshes `me` then.
  }, [me, controller])

  const lines = view.lines.slice(-shown)
  const lastId = lines.length ? lines[lines.length - 1].id : 'top'

  // A photo is kept as a local file and travels with its report through the
  // offline queue, so a basement without signal loses nothing.
  const onPhoto = async () => {
    const photo = await pickPhoto()
    if (!photo) return
    const id = LOCAL_PHOTO + photo.path
    setPreviews((p) => ({ ...p, [id]: photo.path }))
    await controller.addEvidence({ id, name: photo.name, kind: 'image' })
  }

  return (
    <View className="chat" style={{ height: CHAT_HEIGHT }}>
      <ScrollView className="chat__list" scrollY scrollIntoView={`line-${lastId}`} scrollWithAnimation>
        <View className="chat__lines">
          {view.lines.length > shown ? (
            <View className="chat__older" role="button" onClick={() => setShown(shown + WINDOW)}>
              <Text>查看更早的消息</Text>
            </View>
          ) : null}
          {unsynced > 0 ? <Text className="chat__status">{`${unsynced}条待同步`}</Text> : null}
          {lines.map((line) => (
            <View key={line.id} id={`line-${line.id}`} className="chat__line">
              {line.summary ? (
                <SummaryCard
                  card={line.summary}
                  active={line.id === view.activeSummary && !view.busy}
                  previews={previews}
                  onEdit={(field) => void controller.edit(field)}
                  onConfirm={() => void controller.confirm()}
                />
              ) : (
                <ChatBubble from={line.from} text={line.text} tone={line.tone} />
              )}
            </View>
          ))}
          {view.typing ? <TypingIndicator /> : null}
        </View>
      </ScrollView>
      <QuickReplies replies={view.replies} disabled={view.busy} onPick={(r) => void controller.quick(r)} />
      <PrivacyPrompt />
      <InputBar expects={view.expects ?? 'text'} disabled={view.busy} onSend={(text) => void controller.send(text)} onPhoto={view.expects === 'evidence' ? onPhoto : undefined} recognizer={getRecognizer()} />
    </View>
  )
}
