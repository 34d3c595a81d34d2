import type { QueueBackend } from './backend'
import { draftToSend, filesReady, type QueueEntry } from './entry'
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
 * Uploads the photos of the batch's entries, in order, recording each id as
 * soon as it is known so a restart never uploads it twice. Returns the
 * entries ready to send: those before the first failed upload (which then
 * backs off and stops the flush, so nothing overtakes it).
 */
async function uploadFiles(deps: FlushDeps, report: FlushReport, batch: QueueEntry[]): Promise<{ ready: QueueEntry[]; step: Step }> {
  const ready: QueueEntry[] = []
  for (let entry of batch) {
    if (filesReady(entry)) {
      ready.push(entry)
      continue
    }
    let missing = false
    for (let i = 0; i < entry.files.length; i++) {
      const file = entry.files[i]
      if (file.uploadedId) continue
      if (deps.backend.fileExists && !(await deps.backend.fileExists(file.localPath).catch(() => true))) {
        missing = true
        break
      }
      try {
        const { id } = await deps.backend.upload(file.localPath, file.name)
        entry = { ...entry, files: entry.files.map((f, j) => (j === i ? { ...f, uploadedId: id } : f)), updatedAt: deps.now() }
        await deps.store.put(entry)
        report.uploaded++
      } catch (e) {
        const message = e instanceof Error && e.message ? `照片上传失败：${e.message}` : NO_ANSWER.message
        return { ready, step: await settle(deps, report, entry, { kind: 'retry', error: { code: 'NETWORK', message } }) }
      }
    }
    if (missing) {
      // Retrying cannot bring a deleted photo back: the worker must re-add it.
      await settle(deps, report, entry, { kind: 'rejected', error: { code: 'FILE_MISSING', message: '照片找不到了' } })
      continue
    }
    ready.push(entry)
  }
  return { ready, step: 'continue' }
}

/** Sends one batch and records every answer. May shrink the batch size for the next round. */
async function send(deps: FlushDeps, report: FlushReport, batch: QueueEntry[], limits: { maxCount: number }): Promise<Step> {
  let res
  try {
    res = await deps.backend.sync(batch.map(draftToSend))
  } catch {
    // No answer: the server may or may not have stored any of it. All of it
    // stays pending; the resend is answered `duplicate` for what got through.
    return settle(deps, report, batch[0], { kind: 'retry', error: NO_ANSWER })
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
  // stored is stored. The flush then stops so the retried one keeps its place.
  for (const [i, entry] of batch.entries()) {
    if ((await settle(deps, report, entry, outcomeOf(entry, results[i]))) === 'stop') step = 'stop'
  }
  return step
}

/** Sends due entries batch by batch until none are due or one must wait. */
export async function flushOnce(deps: FlushDeps, ignoreBackoff: boolean): Promise<FlushReport> {
  const report = emptyReport()
  const limits = { ...deps.batch }
  try {
    // Each round settles at least one entry or stops; the bound is a guard.
    for (let round = 0; round <= deps.store.list().length * 2 + 10; round++) {
      const batch = nextBatch(deps.store.list(), deps.now(), limits, ignoreBackoff)
      if (batch.length === 0) break
      const { ready, step } = await uploadFiles(deps, report, batch)
      const sent = ready.length ? await send(deps, report, ready, limits) : 'continue'
      deps.changed()
      if (step === 'stop' || sent === 'stop') break
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
