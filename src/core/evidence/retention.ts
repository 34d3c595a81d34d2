/**
 * How long an uploaded evidence file may wait for the report that names it.
 *
 * The phone uploads a queued report's photos first and sends the report
 * later (it may be offline for days). An upload id it holds for longer than
 * `UPLOAD_ID_KEEP_MS` is not trusted any more: the queue uploads the file
 * again from the phone's copy. The server removes uploads no report names
 * after `ORPHAN_GRACE_MS`, which is derived from the keep time, so an id the
 * phone still sends never names a file the server already swept.
 */

const DAY = 86400_000

/** How long the phone queue keeps using an upload id for an unsent entry. */
export const UPLOAD_ID_KEEP_MS = 21 * DAY

/** Margin over the keep time: a flush in progress, a phone clock that is behind. */
export const ORPHAN_GRACE_MARGIN_MS = 9 * DAY

/** How long the server keeps an upload that no report names. */
export const ORPHAN_GRACE_MS = UPLOAD_ID_KEEP_MS + ORPHAN_GRACE_MARGIN_MS

/**
 * True when the queue must upload the file again: its id is older than the
 * keep time. A file without an upload time (queued by an older app) keeps
 * its id: it cannot be told apart, and re-sending every old photo would
 * spend the worker's data.
 */
export function uploadIdStale(uploadedAt: number | undefined, now: number): boolean {
  return uploadedAt !== undefined && now - uploadedAt > UPLOAD_ID_KEEP_MS
}
