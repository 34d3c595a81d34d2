import { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { isLargeText, onLargeTextChange } from '../services/textSize'

/**
 * Whether this page shows large text; the page puts LARGE_TEXT_CLASS on its
 * root view. Re-read when the page shows (WeChat's text size may have
 * changed meanwhile) and when the 大字 switch on 我的 changes.
 */
export function useLargeText(): boolean {
  const [large, setLarge] = useState(isLargeText)
  useEffect(() => onLargeTextChange(setLarge), [])
  useDidShow(() => setLarge(isLargeText()))
  return large
}

/** The class that switches app.scss's large-text rules on. */
export const LARGE_TEXT_CLASS = 'gb-large'

export const withLargeText = (className: string, large: boolean) => (large ? `${className} ${LARGE_TEXT_CLASS}` : className)
