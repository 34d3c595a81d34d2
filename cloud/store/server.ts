import type { Store } from './types'

/**
 * What the local server keeps besides the domain data, as small interfaces
 * a database store implements (SQLite here; a PostgreSQL store can too), so
 * that several server processes over one database share them instead of
 * each keeping its own in memory.
 */

/**
 * A person's session generation: a token names the generation it was
 * issued in, and only tokens of the current one are valid. Ending a
 * person's sessions (logout, re-bind, a changed role or unit) moves it on.
 */
export interface SessionGenerations {
  /** 0 for a person whose sessions were never ended. */
  sessionGeneration(personId: string): Promise<number>
  /** Ends every session issued so far; answers the new generation. */
  endSessions(personId: string): Promise<number>
}

/** Fixed-window request counters (rate limits). */
export interface RateCounters {
  /** Counts one hit on `key`; a window that ended starts again at 1. Times in ms. */
  hitRate(key: string, windowMs: number, nowMs: number): Promise<{ count: number; resetAt: number }>
}

export interface StoredUpload {
  /** The file name under the upload folder, e.g. `<uuid>.png`. */
  id: string
  personId: string
  /** The uploader's unit: who may see the file is decided by it. */
  unitPath: string
  /** The type sniffed from the bytes, as served. */
  mime: string
  name: string
  bytes: number
  createdAt: string
}

export interface UploadRecords {
  putUpload(u: StoredUpload): Promise<void>
  /**
   * Records the upload only if the person's bytes since `since` plus this
   * one stay within `quotaBytes`, as one atomic step: two uploads at once
   * cannot together pass the quota. False (nothing recorded) when over.
   */
  reserveUpload(u: StoredUpload, since: string, quotaBytes: number): Promise<boolean>
  getUpload(id: string): Promise<StoredUpload | null>
  /** Bytes the person uploaded at or after `since` (ISO time). */
  uploadedBytesSince(personId: string, since: string): Promise<number>
  /** Which of these ids are uploads of this install. */
  knownUploads(ids: string[]): Promise<Set<string>>
  /** Uploads made before `before` that no report's evidence names. */
  orphanUploads(before: string, limit: number): Promise<StoredUpload[]>
  deleteUpload(id: string): Promise<void>
}

/** 'demo': seeded with the demo people (demo login must be on, or `admin drop-demo` run first). */
export type InstallMode = 'demo' | 'real'

export interface InstallRecord {
  /** null: an empty database nobody has set up yet. */
  installMode(): Promise<InstallMode | null>
  setInstallMode(mode: InstallMode): Promise<void>
}

export type Health = { up: true } | { up: false; reason: string }

export interface ServerStore extends Store, SessionGenerations, RateCounters, UploadRecords, InstallRecord {
  /** Up only when the database answers and takes writes. */
  health(): Promise<Health>
}
