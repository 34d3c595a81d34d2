import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ApiFailure, type MeData } from '../services/api'
import { getServices } from '../services'

let cached: MeData | null = null

/** Forget who is signed in (after logout or a new login). */
export function resetIdentity(me: MeData | null = null): void {
  cached = me
}

/**
 * Who is using the app. Refreshed each time a page shows; a caller the
 * backend does not know is sent to the login page (invite code, or the demo
 * picker in local mode).
 */
export function useIdentity(): MeData | null {
  const [me, setMe] = useState<MeData | null>(cached)
  useDidShow(() => {
    const services = getServices()
    void (async () => {
      await services.ready
      try {
        const me = await services.api.me()
        // Cloud mode learns who is signed in only from `me`.
        await services.usePerson?.(me.person.id)
        // Same person as before: keep the object, so pages that refresh on
        // a new identity do not fetch everything twice.
        if (!cached || JSON.stringify(cached) !== JSON.stringify(me)) cached = me
        setMe(cached)
      } catch (e) {
        if (e instanceof ApiFailure && e.code === 'UNAUTHENTICATED') {
          cached = null
          setMe(null)
          await Taro.reLaunch({ url: '/packages/login/index' })
        }
        // Offline: keep showing the last known identity.
      }
    })()
  })
  return me
}
