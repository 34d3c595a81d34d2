import Taro from '@tarojs/taro'
import type { Recognizer, RecognizerEvents } from './types'

/**
 * The WeChat 同声传译 plugin (WechatSI, declared in app.config.ts) as a
 * Recognizer: streaming recognition in zh_CN, up to 60 s per hold. It needs
 * scope.record: asked on the first hold (a tap, as WeChat requires), and
 * the microphone must be declared in the console's privacy guide
 * (PrivacyPrompt shows WeChat's consent before the first recording).
 */
interface RecordRecognitionManager {
  start(options: { duration: number; lang: string }): void
  stop(): void
  onRecognize: (res: { result: string }) => void
  onStop: (res: { result: string }) => void
  onError: (res: { retcode?: number; msg?: string }) => void
  onStart: () => void
}

declare const requirePlugin: (name: string) => { getRecordRecognitionManager(): RecordRecognitionManager }

const MAX_MS = 60_000

/** WechatSI's error codes in words a worker understands. */
function errorText(res: { retcode?: number; msg?: string }): string {
  switch (res.retcode) {
    case -30003:
      return '说话时间太短，请按住多说一会儿'
    case -30004:
    case -30006:
      return '没有听清，请再说一次'
    case -30011:
      return '上一段还在识别，请稍等'
    default:
      return '语音识别没有成功，请再试一次或打字'
  }
}

export function wechatSIRecognizer(): Recognizer {
  let manager: RecordRecognitionManager | null = null
  let events: RecognizerEvents | null = null
  let pendingStop = false
  let recording = false
  const ensure = (): RecordRecognitionManager => {
    if (manager) return manager
    const m = requirePlugin('WechatSI').getRecordRecognitionManager()
    // The manager is global and single: one set of handlers routes to the current session.
    m.onRecognize = (res) => events?.onPartial(res.result ?? '')
    m.onStop = (res) => {
      recording = false
      const e = events
      events = null
      e?.onFinal(res.result ?? '')
    }
    m.onError = (res) => {
      recording = false
      const e = events
      events = null
      e?.onError(errorText(res))
    }
    m.onStart = () => undefined
    manager = m
    return m
  }
  return {
    available: true,
    start(e) {
      events = e
      pendingStop = false
      void Taro.authorize({ scope: 'scope.record' })
        .then(() => {
          if (events !== e) return
          ensure().start({ duration: MAX_MS, lang: 'zh_CN' })
          recording = true
          if (pendingStop) ensure().stop()
        })
        .catch(() => {
          if (events !== e) return
          events = null
          e.onError('需要麦克风权限才能语音输入：请在“设置”里打开麦克风，或直接打字')
        })
    },
    stop() {
      // The finger may lift before the permission answer: stop as soon as recording starts.
      pendingStop = true
      if (manager && recording) manager.stop()
    }
  }
}
