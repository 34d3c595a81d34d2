import type { ApiErrorBody } from '../../core/errors'
import { draftToSend, jsonBytes, reportKeyOf, type EntryError, type QueueEntry, type SyncedAs } from './entry'

/**
 * The queue's rules as pure functions of entries, time and randomness, so
 * they are tested without storage, network or timers.
 */

export interface BackoffPolicy {
  baseMs: number
  factor: number
  capMs: number
}
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2000, factor: 2, capMs: 5 * 60_000 }

/**
 * Delay before the next try after `attempts` failures: exponential, capped,
 * with full jitter so phones that lost the network together do not all
 * come back in the same second.
 */
export function backoffDelay(attempts: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * Math.pow(policy.factor, Math.max(0, attempts - 1)))
  return Math.floor(random() * ceiling)
}

export interface BatchLimits {
  maxCount: number
  /** The local server refuses bodies over 1 MB; a batch stays well under. */
  maxBytes: number
}
export const DEFAULT_BATCH: BatchLimits = { maxCount: 50, maxBytes: 512 * 1024 }

/**
 * The next entries to send, first in first out. Each report backs off on its
 * own: a pending entry still waiting (or in `held`, e.g. retried earlier in
 * this flush) holds back only later entries of the same report, which keep
 * their order; every other report goes ahead. Settled entries (synced,
 * rejected, conflict) hold nothing up. One entry is always taken even if
 * alone it exceeds the byte budget. A report has at most one entry in a
 * batch; the next goes in the next round.
 */
export function nextBatch(
  entries: readonly QueueEntry[],
  now: number,
  limits: BatchLimits = DEFAULT_BATCH,
  ignoreBackoff = false,
  held: ReadonlySet<string> = new Set()
): QueueEntry[] {
  const batch: QueueEntry[] = []
  const waiting = new Set(held)
  let bytes = 0
  for (const entry of entries) {
    if (entry.status !== 'pending') continue
    const key = reportKeyOf(entry)
    if (waiting.has(key)) continue
    if (!ignoreBackoff && entry.nextAttemptAt > now) {
      waiting.add(key)
      continue
    }
    const size = jsonBytes(draftToSend(entry))
    if (batch.length > 0 && (batch.length >= limits.maxCount || bytes + size > limits.maxBytes)) break
    batch.push(entry)
    bytes += size
    // One entry per report per batch: if it is refused or retried, the
    // next one of the same report must not already be on the server.
    waiting.add(key)
  }
  return batch
}

/** When a timer flush could next make progress: the earliest due pending entry. */
export function nextDueAt(entries: readonly QueueEntry[]): number | null {
  let due: number | null = null
  for (const e of entries) if (e.status === 'pending' && (due === null || e.nextAttemptAt < due)) due = e.nextAttemptAt
  return due
}

export type Outcome =
  | { kind: 'synced'; server: SyncedAs }
  | { kind: 'rejected'; error: EntryError }
  | { kind: 'conflict'; error: EntryError; current: unknown }
  | { kind: 'retry'; error: EntryError }

/** Refusals that resending cannot change: the worker has to act. */
export const PERMANENT_CODES = ['BAD_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'LOCKED', 'CLOSED', 'REJECTED_TEXT'] as const
const RETRYABLE_CODES = ['RATE_LIMITED', 'INTERNAL', 'UNAUTHENTICATED']

const errorOf = (e: ApiErrorBody): EntryError => ({ code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) })

export function classifyError(error: ApiErrorBody): Outcome {
  if (error.code === 'CONFLICT') {
    // A version conflict carries the server's copy (null when it has none).
    // Without one it is a write race the server gave up on: try again.
    if ('current' in error) return { kind: 'conflict', error: errorOf(error), current: error.current ?? null }
    return { kind: 'retry', error: errorOf(error) }
  }
  if (RETRYABLE_CODES.includes(error.code)) return { kind: 'retry', error: errorOf(error) }
  // Permanent codes, and codes a newer server may add: keep the entry and
  // show the server's message rather than resend it for ever.
  return { kind: 'rejected', error: errorOf(error) }
}

/** One item of the `sync` action's answer, as the queue reads it. */
export interface SyncItemResult {
  clientId: string | null
  status: 'accepted' | 'duplicate' | 'rejected'
  report?: { id: string; version: number; status: string }
  error?: ApiErrorBody
}

export const NO_ANSWER: EntryError = { code: 'NETWORK', message: '网络不通，稍后自动重试' }

/** What a sync result means for its entry; a missing or mismatched result is no answer. */
export function outcomeOf(entry: QueueEntry, result: SyncItemResult | undefined): Outcome {
  if (!result || (result.clientId !== null && result.clientId !== entry.id)) return { kind: 'retry', error: NO_ANSWER }
  if ((result.status === 'accepted' || result.status === 'duplicate') && result.report) {
    const { id, version, status } = result.report
    return { kind: 'synced', server: { reportId: id, version, status } }
  }
  if (result.status === 'rejected' && result.error) return classifyError(result.error)
  return { kind: 'retry', error: NO_ANSWER }
}

function omit<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...obj }
  for (const k of keys) delete copy[k]
  return copy
}

/** The entry after an outcome; entries are replaced, never mutated. */
export function applyOutcome(entry: QueueEntry, outcome: Outcome, now: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): QueueEntry {
  const base = { ...omit(entry, 'lastError', 'current', 'server'), updatedAt: now }
  switch (outcome.kind) {
    case 'synced':
      return { ...base, status: 'synced', server: outcome.server }
    case 'rejected':
      return { ...base, status: 'rejected', lastError: outcome.error }
    case 'conflict':
      return { ...base, status: 'conflict', lastError: outcome.error, current: outcome.current }
    case 'retry': {
      const attempts = entry.attempts + 1
      return { ...base, status: 'pending', attempts, nextAttemptAt: now + backoffDelay(attempts, random, policy), lastError: outcome.error }
    }
  }
}

/**
 * A refusal of the whole batch. Retryable: back off at the head. Otherwise
 * one item is probably at fault (e.g. a body too large): halve the batch
 * until a batch of one names the entry that is refused.
 */
export function batchRefusal(error: ApiErrorBody, batchSize: number): { kind: 'outcome'; outcome: Outcome } | { kind: 'shrink'; maxCount: number } {
  const outcome = classifyError(error)
  if (outcome.kind === 'retry' || batchSize <= 1) return { kind: 'outcome', outcome }
  return { kind: 'shrink', maxCount: Math.max(1, Math.floor(batchSize / 2)) }
}

export interface PrunePolicy {
  /** Synced entries stay this long so the worker sees 已同步. */
  keepSyncedMs: number
  maxSynced: number
}
export const DEFAULT_PRUNE: PrunePolicy = { keepSyncedMs: 7 * 86400_000, maxSynced: 200 }

/** Synced entries to drop: too old, or beyond the newest `maxSynced`. Nothing else is ever pruned. */
export function entriesToPrune(entries: readonly QueueEntry[], now: number, policy: PrunePolicy = DEFAULT_PRUNE): string[] {
  const synced = entries.filter((e) => e.status === 'synced').sort((a, b) => b.updatedAt - a.updatedAt)
  return synced.filter((e, i) => i >= policy.maxSynced || now - e.updatedAt > policy.keepSyncedMs).map((e) => e.id)
}
