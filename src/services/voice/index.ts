import { wechatSIRecognizer } from './wechatSI'
import { NO_RECOGNIZER, type Recognizer } from './types'

export type { Recognizer, RecognizerEvents } from './types'
export { NO_RECOGNIZER } from './types'
export { ScriptedRecognizer, type ScriptedSession } from './scripted'

let current: Recognizer | null = null

/** The recognizer of this build: WechatSI in the mini-program, none on H5 (the button is hidden). */
export function getRecognizer(): Recognizer {
  if (!current) current = process.env.TARO_ENV === 'weapp' ? wechatSIRecognizer() : NO_RECOGNIZER
  return current
}

/** For tests and the weapp harness: hear from a scripted recognizer instead. */
export function setRecognizer(r: Recognizer | null): void {
  current = r
}
