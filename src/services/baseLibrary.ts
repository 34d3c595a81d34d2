import Taro from '@tarojs/taro'
import { compareVersions, MIN_BASE_LIBRARY } from '../core/version'

/** The base library version of this WeChat (getAppBaseInfo from 2.20.1, else the older getSystemInfoSync). */
export function baseLibraryVersion(): string {
  try {
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync()
    return info.SDKVersion ?? ''
  } catch {
    return ''
  }
}

/**
 * At start, in the mini-program only: below the minimum base library, the
 * photo, privacy and subscribe paths would fail one by one, so say once, in
 * plain words, that WeChat needs updating. Returns whether it was too old.
 * An unreadable version is let through (the console's minimum still applies).
 */
export function checkBaseLibrary(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  const version = baseLibraryVersion()
  const cmp = compareVersions(version, MIN_BASE_LIBRARY)
  if (cmp === null || cmp >= 0) return false
  void Taro.showModal({
    title: '请更新微信',
    content: '当前微信版本过低，拍照、提醒等功能无法使用。请到应用商店把微信更新到最新版本后再打开格报。',
    showCancel: false,
    confirmText: '知道了'
  }).catch(() => undefined)
  return true
}
