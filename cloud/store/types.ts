import type { Indicator } from '../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../src/core/org'
import type { Person } from '../../src/core/person'
import type { Report, ReportStatus } from '../../src/core/report'
import type { ReminderCursor } from '../../src/core/reminders/cursor'
import type { Counted, RollupDelta } from '../../src/core/rollup'
import type { RollupPort } from '../rollup/port'
import type { SignOff } from '../../src/core/reviewChain'

/**
 * The one persistence interface the handlers see, in domain terms. Two
 * adapters implement it: SQLite (local server) and CloudBase (production).
 * Adapters stay dumb: every rule lives in the handlers and src/core; a store
 * only reads, and applies a prepared write atomically.
 */

export interface Invite {
  code: string
  personId: string
  createdBy: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

/** One invite to write; `newPerson` is created with it (it must not exist yet). */
export interface InviteWrite {
  invite: Omit<Invite, 'usedAt'>
  newPerson?: Person
}

export type InvitesOutcome = { kind: 'ok' }

/** `createInvites` found a new person's id taken: nothing was written. */
export class PersonExists extends Error {
  constructor(readonly personId: string) {
    super(`person ${personId} already exists`)
  }
}

export type RedeemOutcome = { kind: 'ok'; person: Person } | { kind: 'not_found' } | { kind: 'used' } | { kind: 'expired' }

export type HistoryAction = 'submit' | 'edit' | 'approve' | 'return' | 'reopen' | 'backfill'

export interface FieldChange {
  field: string
  from: number | null
  to: number | null
}

export interface HistoryEntry {
  reportId: string
  at: string
  actorId: string
  actorName: string
  action: HistoryAction
  version: number
  changes: FieldChange[]
  comment?: string
}

/** A report as stored, with the unit's path for subtree queries. */
export interface StoredReport extends Report {
  unitPath: string
}

/**
 * Everything one report write changes, applied all or nothing:
 * - the report itself, moving from `expectedVersion` (0: new) to
 *   `report.version`; another version there means CONFLICT;
 * - the submission id that makes a retry a duplicate instead of a second
 *   write (absent for review actions);
 * - the unit-year stamp: roll-up deltas for the year were computed from the
 *   unit's reports and counted contribution at `expectedYearStamp`; any
 *   other write to that unit's year in between means the deltas are stale
 *   and the write must be recomputed;
 * - roll-up deltas, applied to each of `rollupUnitIds` (the unit and its
 *   ancestors), and the unit-year's new counted contribution;
 * - one history entry.
 */
export interface ReportWrite {
  report: StoredReport
  expectedVersion: number
  clientId?: string
  expectedYearStamp: number
  rollupUnitIds: string[]
  deltas: RollupDelta[]
  counted: Counted
  history: HistoryEntry
  /**
   * Units (the report's own and its ancestors) whose sign-off for the
   * report's indicator and period, when `signed`, refuses the write
   * (`locked`), checked in the write's own transaction so a sign-off
   * committing after the handler's lock check still wins.
   */
  lockedBy?: string[]
}

export type WriteOutcome = { kind: 'ok' } | { kind: 'conflict' } | { kind: 'duplicate'; reportId: string } | { kind: 'stale' } | { kind: 'locked' }

/** Where a page of reports ended: the last row's `updatedAt` and `id`. */
export interface ReportCursor {
  updatedAt: string
  id?: string
}

export interface ReportQuery {
  /** Reports of units under this path. */
  underPath: string
  status?: ReportStatus
  indicatorCode?: string
  period?: string
  /**
   * Newest first (`updatedAt` descending, then `id` ascending); page with the
   * last row seen: rows strictly after it in that order. Without `id`, rows
   * older than `updatedAt` (a cursor from before ids were part of it).
   */
  after?: ReportCursor
  limit: number
}

/**
 * Subscribe-message grants one person holds for one template. `oneTime`
 * counts one-time grants (each allows one message); `longTerm` is a
 * long-term subscription (not used up). `openid` is the WeChat account that
 * granted them: messages go there.
 */
export interface ReminderGrant {
  personId: string
  templateId: string
  openid: string | null
  oneTime: number
  longTerm: boolean
  updatedAt: string
}

/**
 * A grant as the client reports it: `add` one-time grants (≥ 0) and, when
 * given, the long-term flag. A grant from another WeChat account than the
 * stored one (both known) replaces the old account's grants: the count
 * restarts from `add` and the long-term flag from `longTerm ?? false`.
 */
export interface GrantChange {
  personId: string
  templateId: string
  openid: string | null
  add: number
  longTerm?: boolean
  at: string
}

export type OutboxStatus = 'sent' | 'no_grant' | 'refused' | 'failed'

export interface OutboxItem {
  reportId: string
  unitId: string
  indicatorCode: string
  title: string
  period: string
  state: 'due' | 'overdue' | 'returned'
  daysLeft: number
  /** True for a long-overdue item of a unit below the person (escalation). */
  escalated: boolean
}

/** One reminder attempt and its result, for the bureau to read. */
export interface OutboxEntry {
  /** Sorts by time: newest first is descending id. */
  id: string
  at: string
  /** The China date of the run, YYYY-MM-DD. */
  day: string
  personId: string
  personName: string
  kind: 'pending' | 'escalation'
  templateId: string | null
  status: OutboxStatus
  /** Where a sent message went: WeChat, or the local server's stand-in sender. */
  channel: 'wechat' | 'local' | null
  errCode?: number
  errMsg?: string
  items: OutboxItem[]
  data: Record<string, { value: string }>
  page: string
}

export interface OutboxQuery {
  /** Entries with an id strictly below this (the previous page's `next`). */
  before?: string
  personId?: string
  limit: number
}

/**
 * An editor's 完成情况 for one indicator in one unit's 自查表 of one year:
 * it replaces the drafted text in the table. `byId`/`byName`/`at` say who
 * wrote it and when.
 */
export interface NarrativeOverride {
  indicatorCode: string
  orgUnitId: string
  year: number
  text: string
  byId: string
  byName: string
  at: string
}

/** One change to an override, oldest first in the history; `text: null` is a clear. */
export type NarrativeChange = Omit<NarrativeOverride, 'text'> & { text: string | null }

/**
 * A closed period opened again for one unit: its report may come in until
 * `until` (a China date, inclusive) and counts as late. Opening the same
 * (indicator, unit, period) again replaces the end date and reason.
 */
export interface PeriodOpening {
  indicatorCode: string
  orgUnitId: string
  period: string
  until: string
  reason: string
  byId: string
  byName: string
  at: string
}

/**
 * What a sign-off was checked against: the report-level children's reports
 * (version 0: none) and the other children's sign-offs (version 0: none),
 * each as the readiness check read it.
 */
export interface SignOffBasis {
  reports: { orgUnitId: string; reportId: string; version: number }[]
  signOffs: { unitId: string; version: number }[]
}

export interface Store extends RollupPort {
  // Org tree
  putOrgUnits(units: OrgUnit[]): Promise<void>
  getOrgUnit(id: string): Promise<OrgUnit | null>
  childUnits(parentId: string): Promise<OrgUnit[]>
  unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]>
  countUnitsUnder(path: string, level: OrgLevel): Promise<number>
  // (childUnits, unitsUnder and countUnitsUnder leave retired units out; getOrgUnit finds them.)
  /** Every unit under `path` (itself included), retired ones too, by path: the org page's tree. */
  orgTree(path: string): Promise<OrgUnit[]>
  /**
   * Applies one tree edit (src/core/orgChange.ts) at once: each unit written
   * whole (name, parent, path, retirement, population), the stored path of
   * that unit's reports set to the unit's path (a report stays with the
   * unit it was made for), and people moved to their new unit (their
   * sessions end, as in putPeople). Roll-ups are not touched here.
   */
  applyOrgChange(units: OrgUnit[], people: { personId: string; orgUnitId: string }[]): Promise<void>

