/**
 * What every answer parser returns: the value, or what is wrong said in
 * words a grid worker understands. Parsers never throw and never ask
 * anything themselves; the engine decides what comes next.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
export const fail = <T = never>(error: string): Parsed<T> => ({ ok: false, error })

/** Typed answers come with spaces and stray end punctuation; none of it matters. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, '').replace(/[。．.！!？?~～、，,；;]+$/, '')
}
