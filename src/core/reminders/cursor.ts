/**
 * Where the day's reminder pass stands, kept in the store between runs so
 * that a job bounded in time (a cloud function has at most 60 s) can go
 * through a city's people in chunks: people are visited in id order, and
 * `after` is the last id fully handled. A new China day starts a new pass.
 * People whose send failed (network, WeChat errors other than 43101) are
 * kept in `retry` and sent to again once the pass reaches the end, up to
 * `MAX_ROUNDS` rounds in all; the per-day mark keeps everyone else from a
 * second message.
 */
export interface ReminderCursor {
  /** China date of the pass, YYYY-MM-DD. */
  day: string
  /** Last person id handled in this round; null: the round has not started. */
  after: string | null
  /** 1: the pass over everyone; 2 and up: rounds over `retrying`. */
  round: number
  /** Who this round goes through when round > 1 (in id order). */
  retrying: string[]
  /** Whose send failed in this round: the next round's `retrying`. */
  retry: string[]
  /** 1 for the day's first pass; an admin's "run now" starts the next. */
  pass: number
  /** Nothing left to do today. */
  done: boolean
  /** When it was last saved (ISO). */
  at: string
}

export const MAX_ROUNDS = 3

/** The cursor a run continues from: today's saved one, or a new pass. */
export function resumeCursor(saved: ReminderCursor | null, today: string, at: string, restart = false): ReminderCursor {
  if (saved && saved.day === today && !restart) return saved
  return { day: today, after: null, round: 1, retrying: [], retry: [], pass: saved && saved.day === today ? saved.pass + 1 : 1, done: false, at }
}

/** Moves past one handled person. */
export function advance(c: ReminderCursor, personId: string, failed: boolean, at: string): ReminderCursor {
  return { ...c, after: personId, retry: failed ? [...c.retry, personId] : c.retry, at }
}

/** The round reached its last person: the next round over the failures, or done. */
export function endOfRound(c: ReminderCursor, at: string): ReminderCursor {
  if (c.retry.length > 0 && c.round < MAX_ROUNDS) return { ...c, after: null, round: c.round + 1, retrying: c.retry, retry: [], at }
  return { ...c, done: true, at }
}

/** The ids of a retry round after `after`, at most `limit`. */
export function retryChunk(c: ReminderCursor, limit: number): string[] {
  return c.retrying.filter((id) => c.after === null || id > c.after).slice(0, limit)
}
