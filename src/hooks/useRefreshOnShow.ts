import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Runs `refresh` when the page first appears and every time it shows again.
 *
 * Why not useDidShow alone: mini-program pages stay alive on the stack, so
 * data must be re-read on each show, but useDidShow only fires inside a
 * Taro page instance. A page rendered on its own (component tests in jsdom)
 * never gets one, so the first load would never happen. Running on mount as
 * well covers both; the first show that accompanies the mount (it may come
 * before or after the mount effect) is skipped so the page loads once.
 */
export function useRefreshOnShow(refresh: () => void): void {
  const latest = useRef(refresh)
  latest.current = refresh
  const seen = useRef({ mounted: false, shows: 0 })

  useEffect(() => {
    seen.current.mounted = true
    if (seen.current.shows === 0) latest.current()
  }, [])

  useDidShow(() => {
    seen.current.shows += 1
    if (seen.current.shows === 1 && seen.current.mounted) return
    latest.current()
  })
}
