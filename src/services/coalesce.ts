/**
 * Calls made while one is in flight share its answer: the chat page, the
 * identity hook and the badge all ask for `me` / `pending` / `catalog` as
 * the app opens, and one request each is enough.
 */
export function coalesce<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null
  return () => {
    if (!running) {
      running = fn().finally(() => {
        running = null
      })
    }
    return running
  }
}
