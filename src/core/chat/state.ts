import * as z from 'zod/mini'
import { EvidenceSchema } from '../report'

/**
 * The saved conversation. It is stored as a draft and read back after the
 * app was killed, so it is plain JSON, holds only answers and bookkeeping,
 * and is checked by a schema when restored (storage can hold anything).
 */

/**
 * One step of the undo stack: the previous value of everything an answer
 * touched (null: it was absent). Applying it restores the state before.
 */
const ChangeSchema = z.object({
  values: z.optional(z.record(z.string(), z.nullable(z.number()))),
  dates: z.optional(z.record(z.string(), z.nullable(z.string()))),
  reasons: z.optional(z.record(z.string(), z.nullable(z.string()))),
  narrative: z.optional(z.string()),
  done: z.optional(z.array(z.string())),
  awaitReason: z.optional(z.array(z.string())),
  /** What the worker did, told back when it is undone: "培训护理人员 300人次". */
  note: z.optional(z.string())
})
export type Change = z.infer<typeof ChangeSchema>

export const ChatStateSchema = z.object({
  v: z.literal(1),
  code: z.string(),
  period: z.string(),
  /** Messages sent so far: the next message id. */
  seq: z.int(),
  values: z.record(z.string(), z.number()),
  dates: z.record(z.string(), z.string()),
  narrative: z.string(),
  reasons: z.record(z.string(), z.string()),
  evidence: z.array(EvidenceSchema),
  /** Slots answered or skipped (see slots.ts); what is left is asked. */
  done: z.array(z.string()),
  /** Fields whose figure set off a soft warning and still need a reason. */
  awaitReason: z.array(z.string()),
  undo: z.array(ChangeSchema),
  submitted: z.boolean()
})
export type ChatState = z.infer<typeof ChatStateSchema>

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
