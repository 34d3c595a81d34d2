import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ApiFailure, type MeData } from '../services/api'
import { getServices } from '../services'

let cached: MeData | null = null
/** When `cached` was set from a fresh answer (a login just asked). */
let fetchedAt = 0
/** A show within this long of a fresh answer does not ask again. */
const FRESH_MS = 3000

/** Forget who is signed in (after logout), or take the one a login just fetched. */
export function resetIdentity(me: MeData | null = null): void {
  cached = me
  fetchedAt = me ? Date.now() : 0
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
      if (cached && Date.now() - fetchedAt < FRESH_MS) return
      try {
        const me = await services.api.me()
        // Cloud mode learns who is signed in only from `me`.
        await services.usePerson?.(me.person.id)
        // Same person as before: keep the object, so pages that refresh on
        // a new identity do not fetch everything twice.
        if (!cached || JSON.stringify(cached) !== JSON.stringify(me)) cached = me
        fetchedAt = Date.now()
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