  // People and identity
  putPeople(people: Person[]): Promise<void>
  getPerson(id: string): Promise<Person | null>
  listPeople(): Promise<Person[]>
  /** At most `limit` people with an id after `afterId` (from the first when null), in id order: the reminder job's chunks. */
  peopleAfter(afterId: string | null, limit: number): Promise<Person[]>
  /** At most `limit` people whose unit lies under `path`, with an id after `afterId`, in id order (a stable cursor). */
  peopleUnder(path: string, afterId: string | null, limit: number): Promise<Person[]>
  personByOpenid(openid: string): Promise<Person | null>
  createInvite(invite: Invite): Promise<void>
  /**
   * Writes every invite and every new person with it, all or nothing:
   * throws PersonExists when a new person's id is taken, and the
   * duplicate-key error of an invite code that exists, leaving nothing.
   */
  createInvites(items: InviteWrite[]): Promise<InvitesOutcome>
  /** Atomically marks the code used and binds `openid` to its person; a deactivated person's code is `not_found`. */
  redeemInvite(code: string, openid: string, now: string): Promise<RedeemOutcome>

  // Plans: one definition of each indicator per plan year, keyed by (code, year).
  putIndicator(ind: Indicator): Promise<void>
  getIndicator(code: string, year: number): Promise<Indicator | null>
  /** The plan of one year, by 序号 then code. */
  listIndicators(year: number): Promise<Indicator[]>
  /** Takes one year's item out of the plan (retired). Reports stay; other years' items stay. */
  removeIndicator(code: string, year: number): Promise<void>
  /** Years that have a plan, ascending. */
  planYears(): Promise<number[]>

