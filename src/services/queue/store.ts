import type { KeyValueStorage } from '../storage/types'
import { parseEntry, type QueueEntry } from './entry'

/** One key per entry: each stays far below WeChat's 1 MB per key. */
export const ENTRY_PREFIX = 'gebao.outbox.'
/** The ordered ids; only ids, so 1,000 entries are ~40 KB. */
export const INDEX_KEY = 'gebao.outbox-index'
/** Values that could not be read as entries, kept aside for support instead of deleted. */
export const QUARANTINE_PREFIX = 'gebao.outbox-bad.'

export interface Quarantined {
  id: string
  /** The key the value was found under. */
  key: string
  reason: string
  at: number
}

export interface LoadReport {
  entries: number
  /** Found corrupted during this load (earlier ones stay listed by `quarantined()`). */
  quarantined: Quarantined[]
  /** Entries saved but missing from the index (the app died between the two writes). */
  adopted: string[]
}

/**
 * The queue's entries in storage, with an in-memory copy in queue order.
 * Write order is what makes a kill at any moment safe:
 * - add: the entry's key first, then the index. A kill in between leaves an
 *   entry outside the index, which the next load adopts.
 * - remove: the key first, then the index. A kill in between leaves an index
 *   id without a key, which the next load drops (it was being removed).
 * All writes run one after another, in the order they were asked for.
 */
export class QueueStore {
  private order: string[] = []
  private byId = new Map<string, QueueEntry>()
  private bad: Quarantined[] = []
  private chain: Promise<unknown> = Promise.resolve()

  constructor(private readonly storage: KeyValueStorage, private readonly now: () => number) {}

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op)
    this.chain = run.catch(() => undefined)
    return run
  }

  private writeIndex(): Promise<void> {
    return this.storage.set(INDEX_KEY, [...this.order])
  }

  async load(): Promise<LoadReport> {
    const keys = await this.storage.keys().catch(() => [] as string[])
    const found: Quarantined[] = []
    let indexChanged = false

    let ids: string[]
    const rawIndex = await this.storage.get<unknown>(INDEX_KEY)
    if (rawIndex === undefined || (Array.isArray(rawIndex) && rawIndex.every((x) => typeof x === 'string'))) {
      ids = [...new Set((rawIndex as string[] | undefined) ?? [])]
    } else {
      // The index itself is damaged: keep it aside and rebuild from the keys.
      found.push(await this.quarantine('index', INDEX_KEY, rawIndex, 'index is not a list of ids'))
      ids = []
      indexChanged = true
    }

    const listed = new Set(ids)
    const orphanIds = keys.filter((k) => k.startsWith(ENTRY_PREFIX)).map((k) => k.slice(ENTRY_PREFIX.length)).filter((id) => !listed.has(id))
    const raws = await Promise.all([...ids, ...orphanIds].map((id) => this.storage.get<unknown>(ENTRY_PREFIX + id)))

    const entries: QueueEntry[] = []
    const orphans: QueueEntry[] = []
    for (const [i, id] of [...ids, ...orphanIds].entries()) {
      const raw = raws[i]
      const isOrphan = i >= ids.length
      if (raw === undefined) {
        indexChanged = true // removed, index not yet updated
        continue
      }
      const parsed = parseEntry(raw, id)
      if (!parsed.ok) {
        found.push(await this.quarantine(id, ENTRY_PREFIX + id, raw, parsed.reason))
        indexChanged = true
        continue
      }
      ;(isOrphan ? orphans : entries).push(parsed.entry)
    }
    orphans.sort((a, b) => a.createdAt - b.createdAt)
    if (orphans.length) indexChanged = true

    this.order = []
    this.byId.clear()
    for (const e of [...entries, ...orphans]) {
      this.order.push(e.id)
      this.byId.set(e.id, e)
    }

    // A re-submission that was saved before its predecessor was removed.
    const replaced = [...this.byId.values()].map((e) => e.replaces).filter((id): id is string => !!id && this.byId.has(id))
    if (replaced.length) await this.remove(replaced)
    else if (indexChanged) await this.serial(() => this.writeIndex())

    this.bad = await this.readQuarantine(keys, found)
    return { entries: this.order.length, quarantined: found, adopted: orphans.map((e) => e.id) }
  }

  private async quarantine(id: string, key: string, raw: unknown, reason: string): Promise<Quarantined> {
    const record: Quarantined = { id, key, reason, at: this.now() }
    try {
      await this.storage.set(QUARANTINE_PREFIX + id, { ...record, raw })
    } catch {
      // Too large or storage full: keep at least the record.
      await this.storage.set(QUARANTINE_PREFIX + id, record).catch(() => undefined)
    }
    // Only after it is safe aside does the bad value leave its key.
    if (key !== INDEX_KEY) await this.storage.remove(key)
    return record
  }

  private async readQuarantine(keys: string[], found: Quarantined[]): Promise<Quarantined[]> {
    const known = new Set(found.map((q) => q.id))
    const older = await Promise.all(
      keys
        .filter((k) => k.startsWith(QUARANTINE_PREFIX) && !known.has(k.slice(QUARANTINE_PREFIX.length)))
        .map(async (k) => {
          const rec = await this.storage.get<Partial<Quarantined>>(k).catch(() => undefined)
          return { id: k.slice(QUARANTINE_PREFIX.length), key: String(rec?.key ?? ''), reason: String(rec?.reason ?? ''), at: Number(rec?.at ?? 0) }
        })
    )
    return [...older, ...found]
  }

  /** Entries in queue order. */
  list(): QueueEntry[] {
    return this.order.map((id) => this.byId.get(id)!)
  }

  get(id: string): QueueEntry | undefined {
    return this.byId.get(id)
  }

  quarantined(): Quarantined[] {
    return [...this.bad]
  }

  /** Saves a new entry at the end. Rejects (and keeps nothing) if its key could not be written. */
  add(entry: QueueEntry): Promise<void> {
    return this.serial(async () => {
      await this.storage.set(ENTRY_PREFIX + entry.id, entry)
      this.byId.set(entry.id, entry)
      this.order.push(entry.id)
      // If this write fails the entry is still safe in its key: the next load adopts it.
      await this.writeIndex().catch(() => undefined)
    })
  }

  /** Replaces an entry already in the queue. */
  put(entry: QueueEntry): Promise<void> {
    if (!this.byId.has(entry.id)) return Promise.reject(new Error(`no entry ${entry.id}`))
    this.byId.set(entry.id, entry)
    return this.serial(() => this.storage.set(ENTRY_PREFIX + entry.id, entry))
  }

  remove(ids: string[]): Promise<void> {
    const gone = new Set(ids)
    return this.serial(async () => {
      for (const id of ids) await this.storage.remove(ENTRY_PREFIX + id)
      this.order = this.order.filter((id) => !gone.has(id))
      for (const id of ids) this.byId.delete(id)
      await this.writeIndex()
    })
  }

  /** Support has looked at a quarantined value: let it go. */
  clearQuarantine(id: string): Promise<void> {
    return this.serial(async () => {
      await this.storage.remove(QUARANTINE_PREFIX + id)
      this.bad = this.bad.filter((q) => q.id !== id)
    })
  }
}
