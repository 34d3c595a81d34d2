import type { FlushReport } from './flush'
import type { QueueSnapshot } from './queue'

/** The part of the queue the triggers drive. */
export interface Flushable {
  flush(opts?: { ignoreBackoff?: boolean }): Promise<FlushReport>
  nextDueAt(): number | null
  subscribe(listener: (s: QueueSnapshot) => void): () => void
}

/**
 * Platform hooks, passed in by the app so this file never imports Taro:
 * e.g. `onNetworkChange: (cb) => { const h = (r) => cb(r.isConnected);
 * Taro.onNetworkStatusChange(h); return () => Taro.offNetworkStatusChange(h) }`.
 * Each `on…` returns its unsubscribe function.
 */
export interface TriggerHooks {
  onNetworkChange(cb: (online: boolean) => void): () => void
  onAppShow(cb: () => void): () => void
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

export interface TriggerOptions {
  /** Never wake sooner than this after a flush: no tight loops. */
  minDelayMs?: number
  /** Wake at least this often while entries wait. */
  maxDelayMs?: number
}

export interface FlushTriggers {
  /** Call after the worker confirms a report (once it is enqueued). */
  afterConfirm(): Promise<FlushReport>
  stop(): void
}

/**
 * When the queue flushes: right away at start, after a confirm, when the app
 * comes to the front and when the network comes back (these three skip the
 * backoff: a retry is worth it now), and on a timer set to the next due
 * entry while anything waits.
 */
export function startFlushTriggers(queue: Flushable, hooks: TriggerHooks, opts: TriggerOptions = {}): FlushTriggers {
  const minDelay = opts.minDelayMs ?? 1000
  const maxDelay = opts.maxDelayMs ?? 5 * 60_000
  let timer: unknown = null
  let stopped = false

  const disarm = () => {
    if (timer !== null) hooks.clearTimeout(timer)
    timer = null
  }
  const arm = () => {
    disarm()
    const due = queue.nextDueAt()
    if (stopped || due === null) return
    const delay = Math.min(maxDelay, Math.max(minDelay, due - hooks.now()))
    timer = hooks.setTimeout(() => {
      timer = null
      void queue.flush()
    }, delay)
  }
  const now = () => queue.flush({ ignoreBackoff: true })

  // Re-arm whenever the queue settles: after each flush and each enqueue.
  const unsubscribe = queue.subscribe((s) => {
    if (s.flushing) disarm()
    else arm()
  })
  const offNetwork = hooks.onNetworkChange((online) => {
    if (online) void now()
  })
  const offShow = hooks.onAppShow(() => void now())
  void now()

  return {
    afterConfirm: now,
    stop() {
      stopped = true
      disarm()
      unsubscribe()
      offNetwork()
      offShow()
    }
  }
}
