import type { Clock } from '../../src/core/clock'
import type { FileSink } from '../export/files'
import type { OrgUnit } from '../../src/core/org'
import type { Person } from '../../src/core/person'
import type { ReminderConfig } from '../reminders/config'
import type { RunSummary } from '../reminders/run'
import type { Store } from '../store/types'

/** Verdict of a text safety check (WeChat msgSecCheck v2's `result.suggest`). */
export type TextVerdict = 'pass' | 'review' | 'risky'

export interface TextChecker {
  check(text: string, openid: string | undefined): Promise<TextVerdict>
}

/** Passes everything: local mode has no WeChat to ask. */
export const ALLOW_ALL_TEXT: TextChecker = { check: async () => 'pass' }

/**
 * Files uploaded for `plan.import` through cloud storage (CloudBase): `take`
 * reads one and deletes it, so an import leaves nothing behind.
 */
export interface ImportFiles {
  take(fileId: string): Promise<Buffer>
}

/** The person behind a request, resolved by the platform layer. */
export interface Caller {
  person: Person
  unit: OrgUnit
}

export interface ApiConfig {
  /** How long after its due date a period stays open for late reports. */
  graceDays: number
  /** How long an invite code stays valid. */
  inviteDays: number
  /**
   * Unit-years one request may reconcile when it rebuilds roll-ups; the
   * rest waits in the job for the next `rollups.rebuild`. Unbounded
   * locally; the cloud function bounds it (its run stops after seconds).
   */
  rebuildBudget: number
}

export const DEFAULT_CONFIG: ApiConfig = { graceDays: 60, inviteDays: 14, rebuildBudget: Number.POSITIVE_INFINITY }

/**
 * Which evidence ids name files of this install that the caller may attach
 * (local uploads of their unit or below, or cloud files of this
 * environment). Answers the ids that do not.
 */
export interface EvidenceIds {
  unknown(ids: string[], caller: Caller): Promise<string[]>
}

/** Ending a person's sessions, where the platform has sessions (the local server). */
/**
 * Short-lived links to cloud files, made by the platform (CloudBase's
 * getTempFileURL). The phone's storage rule lets only a file's uploader read
 * it; a reviewer sees a worker's photo through such a link, handed out by
 * `evidence.links` after the scope check.
 */
export interface FileLinks {
  /** One link per file that exists; missing files are left out. */
  links(fileIds: string[]): Promise<Record<string, { url: string; expiresAt: string }>>
}

export interface SessionControl {
  end(personId: string): Promise<void>
}

/** Reminders as the platform wires them: the configuration, and running the job now. */
export interface ReminderService {
  config: ReminderConfig
  run(): Promise<RunSummary>
  /** Reminds these people now ("立即提醒"); at most one message per person per day, as the job. */
  remindNow?(people: Person[]): Promise<RunSummary>
}

/**
 * Everything a handler may touch. Identity arrives here from the platform
 * (OPENID from the cloud context, or a verified local session), never from
 * the request payload.
 */
export interface ApiContext {
  store: Store
  clock: Clock
  caller: Caller | null
  /** The platform's user id for this request (OPENID), if any. */
  openid?: string
  text: TextChecker
  config: ApiConfig
  /** Absent: reminders are not configured here (no templates, no job). */
  reminders?: ReminderService
  /** Where exported files go (local folder or cloud storage); absent: `export.file` cannot run. */
  files?: FileSink
  /** Absent: `plan.import` takes only base64 (the local server). */
  imports?: ImportFiles
  /** Absent: evidence ids are not checked against stored files (tests of handlers alone). */
  evidence?: EvidenceIds
  /** Absent: the platform keeps no sessions (the cloud: identity is the WeChat account). */
  sessions?: SessionControl
  /** Absent: `evidence.links` answers no links (the local server: local uploads get signed links from `/api/files.link`). */
  fileLinks?: FileLinks
}
