/**
 * WeChat users and the bureau live in UTC+8; due dates, "today" and quiet
 * hours are read in that zone whatever the server's own zone is.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** The calendar date in China at `now`, YYYY-MM-DD. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The hour of day in China at `now`, 0–23. */
export function chinaHour(now: Date): number {
  return new Date(now.getTime() + CHINA_OFFSET_MS).getUTCHours()
}

/** Source of time, passed in so tests and jobs can fix it. */
export interface Clock {
  now(): Date
}
