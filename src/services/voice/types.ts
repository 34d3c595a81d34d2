/**
 * Speech recognition behind a small interface, so the input bar never
 * touches the platform: the WeChat 同声传译 plugin on the phone, a scripted
 * fake in tests and in the weapp harness, nothing on H5.
 *
 * A hold-to-talk session: `start` when the finger goes down, `stop` when it
 * lifts. `onPartial` streams the text heard so far (shown in the input
 * field as it grows); `onFinal` gives the whole text once, after `stop` or
 * when the platform ends the session (about 60 s at most); `onError` says
 * what went wrong in plain Chinese. Exactly one of onFinal / onError ends a
 * session. Nothing recognized is ever sent by itself: the text lands in the
 * input field and the worker taps 发送, so it goes through the same parser.
 */
export interface RecognizerEvents {
  onPartial(text: string): void
  onFinal(text: string): void
  onError(message: string): void
}

export interface Recognizer {
  /** False where there is no recognizer (H5): the button is hidden. */
  readonly available: boolean
  start(events: RecognizerEvents): void
  stop(): void
}

/** H5 and anywhere else without speech: the button is not shown. */
export const NO_RECOGNIZER: Recognizer = {
  available: false,
  start(events) {
    events.onError('这里不能语音输入，请打字')
  },
  stop() {}
}
