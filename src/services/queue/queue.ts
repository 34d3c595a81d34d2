import { CLIENT_ID_PATTERN } from '../../core/patterns'
import { MAX_EVIDENCE, type ReportDraftInput } from '../../core/report'
import type { KeyValueStorage } from '../storage/types'
import type { QueueBackend } from './backend'
import { heldBytes, jsonBytes, MAX_ENTRY_BYTES, type QueueEntry, type QueueFile } from './entry'
import { emptyReport, flushOnce, type FlushDeps, type FlushReport } from './flush'
import { DEFAULT_BACKOFF, DEFAULT_BATCH, DEFAULT_PRUNE, nextDueAt, type BackoffPolicy, type BatchLimits, type PrunePolicy } from './rules'
import { countEntries, type QueueCounts } from './status'
import { QueueStore, type LoadReport, type Quarantined } from './store'

export interface QueueOptions {
  storage: KeyValueStorage
  backend: QueueBackend
  now?: () => number
  random?: () => number
  /** Client ids for re-submissions; default: time plus random letters. */
  newId?: () => string
  backoff?: BackoffPolicy
  batch?: BatchLimits
  prune?: PrunePolicy
  /**
   * Frees a kept file once nothing needs it (its report is on the server,
   * or the worker dropped it). Default: nothing to free.
   */
  releaseFile?: (localPath: string) => Promise<void>
}

export interface QueueSnapshot {
  entries: readonly QueueEntry[]
  counts: QueueCounts
  flushing: boolean
  lastFlush: FlushReport | null
  quarantined: readonly Quarantined[]
}

export type QueueErrorCode = 'BAD_INPUT' | 'TOO_LARGE' | 'STORAGE' | 'NOT_FOUND' | 'STATE'

/** A refusal to change the queue, with a message the worker can read. */
export class QueueError extends Error {
  constructor(readonly code: QueueErrorCode, message: string) {
    super(message)
    this.name = 'QueueError'
  }
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * The phone's outbox of confirmed reports: kept in storage, sent first in
 * first out, each delivered once (the server dedupes by client id), and
 * never dropped unless the worker says so.
 */
export class SubmissionQueue {
  private readonly store: QueueStore
  private readonly deps: FlushDeps
  private loading: Promise<LoadReport> | null = null
  private running: Promise<FlushReport> | null = null
  private lastFlush: FlushReport | null = null
  private listeners = new Set<(s: QueueSnapshot) => void>()
  private readonly now: () => number
  private readonly newId: () => string
  private readonly releaseFile: (localPath: string) => Promise<void>

  constructor(opts: QueueOptions) {
    this.now = opts.now ?? Date.now
    const random = opts.random ?? Math.random
    this.newId = opts.newId ?? (() => `q${this.now().toString(36)}-${Array.from({ length: 10 }, () => ID_ALPHABET[Math.floor(random() * 36)]).join('')}`)
    this.releaseFile = opts.releaseFile ?? (async () => undefined)
    this.store = new QueueStore(opts.storage, this.now)
    this.deps = {
      store: this.store,
      backend: opts.backend,
      now: this.now,
      random,
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      batch: opts.batch ?? DEFAULT_BATCH,
      prune: opts.prune ?? DEFAULT_PRUNE,
      changed: () => this.notify()
    }
  }

  /** Loads the stored entries once; every method waits for it. */
  ready(): Promise<LoadReport> {
    if (!this.loading) {
      this.loading = this.store.load().then(
        (report) => {
          this.notify()
          return report
        },
        (e: unknown) => {
          // A storage hiccup at launch must not disable the queue for the session.
          this.loading = null
          throw e
        }
      )
    }
    return this.loading
  }

  /**
   * Keeps a confirmed report on the phone. Resolves once it is in storage;
   * rejects with a QueueError (and keeps nothing new) if it cannot be kept.
   * Enqueuing the same client id twice keeps one entry.
   */
  async enqueue(draft: ReportDraftInput, files: QueueFile[] = []): Promise<QueueEntry> {
    await this.ready()
    if (typeof draft.clientId !== 'string' || !CLIENT_ID_PATTERN.test(draft.clientId)) throw new QueueError('BAD_INPUT', '这份填报缺少编号，没能保存')
    const existing = this.store.get(draft.clientId)
    if (existing) return existing
    return this.add(draft, files)
  }

