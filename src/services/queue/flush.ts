import { uploadIdStale } from '../../core/evidence/retention'
import type { QueueBackend } from './backend'
import { UploadRefused, NetworkError } from '../transport/types'
import { draftToSend, filesReady, reportKeyOf, type EntryErrorCode, type QueueEntry } from './entry'
import {
  applyOutcome,
  batchRefusal,
  entriesToPrune,
  nextBatch,
  nextDueAt,
  NO_ANSWER,
  outcomeOf,
  type BackoffPolicy,
  type BatchLimits,
  type Outcome,
  type PrunePolicy
} from './rules'
import type { QueueStore } from './store'

export type StopReason = 'network' | 'server' | 'login' | 'storage'

export interface FlushReport {
  /** Entries sent in batches that got an answer. */
  sent: number
  synced: number
  rejected: number
  conflicts: number
  uploaded: number
  /** Why the flush stopped before the queue was empty; null if it ran out of due entries. */
  stopped: { reason: StopReason; message: string; entryId?: string } | null
  /** Entries still waiting (待同步) after the flush. */
  pending: number
  nextAttemptAt: number | null
}

export interface FlushDeps {
  store: QueueStore
  backend: QueueBackend
  now: () => number
  random: () => number
  backoff: BackoffPolicy
  batch: BatchLimits
  prune: PrunePolicy
  changed: () => void
}

export function emptyReport(): FlushReport {
  return { sent: 0, synced: 0, rejected: 0, conflicts: 0, uploaded: 0, stopped: null, pending: 0, nextAttemptAt: null }
}

type Step = 'continue' | 'stop'

async function settle(deps: FlushDeps, report: FlushReport, entry: QueueEntry, outcome: Outcome): Promise<Step> {
  await deps.store.put(applyOutcome(entry, outcome, deps.now(), deps.random, deps.backoff))
  if (outcome.kind === 'synced') report.synced++
  else if (outcome.kind === 'rejected') report.rejected++
  else if (outcome.kind === 'conflict') report.conflicts++
  else {
    const login = outcome.error.code === 'UNAUTHENTICATED'
    const reason: StopReason = login ? 'login' : outcome.error.code === 'NETWORK' ? 'network' : 'server'
    report.stopped ??= { reason, message: outcome.error.message, entryId: entry.id }
    return 'stop'
  }
  return 'continue'
}

/**
 * Uploads the files of the batch's entries, in order, recording each id as
 * soon as it is known so a restart never uploads it twice. Returns the
 * entries ready to send. An entry whose upload fails backs off on its own
 * (its report is held for the rest of this flush) and the others go on: a
 * refused file (the server said no) is a rejection with the server's reason,
 * a missing one asks the worker to re-add it or send without it.
 */
async function uploadFiles(deps: FlushDeps, report: FlushReport, batch: QueueEntry[], held: Set<string>): Promise<QueueEntry[]> {
  const ready: QueueEntry[] = []
  for (let entry of batch) {
    if (held.has(reportKeyOf(entry))) continue
    entry = await forgetStaleUploads(deps, entry)
    if (filesReady(entry)) {
      ready.push(entry)
      continue
    }
    let failure: Outcome | null = null
    for (let i = 0; i < entry.files.length && !failure; i++) {
      const file = entry.files[i]
      if (file.uploadedId) continue
      if (deps.backend.fileExists && !(await deps.backend.fileExists(file.localPath).catch(() => true))) {
        failure = { kind: 'rejected', error: { code: 'FILE_MISSING', message: `${file.kind === 'file' ? '文件' : '照片'}“${file.name}”在手机上找不到了` } }
        break
      }
      try {
        const { id } = await deps.backend.upload(file.localPath, file.name, file.mime)
        entry = { ...entry, files: entry.files.map((f, j) => (j === i ? { ...f, uploadedId: id, uploadedAt: deps.now() } : f)), updatedAt: deps.now() }
        await deps.store.put(entry)
        report.uploaded++
      } catch (e) {
        failure = uploadFailure(e)
      }
    }
    if (failure) {
      held.add(reportKeyOf(entry))
      await settle(deps, report, entry, failure)
      continue
    }
    ready.push(entry)
  }
  return ready
}

