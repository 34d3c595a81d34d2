import { firstProblem, isBoolean, isInt, isNullableNumber, isNullableString, isNumber, isObject, isString, listOf, recordOf, type Problem } from '../guard'
import type { Evidence } from '../report'

/**
 * The saved conversation. It is stored as a draft and read back after the
 * app was killed, so it is plain JSON, holds only answers and bookkeeping,
 * and is checked when restored (storage can hold anything).
 */

/**
 * One step of the undo stack: the previous value of everything an answer
 * touched (null: it was absent). Applying it restores the state before.
 */
export interface Change {
  values?: Record<string, number | null>
  dates?: Record<string, string | null>
  reasons?: Record<string, string | null>
  narrative?: string
  done?: string[]
  awaitReason?: string[]
  /** The whole list of estimated fields before the change (absent: untouched). */
  approx?: string[]
  /** What the worker did, told back when it is undone: "培训护理人员 300人次". */
  note?: string
}

export interface ChatState {
  v: 1
  code: string
  period: string
  /** Messages sent so far: the next message id. */
  seq: number
  values: Record<string, number>
  dates: Record<string, string>
  narrative: string
  reasons: Record<string, string>
  evidence: Evidence[]
  /** Slots answered or skipped (see slots.ts); what is left is asked. */
  done: string[]
  /** Fields whose figure set off a soft warning and still need a reason. */
  awaitReason: string[]
  undo: Change[]
  submitted: boolean
  /**
   * Fields whose figure was said as an estimate (约1200, 200多): shown and
   * sent with 约. Absent in drafts saved before it existed.
   */
  approx?: string[]
  /** A per-period figure the worker called 同上: waiting for "本期新增是0吗？". */
  confirmZero?: string
  /** Returned reports: what the worker tells the reviewer with the fix. */
  note?: string
  /** Waiting for that note. */
  awaitNote?: boolean
}

const optional = (x: unknown, check: (v: unknown) => Problem): Problem => (x === undefined ? null : check(x))

function changeProblem(x: unknown, path: string): Problem {
  if (!isObject(x)) return path
  return firstProblem(
    optional(x.values, (v) => recordOf(v, isNullableNumber, `${path}.values`)),
    optional(x.dates, (v) => recordOf(v, isNullableString, `${path}.dates`)),
    optional(x.reasons, (v) => recordOf(v, isNullableString, `${path}.reasons`)),
    optional(x.narrative, (v) => (isString(v) ? null : `${path}.narrative`)),
    optional(x.done, (v) => listOf(v, isString, `${path}.done`)),
    optional(x.awaitReason, (v) => listOf(v, isString, `${path}.awaitReason`)),
    optional(x.note, (v) => (isString(v) ? null : `${path}.note`)),
    optional(x.approx, (v) => listOf(v, isString, `${path}.approx`))
  )
}

const isEvidence = (x: unknown) => isObject(x) && isString(x.id) && (x.name === undefined || isString(x.name)) && (x.kind === undefined || x.kind === 'image' || x.kind === 'file')

/** Why a stored value is not a conversation state; null when it is one. */
export function chatStateProblem(x: unknown): Problem {
  if (!isObject(x)) return 'state'
  return firstProblem(
    x.v === 1 ? null : 'v',
    isString(x.code) ? null : 'code',
    isString(x.period) ? null : 'period',
    isInt(x.seq) ? null : 'seq',
    recordOf(x.values, isNumber, 'values'),
    recordOf(x.dates, isString, 'dates'),
    isString(x.narrative) ? null : 'narrative',
    recordOf(x.reasons, isString, 'reasons'),
    listOf(x.evidence, isEvidence, 'evidence'),
    listOf(x.done, isString, 'done'),
    listOf(x.awaitReason, isString, 'awaitReason'),
    Array.isArray(x.undo) ? x.undo.map((c, i) => changeProblem(c, `undo.${i}`)).find((p) => p !== null) ?? null : 'undo',
    isBoolean(x.submitted) ? null : 'submitted',
    optional(x.approx, (v) => listOf(v, isString, 'approx')),
    optional(x.confirmZero, (v) => (isString(v) ? null : 'confirmZero')),
    optional(x.note, (v) => (isString(v) ? null : 'note')),
    optional(x.awaitNote, (v) => (isBoolean(v) ? null : 'awaitNote'))
  )
}

export function isChatState(x: unknown): x is ChatState {
  return chatStateProblem(x) === null
}

/** Deep enough for a worker's 撤销 streak, small enough for storage. */
export const MAX_UNDO = 20

type Patch<T> = Record<string, T | null>

function patchRecord<T>(rec: Record<string, T>, patch: Patch<T>): [Record<string, T>, Patch<T>] {
  const next = { ...rec }
  const inverse: Patch<T> = {}
  for (const [key, value] of Object.entries(patch)) {
    inverse[key] = key in rec ? rec[key] : null
    if (value === null) delete next[key]
    else next[key] = value
  }
  return [next, inverse]
}

/** Applies a change and returns the change that takes it back. */
export function applyChange(state: ChatState, change: Change): { state: ChatState; inverse: Change } {
  const next: ChatState = { ...state }
  const inverse: Change = {}
  if (change.values) [next.values, inverse.values] = patchRecord(state.values, change.values)
  if (change.dates) [next.dates, inverse.dates] = patchRecord(state.dates, change.dates)
  if (change.reasons) [next.reasons, inverse.reasons] = patchRecord(state.reasons, change.reasons)
  if (change.narrative !== undefined) {
    inverse.narrative = state.narrative
    next.narrative = change.narrative
  }
  if (change.done) {
    inverse.done = state.done
    next.done = change.done
  }
  if (change.awaitReason) {
    inverse.awaitReason = state.awaitReason
    next.awaitReason = change.awaitReason
  }
  if (change.approx) {
    inverse.approx = state.approx ?? []
    next.approx = change.approx
  }
  return { state: next, inverse }
}

/** Applies an answer and remembers how to take it back. */
export function commit(state: ChatState, change: Change, note: string): ChatState {
  const { state: next, inverse } = applyChange(state, change)
  return { ...next, undo: [...state.undo, { ...inverse, note }].slice(-MAX_UNDO) }
}

/** Takes back the last answer; null when there is none. */
export function undoLast(state: ChatState): { state: ChatState; note: string } | null {
  const last = state.undo[state.undo.length - 1]
  if (!last) return null
  const { state: next } = applyChange(state, last)
  return { state: { ...next, undo: state.undo.slice(0, -1) }, note: last.note ?? '' }
}

/** Adds ids to a list once, keeping its order. */
export function withIds(list: string[], ids: string[]): string[] {
  return [...list, ...ids.filter((id, i) => !list.includes(id) && ids.indexOf(id) === i)]
}

export function withoutIds(list: string[], ids: string[]): string[] {
  return list.filter((id) => !ids.includes(id))
}