  private async add(draft: ReportDraftInput, files: QueueFile[], replaces?: string): Promise<QueueEntry> {
    if ((draft.evidence?.length ?? 0) + files.length > MAX_EVIDENCE) throw new QueueError('BAD_INPUT', `照片最多 ${MAX_EVIDENCE} 张`)
    const at = this.now()
    const entry: QueueEntry = {
      v: 1,
      id: draft.clientId,
      createdAt: at,
      updatedAt: at,
      attempts: 0,
      status: 'pending',
      nextAttemptAt: at,
      payload: draft,
      files: files.map((f) => ({ ...f })),
      ...(replaces ? { replaces } : {})
    }
    if (jsonBytes(entry) > MAX_ENTRY_BYTES) throw new QueueError('TOO_LARGE', '这份填报内容太多，手机存不下。请删减说明文字后再确认。')
    try {
      await this.store.add(entry)
    } catch {
      throw new QueueError('STORAGE', '手机存储空间不足，这份填报没能保存。请清理微信存储空间后再试。')
    }
    this.notify()
    return entry
  }

  /**
   * Sends what is due. One flush at a time: a call while one runs gets the
   * same promise (the running flush picks up entries added meanwhile).
   * `ignoreBackoff` for the moments a retry is worth it now: the network
   * came back, the app came to the front, the worker just confirmed.
   * Never rejects: failures are in the report.
   */
  flush(opts: { ignoreBackoff?: boolean } = {}): Promise<FlushReport> {
    if (!this.running) {
      this.running = this.ready()
        .then(() => flushOnce(this.deps, !!opts.ignoreBackoff))
        .catch((e: unknown): FlushReport => ({ ...emptyReport(), stopped: { reason: 'storage', message: e instanceof Error ? e.message : String(e) } }))
        .then(async (report) => {
          await this.releaseSynced()
          this.running = null
          this.lastFlush = report
          this.notify()
          return report
        })
      this.notify()
    }
    return this.running
  }

  /**
   * Kept files of reports the server has are acknowledged: the phone lets
   * them go (an empty localPath marks a released file) unless another
   * waiting entry (a re-submission) still points at the same file.
   */
  private async releaseSynced(): Promise<void> {
    const inUse = new Set(this.store.list().filter((e) => e.status !== 'synced').flatMap((e) => e.files.map((f) => f.localPath)))
    for (const e of this.store.list()) {
      if (e.status !== 'synced' || e.files.every((f) => !f.localPath)) continue
      for (const f of e.files) if (f.localPath && !inUse.has(f.localPath)) await this.releaseFile(f.localPath).catch(() => undefined)
      await this.store.put({ ...e, files: e.files.map((f) => ({ ...f, localPath: '' })) }).catch(() => undefined)
    }
  }

  /** File bytes the queue holds on the phone, against the evidence rule's queue budget. */
  queuedBytes(): number {
    return this.store.list().reduce((sum, e) => sum + heldBytes(e), 0)
  }

  /** Resolves once no flush is running (before the session changes hands). */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  async entries(): Promise<readonly QueueEntry[]> {
    await this.ready()
    return this.store.list()
  }

  async unsyncedCount(): Promise<number> {
    await this.ready()
    return countEntries(this.store.list()).unsynced
  }

  /** When a timer flush could next make progress; null when nothing waits. */
  nextDueAt(): number | null {
    return nextDueAt(this.store.list())
  }

  snapshot(): QueueSnapshot {
    const entries = this.store.list()
    return { entries, counts: countEntries(entries), flushing: !!this.running, lastFlush: this.lastFlush, quarantined: this.store.quarantined() }
  }

