import Taro from '@tarojs/taro'
import { largeTextOn, type LargeTextChoice } from '../core/textSize'

/**
 * Where the 大字 choice is kept (this phone, not the account) and WeChat's
 * text size read; pages follow it through useLargeText. Read synchronously
 * so the first render already has the right size.
 */
const KEY = 'gebao.largeText'

export function largeTextChoice(): LargeTextChoice {
  try {
    const v = Taro.getStorageSync(KEY)
    return v === 'on' || v === 'off' ? v : null
  } catch {
    return null
  }
}

/** WeChat's text size in px (mini-program only; H5 has none). */
export function wechatFontSize(): number | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  try {
    // Taro's types leave fontSizeSetting out; WeChat's getAppBaseInfo has it.
    const info = (typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()) as { fontSizeSetting?: number }
    return info.fontSizeSetting
  } catch {
    return undefined
  }
}

export function isLargeText(): boolean {
  return largeTextOn(largeTextChoice(), wechatFontSize())
}

const listeners = new Set<(large: boolean) => void>()

export function onLargeTextChange(fn: (large: boolean) => void): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

/** The 大字 switch on 我的: every open page follows at once. */
export function setLargeText(on: boolean): void {
  try {
    Taro.setStorageSync(KEY, on ? 'on' : 'off')
  } catch {
    // Storage full: the switch still works for this run.
  }
  for (const fn of listeners) fn(on)
}
