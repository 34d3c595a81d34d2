import type { ErrorCode } from '../../core/errors'
import { firstProblem, isInt, isNumber, isObject, isString, listOf, recordOf, type Problem } from '../../core/guard'
import { CLIENT_ID_PATTERN } from '../../core/patterns'
import { type ReportDraftInput } from '../../core/report'

/**
 * One queued report as it sits in storage: a plain object, one storage key
 * each. Its id is the report's client id, so the server recognises every
 * resend of it and stores it once.
 */
export const ENTRY_STATUSES = ['pending', 'synced', 'rejected', 'conflict'] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]

/** Codes the queue gives itself, beside the server's error codes. */
export type EntryErrorCode = ErrorCode | 'NETWORK' | 'FILE_MISSING'

/**
 * A photo or document waiting on the phone (kept out of temp storage by the
 * file vault); `uploadedId` once the transport stored it. `field` binds it
 * to one figure of the report; absent, it is evidence for the whole report.
 */
export interface QueueFile {
  localPath: string
  name: string
  kind?: 'image' | 'file'
  uploadedId?: string
  /** When `uploadedId` was received (phone clock, ms): an id older than core's keep time is uploaded again. */
  uploadedAt?: number
  /** Bytes kept on the phone; counts against the queue's file budget. */
  bytes?: number
  mime?: string
  field?: string
}

export interface EntryError {
  code: EntryErrorCode
  message: string
  issues?: { path: string; message: string }[]
}

/** What the server said it stored, kept so the worker sees 已同步 with its status. */
export interface SyncedAs {
  reportId: string
  version: number
  status: string
}

export interface QueueEntry {
  v: 1
  id: string
  /** Epoch ms; orders entries when the index has to be rebuilt. */
  createdAt: number
  updatedAt: number
  /** Failed deliveries so far; drives the backoff. */
  attempts: number
  status: EntryStatus
  /** Epoch ms before which a timer flush leaves this entry (and all behind it) alone. */
  nextAttemptAt: number
  payload: ReportDraftInput
  files: QueueFile[]
  lastError?: EntryError
  /** Set once synced. */
  server?: SyncedAs
  /** A conflict's server copy (null: the server has none), for showing both versions. */
  current?: unknown
  /** The rejected or conflicting entry this one re-submits; removed once this one is saved. */
  replaces?: string
}

/** WeChat allows 1 MB per key; stay well below it, wrapper and all. */
export const MAX_ENTRY_BYTES = 900 * 1024

const optional = (x: unknown, is: (v: unknown) => boolean) => x === undefined || is(x)
const isFile = (x: unknown) =>
  isObject(x) &&
  isString(x.localPath) &&
  isString(x.name) &&
  (x.kind === undefined || x.kind === 'image' || x.kind === 'file') &&
  optional(x.uploadedId, isString) &&
  optional(x.uploadedAt, isNumber) &&
  optional(x.bytes, isNumber) &&
  optional(x.mime, isString) &&
  optional(x.field, isString)

const isClientId = (x: unknown): x is string => isString(x) && CLIENT_ID_PATTERN.test(x)

// Only what the queue itself relies on is checked here; the server judges
// the report's content and answers BAD_INPUT, which keeps the entry visible.
function payloadProblem(x: unknown): Problem {
  if (!isObject(x)) return 'payload'
  return firstProblem(
    isClientId(x.clientId) ? null : 'payload.clientId',
    isString(x.indicatorCode) ? null : 'payload.indicatorCode',
    isString(x.orgUnitId) ? null : 'payload.orgUnitId',
    isString(x.period) ? null : 'payload.period',
    recordOf(x.values, isNumber, 'payload.values')
  )
}

function entryProblem(x: unknown): Problem {
  if (!isObject(x)) return 'entry'
  return firstProblem(
    x.v === 1 ? null : 'v',
    isClientId(x.id) ? null : 'id',
    isNumber(x.createdAt) ? null : 'createdAt',
    isNumber(x.updatedAt) ? null : 'updatedAt',
    isInt(x.attempts) && x.attempts >= 0 ? null : 'attempts',
    (ENTRY_STATUSES as readonly unknown[]).includes(x.status) ? null : 'status',
    isNumber(x.nextAttemptAt) ? null : 'nextAttemptAt',
    payloadProblem(x.payload),
    listOf(x.files, isFile, 'files'),
    x.lastError === undefined || (isObject(x.lastError) && isString(x.lastError.code) && isString(x.lastError.message)) ? null : 'lastError',
    x.server === undefined || (isObject(x.server) && isString(x.server.reportId) && isNumber(x.server.version) && isString(x.server.status)) ? null : 'server',
    x.replaces === undefined || isClientId(x.replaces) ? null : 'replaces'
  )
}

/** A stored value as an entry, or why it is not one (it is then quarantined). */
export function parseEntry(raw: unknown, id: string): { ok: true; entry: QueueEntry } | { ok: false; reason: string } {
  const problem = entryProblem(raw)
  if (problem) return { ok: false, reason: `${problem}: invalid` }
  const entry = raw as unknown as QueueEntry
  if (entry.id !== id || entry.payload.clientId !== id) return { ok: false, reason: 'id does not match its key' }
  return { ok: true, entry }
}

/** UTF-8 size of a JSON value; no TextEncoder on older WeChat base libraries. */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? ''
  let bytes = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4 // a surrogate pair: one 4-byte character
      i++
    } else bytes += 3
  }
  return bytes
}

/** The draft as sent: uploaded photos join the report's evidence. */
export function draftToSend(entry: QueueEntry): ReportDraftInput {
  if (entry.files.length === 0) return entry.payload
  const uploaded = entry.files.map((f) => ({ id: f.uploadedId ?? '', name: f.name, kind: f.kind ?? 'image', ...(f.field ? { field: f.field } : {}) }))
  return { ...entry.payload, evidence: [...(entry.payload.evidence ?? []), ...uploaded] }
}

export function filesReady(entry: QueueEntry): boolean {
  return entry.files.every((f) => !!f.uploadedId)
}

/** Which report an entry writes: entries of the same report are sent in order, others never wait on it. */
export function reportKeyOf(entry: QueueEntry): string {
  const p = entry.payload
  return `${p.indicatorCode}~${p.orgUnitId}~${p.period}`
}

/** File bytes an entry still holds on the phone (not yet uploaded). */
export function heldBytes(entry: QueueEntry): number {
  if (entry.status === 'synced') return 0
  return entry.files.reduce((sum, f) => sum + (f.uploadedId ? 0 : f.bytes ?? 0), 0)
}
