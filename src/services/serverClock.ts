import type { Clock } from '../core/clock'
import type { Api } from './api'

/**
 * The one clock pages read: the server's. Every response that carries the
 * server's time (`me`, `pending`, `progress`) moves it, so a phone whose own
 * clock is wrong, or a server run under GEBAO_CLOCK, still shows the
 * server's today in every picker, greeting and due date. Until the first
 * response it reads the phone's clock.
 */
export interface SyncedClock extends Clock {
  /** Takes the server's time from a response (ISO). */
  sync(serverNow: string): void
  /** Called after the clock moved; returns the unsubscribe. */
  subscribe(listener: () => void): () => void
}

/** Differences under this are network delay, not a wrong clock. */
const TOLERANCE_MS = 60_000

export function serverClock(phoneNow: () => number = () => Date.now()): SyncedClock {
  let offset = 0
  const listeners = new Set<() => void>()
  return {
    now: () => new Date(phoneNow() + offset),
    sync(serverNow) {
      const server = Date.parse(serverNow)
      if (Number.isNaN(server)) return
      const next = server - phoneNow()
      if (Math.abs(next - offset) < TOLERANCE_MS) return
      offset = next
      listeners.forEach((l) => l())
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}

/** The api with every response that carries the server's time setting `clock`. */
export function withServerClock(api: Api, clock: SyncedClock): Api {
  return {
    ...api,
    me: async () => {
      const me = await api.me()
      clock.sync(me.now)
      return me
    },
    pending: async () => {
      const pending = await api.pending()
      clock.sync(pending.now)
      return pending
    },
    progress: async (...args: Parameters<Api['progress']>) => {
      const progress = await api.progress(...args)
      clock.sync(progress.now)
      return progress
    }
  }
}
