import { Cron } from 'croner'
import { chinaDate, type Clock } from '../../src/core/clock'

/**
 * The local server's reminder timer: the same job as the `remind` cloud
 * function's timer trigger, on a croner schedule in China time. Server
 * only (croner is a dev dependency; the cloud build refuses cloud/server).
 */

/** Every day at 09:00:00, when the cloud trigger (every 5 minutes from 09:00) starts its first run. */
export const DEFAULT_REMIND_CRON = '0 0 9 * * *'
export const REMIND_TIMEZONE = 'Asia/Shanghai'

/**
 * A croner pattern from either croner's 5/6 fields or WeChat's 7 (seconds
 * … weekday year): the year must be `*`, which croner leaves implicit.
 */
export function cronPattern(pattern: string): string {
  const parts = pattern.trim().split(/\s+/)
  if (parts.length === 7) {
    if (parts[6] !== '*') throw new Error(`REMIND_CRON: only "*" is supported for the year: ${pattern}`)
    return parts.slice(0, 6).join(' ')
  }
  return parts.join(' ')
}

export interface ReminderSchedule {
  /** The next scheduled run (real time). */
  next(): Date | null
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>
}

export interface ScheduleOptions {
  pattern: string
  run: () => Promise<unknown>
  /** The server's clock (GEBAO_CLOCK may shift it): used to decide a catch-up run. */
  clock: Clock
  /** Run once at start when today's scheduled time (China date) has passed: the server was off then. */
  catchUp: boolean
  onError: (err: unknown) => void
}

export function scheduleReminders(o: ScheduleOptions): ReminderSchedule {
  let running: Promise<void> | null = null
  const fire = (): Promise<void> => {
    running ??= o
      .run()
      .then(() => undefined, o.onError)
      .finally(() => {
        running = null
      })
    return running
  }
  const job = new Cron(cronPattern(o.pattern), { timezone: REMIND_TIMEZONE, protect: true }, () => fire())
  if (o.catchUp) {
    // Today's first scheduled time (China date), if it has already passed.
    const now = o.clock.now()
    const startOfDay = new Date(`${chinaDate(now)}T00:00:00+08:00`)
    const due = job.nextRun(new Date(startOfDay.getTime() - 1000))
    if (due && due.getTime() <= now.getTime()) void fire()
  }
  return {
    next: () => job.nextRun(),
    async stop() {
      job.stop()
      await running
    }
  }
}
