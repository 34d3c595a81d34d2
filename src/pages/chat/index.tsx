import { ScrollView, View, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import ChatBubble from '../../components/ChatBubble'
import InputBar from '../../components/InputBar'
import PrivacyPrompt from '../../components/PrivacyPrompt'
import QuickReplies from '../../components/QuickReplies'
import SummaryCard from '../../components/SummaryCard'
import TypingIndicator from '../../components/TypingIndicator'
import type { QuickReply } from '../../core/chat'
import { useIdentity } from '../../hooks/useIdentity'
import { useQueue } from '../../hooks/useQueue'
import { getServices } from '../../services'
import type { MeData } from '../../services/api'
import { keepEvidence } from '../../services/files/keep'
import { getRecognizer } from '../../services/voice'
import { takePendingChoice } from '../inbox/handoff'
import { LOCAL_PHOTO } from './photos'
import type { ChatController, ChatView } from './controller'
import { PICK_PREFIX } from './pick'
import { FAILED_VIEW, LOADING_VIEW, RETRY_ENGINE, useChatController } from './useChatController'
import './index.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

// Only the newest lines are rendered: a long day of check-ins must not grow
// the page (or setData) without bound.
const WINDOW = 40

// In H5 the tab bar is part of the page; in the mini-program it is native
// and the viewport ends above it.
const CHAT_HEIGHT = process.env.TARO_ENV === 'h5' ? 'calc(100vh - 50px)' : '100vh'

export default function ChatPage() {
  const large = useLargeText()
  const me = useIdentity()
  const engine = useChatController()
  const controller = engine.controller
  const [view, setView] = useState<ChatView>(LOADING_VIEW)
  const [shown, setShown] = useState(WINDOW)
  const [previews, setPreviews] = useState<Record<string, string>>({})
  const [anchor, setAnchor] = useState(0)
  const unsynced = useQueue().counts.unsynced
  const latestMe = useRef<MeData | null>(me)
  latestMe.current = me

  useEffect(() => {
    if (!controller) return setView(engine.failed ? FAILED_VIEW : LOADING_VIEW)
    setView(controller.snapshot())
    return controller.subscribe(setView)
  }, [controller, engine.failed])
  const latestController = useRef(controller)
  latestController.current = controller

  const load = async (controller: ChatController, who: MeData) => {
    try {
      await controller.refresh(who)
    } catch {
      // Offline: the lobby keeps what it had; the queue keeps what was sent.
    }
    const choice = takePendingChoice()
    if (choice) await controller.open(choice.item, { sameAsLast: choice.mode === 'same-as-last' })
  }

  // Once per person: a refreshed identity that is the same person does not
  // reload the lobby (that was the double fetch of pending and catalog).
  useEffect(() => {
    if (me && controller) void load(controller, me)
  }, [me?.person.id, controller])

  // Each later show (back from 待办 or 进度) reloads what is due.
  const shows = useRef(0)
  useDidShow(() => {
    shows.current += 1
    if (shows.current > 1 && latestMe.current && latestController.current) void load(latestController.current, latestMe.current)
  })

  const lines = view.lines.slice(-shown)

  // The newest message must sit above the chips: whenever the lines, the
  // chips or the typing dots change, scroll to an anchor below the last line
  // once the new layout is in (a fresh id in the next render), aligned to
  // the bottom of the list.
  useEffect(() => {
    setAnchor((n) => n + 1)
  }, [view.lines.length, view.replies, view.typing, view.busy, shown])

  // Photos kept in the vault: previews survive a reload of the page.
  useEffect(() => {
    const files = getServices().files
    if (!files) return
    const missing = view.lines.flatMap((l) => l.summary?.evidence ?? []).filter((e) => e.kind !== 'file' && e.id.startsWith(LOCAL_PHOTO) && !previews[e.id])
    for (const e of missing) {
      void files.previewUrl(e.id.slice(LOCAL_PHOTO.length)).then((url) => url && setPreviews((p) => ({ ...p, [e.id]: url })))
    }
  }, [view.lines])

  // A photo or document is kept in the vault and travels with its report
  // through the offline queue, so a basement without signal loses nothing.
  // The picker is opened first thing in the tap: no await before it.
  const attach = (kind: 'image' | 'file', field?: string) => {
    const services = getServices()
    if (!services.pickers || !services.files || !controller) return
    const picking = kind === 'image' ? services.pickers.photo() : services.pickers.document()
    const files = services.files
    void (async () => {
      const picked = await picking
      if (!picked) return controller.pickCancelled()
      const kept = await keepEvidence(files, picked, services.queue.queuedBytes())
      if (!kept.ok) return controller.fileRefused(kept.message)
      const id = LOCAL_PHOTO + kept.file.localPath
      if (kept.file.kind === 'image') {
        const url = await files.previewUrl(kept.file.localPath)
        if (url) setPreviews((p) => ({ ...p, [id]: url }))
      }
      await controller.addEvidence({ id, name: kept.file.name, kind: kept.file.kind, ...(field ? { field } : {}) })
    })()
  }

  const onQuick = (r: QuickReply) => {
    if (!controller) return void (r.value === RETRY_ENGINE && engine.retry())
    if (!r.value.startsWith(PICK_PREFIX)) return void controller.quick(r)
    const [kind, field] = r.value.slice(PICK_PREFIX.length).split(':')
    if (kind === 'image' || kind === 'file') attach(kind, field || undefined)
    else void controller.pickCancelled()
  }

  const anchorId = `chat-end-${anchor}`
  return (
    <View className={withLargeText('chat', large)} style={{ height: CHAT_HEIGHT }}>
      <ScrollView className="chat__list" scrollY scrollIntoView={anchorId} scrollIntoViewAlignment="end">
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
                  onEdit={(field) => void controller?.edit(field)}
                  onConfirm={() => void controller?.confirm()}
                  onAttach={attach}
                />
              ) : (
                <ChatBubble from={line.from} text={line.text} tone={line.tone} />
              )}
            </View>
          ))}
          {view.typing ? <TypingIndicator /> : null}
          <View id={anchorId} className="chat__end" />
        </View>
      </ScrollView>
      <QuickReplies replies={view.replies} disabled={view.busy} onPick={onQuick} />
      <PrivacyPrompt />
      <InputBar
        expects={view.expects ?? 'text'}
        disabled={view.busy || !controller}
        onSend={(text) => void controller?.send(text)}
        onPhoto={view.expects === 'evidence' ? () => attach('image') : undefined}
        onFile={view.expects === 'evidence' ? () => attach('file') : undefined}
        recognizer={getRecognizer()}
      />
    </View>
  )
}
