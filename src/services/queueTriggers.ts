import Taro from '@tarojs/taro'
import { startFlushTriggers, type FlushTriggers, type TriggerHooks } from './queue'
import type { Services } from '.'

/**
 * Platform hooks for the queue's flush triggers. In H5, Taro's
 * onNetworkStatusChange only follows navigator.connection and never reports
 * going offline or online, so the browser's own events are used there.
 */
function onNetworkChange(cb: (online: boolean) => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    const online = () => cb(true)
    const offline = () => cb(false)
    window.addEventListener('online', online)
    window.addEventListener('offline', offline)
    return () => {
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
    }
  }
  const handler = (r: { isConnected: boolean }) => cb(r.isConnected)
  Taro.onNetworkStatusChange(handler)
  return () => Taro.offNetworkStatusChange(handler)
}

function onAppShow(cb: () => void): () => void {
  const handler = () => cb()
  Taro.onAppShow(handler)
  return () => Taro.offAppShow(handler)
}

const hooks: TriggerHooks = {
  onNetworkChange,
  onAppShow,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now()
}

let started: { stop(): void } | null = null

/**
 * Starts flushing the signed-in person's queue on confirm, app show,
 * reconnect and a timer; once. When the person changes, the triggers move
 * to the new person's queue (the old one's stay quiet until they sign in
 * again), and after every flush that changed something the 待办 badge is
 * redrawn.
 */
export function startQueue(services: Services): { stop(): void } {
  if (started) return started
  let triggers: FlushTriggers | null = null
  let unwatch: (() => void) | null = null
  const attach = () => {
    triggers?.stop()
    unwatch?.()
    const queue = services.queue
    let seen = queue.snapshot().lastFlush
    unwatch = queue.subscribe((s) => {
      if (s.flushing || s.lastFlush === seen) return
      seen = s.lastFlush
      if (s.lastFlush && s.lastFlush.synced + s.lastFlush.rejected + s.lastFlush.conflicts > 0) void services.refreshBadge?.()
    })
    const t = startFlushTriggers(queue, hooks)
    triggers = t
    services.afterConfirm = () => t.afterConfirm()
  }
  attach()
  const off = services.onPersonChange?.(attach)
  started = {
    stop() {
      off?.()
      unwatch?.()
      triggers?.stop()
      started = null
    }
  }
  return started
}
