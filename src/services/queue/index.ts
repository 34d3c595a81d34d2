/**
 * The offline submission queue. Layers, one file each: entry (the stored
 * shape), rules (pure decisions), store (entries over KeyValueStorage),
 * flush (one pass of sending), queue (the API pages use), triggers (when to
 * flush), status (what the worker sees). Only taroStorage touches Taro.
 */
export { ownerOnly, queueBackend, type QueueBackend } from './backend'
export { MAX_ENTRY_BYTES, type EntryError, type EntryErrorCode, type EntryStatus, type QueueEntry, type QueueFile } from './entry'
export type { FlushReport, StopReason } from './flush'
export { QueueError, SubmissionQueue, type QueueErrorCode, type QueueOptions, type QueueSnapshot } from './queue'
export { DEFAULT_BACKOFF, DEFAULT_BATCH, DEFAULT_PRUNE, type BackoffPolicy, type BatchLimits, type PrunePolicy, type SyncItemResult } from './rules'
export { ADVICE, countEntries, entryAdvice, entryLabel, queueSummary, quarantineNotice, type EntryLabel, type QueueCounts } from './status'
export { ENTRY_PREFIX, INDEX_KEY, QUARANTINE_PREFIX, type LoadReport, type Quarantined } from './store'
export { startFlushTriggers, type Flushable, type FlushTriggers, type TriggerHooks, type TriggerOptions } from './triggers'
