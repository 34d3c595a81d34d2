import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { useIdentity } from '../../hooks/useIdentity'
import { DESK_MIN_WIDTH, deskNavFor, type DeskNavEntry } from './nav'
import type { DeskShellProps } from './types'
import './index.scss'

export type { DeskShellProps } from './types'
export { DESK_NAV, deskNavFor, DESK_MIN_WIDTH, type DeskNavEntry } from './nav'

const QUERY = `(min-width: ${DESK_MIN_WIDTH}px)`

/** True while the window is at least DESK_MIN_WIDTH wide; follows resizes. */
export function useIsDesk(): boolean {
  const media = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null
  const [desk, setDesk] = useState(media?.matches ?? false)
  useEffect(() => {
    if (!media) return
    const onChange = () => setDesk(media.matches)
    onChange()
    media.addEventListener?.('change', onChange)
    return () => media.removeEventListener?.('change', onChange)
  }, [])
  return desk
}

function open(entry: DeskNavEntry): void {
  const url = `/${entry.path}`
  void (entry.tab ? Taro.switchTab({ url }) : Taro.redirectTo({ url }))
}

/**
 * The desk layout (H5, window ≥ 1024 px): a side navigation by role, the
 * page title with its actions, and the page beside them. Narrower windows
 * get the page alone, exactly as on a phone.
 */
export default function DeskShell({ title, active, children, actions }: DeskShellProps) {
  const desk = useIsDesk()
  const me = useIdentity()
  if (!desk) return <>{children}</>
  const entries = deskNavFor(me?.person.role)
  return (
    <View className="gb-desk">
      {entries.length > 0 ? (
        <View className="gb-desk__nav" role="navigation" aria-label="工作台导航">
          <View className="gb-desk__brand">格报 · 工作台</View>
          <View role="list" className="gb-desk__list">
            {entries.map((e) => (
              <View key={e.path} role="listitem">
                <View
                  role="link"
                  className={e.path === active ? 'gb-desk__link gb-desk__link--on' : 'gb-desk__link'}
                  aria-current={e.path === active ? 'page' : undefined}
                  onClick={() => e.path !== active && open(e)}
                >
                  {e.label}
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <View className="gb-desk__main" role="main">
        <View className="gb-desk__head">
          <View className="gb-desk__title" role="heading" aria-level={1}>
            {title}
          </View>
          {actions ? <View className="gb-desk__actions">{actions}</View> : null}
        </View>
        <View className="gb-desk__body">{children}</View>
      </View>
    </View>
  )
}
