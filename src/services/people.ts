import type { ChatState } from '../core/chat'
import { DraftStore } from './drafts'
import { ENTRY_PREFIX, INDEX_KEY, type SubmissionQueue } from './queue'
import { personPrefix, scopedStorage } from './storage/scoped'
import type { KeyValueStorage } from './storage/types'

/** What belongs to one person on a shared phone. */
export interface PersonScope {
  personId: string | null
  storage: KeyValueStorage
  queue: SubmissionQueue
  drafts: DraftStore<ChatState>
}

/** Keys of the one shared queue and drafts of versions before queues were per person. */
const LEGACY = (k: string) => k === INDEX_KEY || k.startsWith(ENTRY_PREFIX) || k.startsWith('gebao.draft.')

/**
 * The queue, drafts and history of whoever is signed in. Switching person
 * waits for the running flush (sent under the old session) and then shows
 * only the new person's items; the old person's stay in their own keys and
 * go out when they sign in again.
 */
export class People {
  private scopes = new Map<string, PersonScope>()
  private scope: PersonScope
  private listeners = new Set<() => void>()

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly makeQueue: (storage: KeyValueStorage, personId: string | null) => SubmissionQueue,
    initial: string | null
  ) {
    this.scope = this.scopeOf(initial)
  }

  private scopeOf(personId: string | null): PersonScope {
    const key = personId ?? ''
    let scope = this.scopes.get(key)
    if (!scope) {
      // No one signed in: a corner no one sends from.
      const storage = scopedStorage(this.storage, personId ? personPrefix(personId) : 'gebao.p.-.')
      scope = { personId, storage, queue: this.makeQueue(storage, personId), drafts: new DraftStore<ChatState>(storage) }
      this.scopes.set(key, scope)
    }
    return scope
  }

  current(): PersonScope {
    return this.scope
  }

  async use(personId: string | null): Promise<void> {
    if (this.scope.personId === personId) return
    await this.scope.queue.idle()
    this.scope = this.scopeOf(personId)
    this.listeners.forEach((l) => l())
  }

  /**
   * A phone upgraded from the shared queue: its entries and drafts were the
   * signed-in person's, so they move to that person (once, before the
   * person's queue is first read).
   */
  async adoptLegacy(personId: string): Promise<number> {
    const keys = (await this.storage.keys()).filter(LEGACY)
    if (keys.length === 0) return 0
    const target = scopedStorage(this.storage, personPrefix(personId))
    for (const k of keys) {
      const v = await this.storage.get(k)
      if (v !== undefined) await target.set(k, v)
      await this.storage.remove(k)
    }
    return keys.length
  }

  subscribe(cb: () => void): () => void {
    this.listeners.add(cb)
    return () => this.listeners.delete(cb)
  }
}