  // Reports
  getReport(id: string): Promise<StoredReport | null>
  /** The unit's reports of one indicator in one year, any period. */
  reportsInYear(indicatorCode: string, orgUnitId: string, year: number): Promise<StoredReport[]>
  /** The reports of one indicator in one plan year of every unit under `path`, by unit path then period: a whole completeness grid in one read. */
  reportsInYearUnder(indicatorCode: string, year: number, path: string): Promise<StoredReport[]>
  /** The reports of one indicator in one plan year of these units (any order): a page of a completeness grid in one read. */
  reportsInYearOf(indicatorCode: string, year: number, unitIds: string[]): Promise<StoredReport[]>
  submission(clientId: string): Promise<{ reportId: string } | null>
  writeReport(w: ReportWrite): Promise<WriteOutcome>
  queryReports(q: ReportQuery): Promise<StoredReport[]>
  history(reportId: string): Promise<HistoryEntry[]>

  // Reminders: subscribe-message grants, who was reminded on which day, the outbox.
  /** Grants of these people (all people when omitted). */
  reminderGrants(personIds?: string[]): Promise<ReminderGrant[]>
  grantReminder(change: GrantChange): Promise<ReminderGrant>
  /** Atomically uses one one-time grant; false (and no change) when none is left. */
  useReminderGrant(personId: string, templateId: string, at: string): Promise<boolean>
  /** Refused by WeChat (43101): no one-time grants left, no long-term subscription. */
  zeroReminderGrants(personId: string, templateId: string, at: string): Promise<void>
  /** Atomically records that the person is reminded on `day`; false if they already were. */
  markReminded(personId: string, day: string): Promise<boolean>
  /** Undoes `markReminded` for `day` (the send failed); another day's mark stays. */
  unmarkReminded(personId: string, day: string): Promise<void>
  remindedOn(day: string): Promise<string[]>
  appendOutbox(entry: OutboxEntry): Promise<void>
  /** Newest first. */
  listOutbox(q: OutboxQuery): Promise<OutboxEntry[]>
  /** Where the day's reminder pass stands (null before the first run). */
  reminderCursor(): Promise<ReminderCursor | null>
  putReminderCursor(c: ReminderCursor): Promise<void>

  // 自查表 narratives: an editor's text per (indicator, unit, year), with its history.
  getNarrative(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeOverride | null>
  /** Sets the text and appends it to the history, atomically. */
  putNarrative(n: NarrativeOverride): Promise<void>
  /** Removes the text and records who did it; false (and no history entry) when there was none. */
  clearNarrative(change: Omit<NarrativeChange, 'text'>): Promise<boolean>
  narrativeHistory(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeChange[]>

  // Late reports: closed periods opened again for one unit.
  putPeriodOpening(o: PeriodOpening): Promise<void>
  periodOpening(indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null>
  /** The unit's openings still open on `today` (until ≥ today), by period. */
  periodOpeningsOf(orgUnitId: string, today: string): Promise<PeriodOpening[]>
  /**
   * Every unit's openings of one indicator in one plan year (the period
   * starts with the year) still open on `today`, by unit then period: one
   * read for a whole completeness grid. Openings are few (each is a
   * reviewer's act), so there is no path filter; callers keep their units'.
   */
  periodOpeningsIn(indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]>

  // Review level by level: sign-offs and 未报 marks per (indicator, unit, period).
  /** The stored sign-offs of these units for one indicator and period (any order). */
  signOffs(indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]>
  /**
   * Writes `s` when the stored one has version `s.version - 1` (none stored
   * for version 1) and, in the same transaction, everything in `basis`
   * (what the readiness check read) is still as read; false, and no change,
   * otherwise. Report writes to the basis units serialize with it: the
   * unit-year row lock on PostgreSQL, an IMMEDIATE transaction on SQLite,
   * on CloudBase a transaction that re-reads the basis and rewrites the
   * children's unit-year documents (which report writes also write).
   */
  putSignOff(s: SignOff, basis?: SignOffBasis): Promise<boolean>

  close(): Promise<void>
}