  /** Called after every change; returns the unsubscribe function. */
  subscribe(listener: (s: QueueSnapshot) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private notify(): void {
    if (!this.listeners.size) return
    const snap = this.snapshot()
    for (const l of this.listeners) l(snap)
  }

  private settled(id: string, allowed: QueueEntry['status'][]): QueueEntry {
    const entry = this.store.get(id)
    if (!entry) throw new QueueError('NOT_FOUND', '没有找到这份填报')
    if (!allowed.includes(entry.status)) throw new QueueError('STATE', '这份填报现在不能这样操作')
    return entry
  }

  /**
   * Sends a rejected report again, corrected (or as it was, e.g. after the
   * period was reopened). It is a new submission with a new client id, so
   * the server can never take it for the refused one; the old entry goes
   * once the new one is saved.
   */
  async retry(id: string, fixed?: ReportDraftInput, files?: QueueFile[]): Promise<QueueEntry> {
    await this.ready()
    const old = this.settled(id, ['rejected'])
    const entry = await this.add({ ...(fixed ?? old.payload), clientId: this.newId() }, files ?? old.files, old.id)
    await this.store.remove([old.id])
    this.notify()
    return entry
  }

  /**
   * 'mine': send the worker's version again on top of the server's
   * (baseVersion = its version), as a new submission. 'theirs': keep the
   * server's version and drop the local copy. Resolves with the new entry
   * for 'mine', null for 'theirs'.
   */
  async resolveConflict(id: string, choice: 'mine' | 'theirs'): Promise<QueueEntry | null> {
    await this.ready()
    const old = this.settled(id, ['conflict'])
    if (choice === 'theirs') {
      await this.forget(id)
      return null
    }
    const version = (old.current as { version?: unknown } | null | undefined)?.version
    const { baseVersion: _dropped, ...rest } = old.payload
    const payload = typeof version === 'number' ? { ...rest, baseVersion: version } : rest
    const entry = await this.add({ ...payload, clientId: this.newId() }, old.files, old.id)
    await this.store.remove([old.id])
    this.notify()
    return entry
  }

  /** Removes a synced entry, or a rejected / conflicting one the worker gives up on. Pending ones cannot be removed. */
  async forget(id: string): Promise<void> {
    await this.ready()
    const entry = this.settled(id, ['synced', 'rejected', 'conflict'])
    await this.store.remove([id])
    await this.release(entry.files)
    this.notify()
  }

  /**
   * The worker deletes a stuck report (pending or refused) after confirming
   * what is lost: the report and its kept files leave the phone.
   */
  async discard(id: string): Promise<void> {
    await this.ready()
    const entry = this.settled(id, ['pending', 'synced', 'rejected', 'conflict'])
    await this.store.remove([id])
    await this.release(entry.files)
    this.notify()
  }

  /**
   * Sends a stuck report without the files not yet uploaded (a photo that is
   * missing or refused, or one that will not go through): a new submission
   * keeping what was already uploaded. Resolves with the new entry.
   */
  async sendWithoutFiles(id: string): Promise<QueueEntry> {
    await this.ready()
    const old = this.settled(id, ['pending', 'rejected'])
    const kept = old.files.filter((f) => !!f.uploadedId)
    const dropped = old.files.filter((f) => !f.uploadedId)
    const entry = await this.add({ ...old.payload, clientId: this.newId() }, kept, old.id)
    await this.store.remove([old.id])
    await this.release(dropped)
    this.notify()
    return entry
  }

  /** Tries a waiting or refused report again now, as it is (a refused one as a new submission). */
  async retryNow(id: string): Promise<FlushReport> {
    await this.ready()
    const entry = this.settled(id, ['pending', 'rejected'])
    if (entry.status === 'rejected') await this.retry(id)
    else await this.store.put({ ...entry, nextAttemptAt: this.now() })
    return this.flush({ ignoreBackoff: true })
  }

  private async release(files: QueueFile[]): Promise<void> {
    const inUse = new Set(this.store.list().flatMap((e) => e.files.map((f) => f.localPath)))
    for (const f of files) if (f.localPath && !inUse.has(f.localPath)) await this.releaseFile(f.localPath).catch(() => undefined)
  }

  async clearQuarantine(id: string): Promise<void> {
    await this.ready()
    await this.store.clearQuarantine(id)
    this.notify()
  }
}
