/**
 * Jobs that must not run twice at once (the reminder run) or that several
 * starting processes must take turns at (first-run seeding). Over
 * PostgreSQL these are advisory locks, shared by every process on the
 * database (PgStore); over SQLite there is one server process per file,
 * so a lock within the process is enough.
 */
export type JobName = 'reminders' | 'seed'

export type JobOutcome<T> = { ran: true; value: T } | { ran: false }

export interface JobLock {
  /** Runs `fn` unless the job is running somewhere; then answers `{ ran: false }` at once. */
  exclusive<T>(job: JobName, fn: () => Promise<T>): Promise<JobOutcome<T>>
  /** Runs `fn` once no one else holds the job, waiting for them. */
  serialised<T>(job: JobName, fn: () => Promise<T>): Promise<T>
}

export function inProcessLock(): JobLock {
  const running = new Set<JobName>()
  const queues = new Map<JobName, Promise<unknown>>()
  return {
    async exclusive(job, fn) {
      if (running.has(job)) return { ran: false }
      running.add(job)
      try {
        return { ran: true, value: await fn() }
      } finally {
        running.delete(job)
      }
    },
    serialised(job, fn) {
      const next = (queues.get(job) ?? Promise.resolve()).then(fn, fn)
      queues.set(job, next.catch(() => undefined))
      return next
    }
  }
}
