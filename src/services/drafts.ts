import type { KeyValueStorage } from './storage/types'

const PREFIX = 'gebao.draft.'

export interface SavedDraft<S> {
  state: S
  savedAt: string
}

/**
 * Half-finished conversations, one storage key per (indicator, unit,
 * period): small, independent, and they survive the app being killed.
 */
export class DraftStore<S> {
  constructor(private readonly storage: KeyValueStorage) {}

  private key(reportId: string) {
    return PREFIX + reportId
  }

  get(reportId: string): Promise<SavedDraft<S> | undefined> {
    return this.storage.get<SavedDraft<S>>(this.key(reportId))
  }

  save(reportId: string, state: S, now: Date): Promise<void> {
    return this.storage.set(this.key(reportId), { state, savedAt: now.toISOString() })
  }

  discard(reportId: string): Promise<void> {
    return this.storage.remove(this.key(reportId))
  }

  async list(): Promise<string[]> {
    return (await this.storage.keys()).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length))
  }
}
