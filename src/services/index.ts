import type { Clock } from '../core/clock'
import type { ChatState } from '../core/chat'
import type { ReportDraftInput } from '../core/report'
import { ApiFailure, createApi, type Api } from './api'
import { DraftStore } from './drafts'
import { Session } from './session'
import { taroStorage } from './storage/taroStorage'
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
  clock: Clock
  ready: Promise<void>
  /** Sends a confirmed report; kept on the phone until delivered. */
  submitReport(draft: ReportDraftInput): Promise<SubmitOutcome>
  /** Reports confirmed on this phone and not yet delivered. */
  unsyncedCount(): Promise<number>
}

export type SubmitOutcome = { kind: 'sent' } | { kind: 'queued' } | { kind: 'refused'; message: string }

let current: Services | null = null

function createServices(): Services {
  const storage = taroStorage
  const session = new Session(storage)
  const api = createApi(createTransport(session))
  return {
    api,
    storage,
    session,
    drafts: new DraftStore<ChatState>(storage),
    clock: { now: () => new Date() },
    ready: session.load(),
    async submitReport(draft) {
      try {
        await api.submit(draft)
        return { kind: 'sent' }
      } catch (e) {
        return { kind: 'refused', message: e instanceof ApiFailure ? e.message : '网络不通，请稍后再试' }
      }
    },
    unsyncedCount: async () => 0
  }
}

export function getServices(): Services {
  if (!current) current = createServices()
  return current
}

/** For tests: replace the services every page sees. */
export function setServices(services: Services): void {
  current = services
}
