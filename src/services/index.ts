import type { Clock } from '../core/clock'
import type { ChatState } from '../core/chat'
import type { ReportDraftInput } from '../core/report'
import { createApi, type Api } from './api'
import { DraftStore } from './drafts'
import { QueueError, queueBackend, SubmissionQueue, type QueueFile } from './queue'
import { Session } from './session'
import { taroStorage } from './storage/taroStorage'
import { serverClock, withServerClock, type SyncedClock } from './serverClock'
import { rememberTitles } from './titles'
import type { KeyValueStorage } from './storage/types'
import { createTransport } from './transport'

/**
 * Everything with side effects that pages use, created once. Pages and
 * components reach storage, network and time only through this, so tests
 * replace the whole set with `setServices`.
 */
export interface Services {
  api: Api
  storage: KeyValueStorage
  session: Session
  drafts: DraftStore<ChatState>
  queue: SubmissionQueue
  /** The server's clock (serverClock.ts): what every page reads as now. */
  clock: Clock | SyncedClock
  ready: Promise<void>
  /**
   * Keeps a confirmed report on the phone (the offline queue), then tries to
   * deliver it: `sent` when the server took it now, `queued` when it waits
   * for the network, `refused` when it cannot be kept or was refused for good.
   */
  submitReport(draft: ReportDraftInput, files?: QueueFile[]): Promise<SubmitOutcome>
  /** Reports confirmed on this phone and not yet delivered (or needing attention). */
  unsyncedCount(): Promise<number>
  /** Set by the app once the flush triggers run; until then a confirm flushes directly. */
  afterConfirm: () => Promise<unknown>
}

export type SubmitOutcome = { kind: 'sent' } | { kind: 'queued' } | { kind: 'refused'; message: string }

let current: Services | null = null

function createServices(): Services {
  const storage = taroStorage
  const session = new Session(storage)
  const transport = createTransport(session)
  const base = createApi(transport)
  const clock = serverClock()
  // Every catalog load also refreshes the titles kept for offline lists;
  // responses with the server's time set the one clock.
  const api: Api = withServerClock(
    {
      ...base,
      catalog: async () => {
        const catalog = await base.catalog()
        await rememberTitles(storage, catalog.indicators).catch(() => undefined)
        return catalog
      }
    },
    clock
  )
  const queue = new SubmissionQueue({ storage, backend: queueBackend(transport) })
  const services: Services = {
    api,
    storage,
    session,
    drafts: new DraftStore<ChatState>(storage),
    queue,
    clock,
    ready: session.load(),
    afterConfirm: () => queue.flush({ ignoreBackoff: true }),
    async submitReport(draft, files = []) {
      try {
        await queue.enqueue(draft, files)
      } catch (e) {
        return { kind: 'refused', message: e instanceof QueueError ? e.message : '没能保存，请重试' }
      }
      await services.afterConfirm()
      const entry = (await queue.entries()).find((e) => e.id === draft.clientId)
      if (entry?.status === 'synced') return { kind: 'sent' }
      if (entry && (entry.status === 'rejected' || entry.status === 'conflict')) return { kind: 'refused', message: entry.lastError?.message ?? '提交没有成功' }
      return { kind: 'queued' }
    },
    unsyncedCount: () => queue.unsyncedCount()
  }
  return services
}

export function getServices(): Services {
  if (!current) current = createServices()
  return current
}

/** For tests: replace the services every page sees. */
export function setServices(services: Services): void {
  current = services
}
