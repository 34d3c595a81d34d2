import { useEffect, useState } from 'react'
import { getServices } from '../../services'
import type { ChatController, ChatView } from './controller'

/**
 * The chat's conversation engine (the controller, core/chat, the number
 * parser) is most of the chat's code and none of its first paint. It loads
 * after the page: in the mini-program from the packages/chatengine
 * subpackage with require.async (config/asyncSubpackages.ts; app.config.ts
 * preloads it when the chat opens), in H5 as a chunk of its own.
 */
let wiring: Promise<typeof import('./wiring')> | null = null

function loadWiring(): Promise<typeof import('./wiring')> {
  // A failed load is forgotten, so the next try asks again.
  wiring ??= import(/* webpackChunkName: "packages/chatengine/engine" */ './wiring').catch((e: unknown) => {
    wiring = null
    throw e
  })
  return wiring
}

/** What the chat shows while the engine loads: the typing dots, nothing to tap. */
export const LOADING_VIEW: ChatView = { lines: [], replies: [], expects: 'text', typing: true, busy: true, activeSummary: null }

/** The one quick reply offered when the engine could not be loaded. */
export const RETRY_ENGINE = 'engine:retry'

/**
 * The engine could not be loaded: offline before the subpackage was ever
 * downloaded. Drafts and the queue stay on the phone; nothing is lost.
 */
export const FAILED_VIEW: ChatView = {
  lines: [{ id: 'engine-failed', from: 'bot', text: '对话功能还没有下载到手机上。请连上网络，再点“重试”。已填的内容都还在。', tone: 'warning' }],
  replies: [{ label: '重试', value: RETRY_ENGINE }],
  expects: 'text',
  typing: false,
  busy: false,
  activeSummary: null
}

export interface EngineState {
  controller: ChatController | null
  failed: boolean
  retry(): void
}

/** The page's controller, once its code has arrived. */
export function useChatController(): EngineState {
  const [state, setState] = useState<{ controller: ChatController | null; failed: boolean }>({ controller: null, failed: false })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    loadWiring().then(
      (m) => live && setState({ controller: m.createChatController(getServices()), failed: false }),
      () => live && setState({ controller: null, failed: true })
    )
    return () => {
      live = false
    }
  }, [attempt])
  return {
    ...state,
    retry: () => {
      setState({ controller: null, failed: false })
      setAttempt((n) => n + 1)
    }
  }
}
