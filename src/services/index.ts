import type { Clock } from '../core/clock'
import type { ChatState } from '../core/chat'
import { createApi, type Api } from './api'
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
}

let current: Services | null = null

function createServices(): Services {
  const storage = taroStorage
  const session = new Session(storage)
  const api = createApi(createTransport(session))
  return { api, storage, session, drafts: new DraftStore<ChatState>(storage), clock: { now: () => new Date() }, ready: session.load() }
}

export function getServices(): Services {
  if (!current) current = createServices()
  return current
}

/** For tests: replace the services every page sees. */
export function setServices(services: Services): void {
  current = services
}
