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

let started: FlushTriggers | null = null

/** Starts flushing the queue on confirm, app show, reconnect and a timer; once. */
export function startQueue(services: Services): FlushTriggers {
  if (!started) {
    started = startFlushTriggers(services.queue, hooks)
    const triggers = started
    services.afterConfirm = () => triggers.afterConfirm()
  }
  return started
}