/**
 * Drops upload ids older than core's keep time (src/core/evidence/retention.ts):
 * the server may have swept a file no report named for that long, so the
 * file goes up again from the phone's copy.
 */
async function forgetStaleUploads(deps: FlushDeps, entry: QueueEntry): Promise<QueueEntry> {
  const now = deps.now()
  if (!entry.files.some((f) => f.uploadedId && uploadIdStale(f.uploadedAt, now))) return entry
  const files = entry.files.map((f) => (f.uploadedId && uploadIdStale(f.uploadedAt, now) ? { ...f, uploadedId: undefined, uploadedAt: undefined } : f))
  const next = { ...entry, files, updatedAt: now }
  await deps.store.put(next)
  return next
}

/** What a failed upload means for its entry. */
function uploadFailure(e: unknown): Outcome {
  if (e instanceof UploadRefused) {
    // Sending the same bytes again gets the same answer.
    return { kind: 'rejected', error: { code: e.code === 'FILE_MISSING' ? 'FILE_MISSING' : (e.code as EntryErrorCode), message: e.message } }
  }
  if (e instanceof NetworkError && e.status === 401) return { kind: 'retry', error: { code: 'UNAUTHENTICATED', message: e.message } }
  const message = e instanceof Error && e.message ? `照片上传失败：${e.message}` : NO_ANSWER.message
  return { kind: 'retry', error: { code: 'NETWORK', message } }
}

/** Sends one batch and records every answer. May shrink the batch size for the next round. */
async function send(deps: FlushDeps, report: FlushReport, batch: QueueEntry[], limits: { maxCount: number }, held: Set<string>): Promise<Step> {
  let res
  try {
    res = await deps.backend.sync(batch.map(draftToSend))
  } catch {
    // No answer: the server may or may not have stored any of it. All of it
    // stays pending; the resend is answered `duplicate` for what got through.
    // Nothing else can get through now either: stop.
    // Each of them backs off on its own.
    for (const entry of batch) await settle(deps, report, entry, { kind: 'retry', error: NO_ANSWER })
    return 'stop'
  }
  if (!res.ok) {
    const decision = batchRefusal(res.error, batch.length)
    if (decision.kind === 'shrink') {
      limits.maxCount = decision.maxCount
      return 'continue'
    }
    report.sent += decision.outcome.kind === 'retry' ? 0 : 1
    return settle(deps, report, batch[0], decision.outcome)
  }
  report.sent += batch.length
  const results = res.data.results
  let step: Step = 'continue'
  // Every answer is recorded, even after a retryable one: what the server
  // stored is stored. A retried report waits for the next flush; a login
  // problem stops this one (every entry would get the same answer).
  for (const [i, entry] of batch.entries()) {
    const outcome = outcomeOf(entry, results[i])
    if (outcome.kind === 'retry') held.add(reportKeyOf(entry))
    if ((await settle(deps, report, entry, outcome)) === 'stop' && outcome.kind === 'retry' && outcome.error.code === 'UNAUTHENTICATED') step = 'stop'
  }
  return step
}

/**
 * Sends due entries batch by batch until none are due or the backend cannot
 * be reached. A report retried during this flush is held until the next one,
 * so each report backs off on its own without holding up the others.
 */
export async function flushOnce(deps: FlushDeps, ignoreBackoff: boolean): Promise<FlushReport> {
  const report = emptyReport()
  const limits = { ...deps.batch }
  const held = new Set<string>()
  try {
    // Each round settles at least one entry or stops; the bound is a guard.
    for (let round = 0; round <= deps.store.list().length * 2 + 10; round++) {
      const batch = nextBatch(deps.store.list(), deps.now(), limits, ignoreBackoff, held)
      if (batch.length === 0) break
      const ready = await uploadFiles(deps, report, batch, held)
      const sent = ready.length ? await send(deps, report, ready, limits, held) : 'continue'
      deps.changed()
      if (sent === 'stop') break
    }
    const prune = entriesToPrune(deps.store.list(), deps.now(), deps.prune)
    if (prune.length) await deps.store.remove(prune)
  } catch (e) {
    report.stopped = { reason: 'storage', message: e instanceof Error ? e.message : String(e) }
  }
  const entries = deps.store.list()
  report.pending = entries.filter((e) => e.status === 'pending').length
  report.nextAttemptAt = nextDueAt(entries)
  return report
}
