import { Pool, type PoolConfig } from 'pg'
import type { Aggregates } from '../../../src/core/figures'
import type { Indicator } from '../../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import type { Person } from '../../../src/core/person'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { SetBasedPlan } from '../../../src/core/rollupSetBased'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'
import type { InvitesOutcome, InviteWrite, SignOffBasis } from '../types'
import type { GrantChange, PeriodOpening, HistoryEntry, Invite, NarrativeChange, NarrativeOverride, OutboxEntry, OutboxQuery, RedeemOutcome, ReminderGrant, ReportQuery, ReportWrite, StoredReport, WriteOutcome } from '../types'
import type { JobLock, JobName, JobOutcome } from '../jobLock'
import type { Health, InstallMode, ServerStore, StoredUpload } from '../server'
import { LOCKS, migrate } from './migrate'
import * as narratives from './narratives'
import * as advisory from './advisory'
import * as openings from './openingsAndSignoffs'
import * as persons from './people'
import { putPlanItem } from './plans'
import * as units from './units'
import { rebuildSetBased } from './rebuildSql'
import * as reports from './reports'
import { toReport, type ReportRow } from './reports'
import * as rollupTables from './rollups'
import type { SignOff } from '../../../src/core/reviewChain'
import * as reminders from './reminders'
import * as server from './serverTables'
import { inTransaction, type Queryable } from './tx'

const hasNul = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) && v.some(hasNul))


/**
 * The store for city and province installs: PostgreSQL through a `pg`
 * pool, shared by any number of server processes.
 *
 * Concurrency: a report write first locks its unit-year row (created on
 * first use, `SELECT … FOR UPDATE`), so writes to one unit's year are
 * serialised while the version, year-stamp and client-id checks run;
 * READ COMMITTED then sees every earlier commit. A client id reused for
 * another unit-year at the same moment hits the submissions primary key
 * and is answered as the duplicate it is. Roll-up rows of ancestors are
 * upserted (`INSERT … ON CONFLICT DO UPDATE`) in the report's transaction,
 * in one sorted order, so two writes never wait on each other in a cycle.
 */
export class PgStore implements ServerStore, JobLock {
  private constructor(readonly pool: Pool) {}

  /** Connects, applies missing migrations (under an advisory lock) and answers the store. */
  static async connect(config: string | PoolConfig): Promise<PgStore> {
    const pool = new Pool(typeof config === 'string' ? { connectionString: config, max: Number(process.env.PG_POOL_MAX ?? 10) } : config)
    // An idle client losing its server must not crash the process; the pool replaces it.
    pool.on('error', (err) => console.error('postgres: idle client error', err.message))
    try {
      await migrate(pool)
    } catch (e) {
      await pool.end()
      throw e
    }
    return new PgStore(pool)
  }

  /** Runs `fn` only if no other process (or call) holds the job's advisory lock; `{ ran: false }` at once otherwise. */
  exclusive<T>(job: JobName, fn: () => Promise<T>): Promise<JobOutcome<T>> {
    return advisory.exclusive(this.pool, LOCKS[job], fn)
  }

  /** Runs `fn` holding the job's advisory lock, waiting for it (first-run seeding). */
  serialised<T>(job: JobName, fn: () => Promise<T>): Promise<T> {
    return advisory.serialised(this.pool, LOCKS[job], fn)
  }

  /**
   * The pool for reads. PostgreSQL text cannot hold NUL, and a parameter
   * with one is an error rather than "no such row"; since no stored key can
   * contain it, a lookup by such a value answers nothing (as in SQLite).
   */
  private q(): Queryable {
    return {
      query: (text: string, values?: unknown[]) =>
        values?.some(hasNul) ? Promise.resolve({ rows: [], rowCount: 0, command: 'SELECT', oid: 0, fields: [] }) : this.pool.query(text, values)
    }
  }

  /** The pool and the NUL-guarded reader, for the store's modules. */
  private db(): { pool: Pool; q: Queryable } {
    return { pool: this.pool, q: this.q() }
  }

  putOrgUnits(list: OrgUnit[]): Promise<void> {
    return units.putOrgUnits(this.pool, list)
  }

  getOrgUnit(id: string): Promise<OrgUnit | null> {
    return units.getOrgUnit(this.q(), id)
  }

  // Retired units keep their rows (their reports are history) but take no new work: left out here.
  childUnits(parentId: string): Promise<OrgUnit[]> {
    return units.childUnits(this.q(), parentId)
  }

  unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]> {
    return units.unitsUnder(this.q(), path, level)
  }

  countUnitsUnder(path: string, level: OrgLevel): Promise<number> {
    return units.countUnitsUnder(this.pool, this.q(), path, level)
  }

  orgTree(path: string): Promise<OrgUnit[]> {
    return units.orgTree(this.q(), path)
  }

  applyOrgChange(list: OrgUnit[], people: { personId: string; orgUnitId: string }[]): Promise<void> {
    return units.applyOrgChange(this.pool, list, people)
  }

  putPeople(people: Person[]): Promise<void> {
    return persons.putPeople(this.pool, people)
  }

  getPerson(id: string): Promise<Person | null> {
    return persons.getPerson(this.q(), id)
  }

  listPeople(): Promise<Person[]> {
    return persons.listPeople(this.q())
  }

  peopleUnder(path: string, afterId: string | null, limit: number): Promise<Person[]> {
    return persons.peopleUnder(this.q(), path, afterId, limit)
  }

  createInvites(items: InviteWrite[]): Promise<InvitesOutcome> {
    return persons.createInvites(this.pool, items)
  }

  peopleAfter(afterId: string | null, limit: number): Promise<Person[]> {
    return persons.peopleAfter(this.q(), afterId, limit)
  }

  personByOpenid(openid: string): Promise<Person | null> {
    return persons.personByOpenid(this.q(), openid)
  }

  createInvite(inv: Invite): Promise<void> {
    return persons.createInvite(this.pool, inv)
  }

  async redeemInvite(code: string, openid: string, now: string): Promise<RedeemOutcome> {
    if (hasNul(code)) return { kind: 'not_found' }
    return persons.redeemInvite(this.pool, code, openid, now)
  }

  putIndicator(ind: Indicator): Promise<void> {
    return putPlanItem(this.pool, ind)
  }

  async getIndicator(code: string, year: number): Promise<Indicator | null> {
    const row = (await this.q().query<{ body: string }>('SELECT body FROM plans WHERE code = $1 AND year = $2', [code, year])).rows[0]
    return row ? JSON.parse(row.body) : null
  }

  async listIndicators(year: number): Promise<Indicator[]> {
    return (await this.q().query<{ body: string }>('SELECT body FROM plans WHERE year = $1 ORDER BY seq, code', [year])).rows.map((r) => JSON.parse(r.body))
  }

  async removeIndicator(code: string, year: number): Promise<void> {
    await this.q().query('DELETE FROM plans WHERE code = $1 AND year = $2', [code, year])
  }

  async planYears(): Promise<number[]> {
    return (await this.q().query<{ year: number }>('SELECT DISTINCT year FROM plans ORDER BY year')).rows.map((r) => r.year)
  }

  async getReport(id: string): Promise<StoredReport | null> {
    const row = (await this.q().query<ReportRow>('SELECT body, unit_path FROM reports WHERE id = $1', [id])).rows[0]
    return row ? toReport(row) : null
  }

  async reportsInYear(indicatorCode: string, orgUnitId: string, year: number): Promise<StoredReport[]> {
    const r = await this.q().query<ReportRow>('SELECT body, unit_path FROM reports WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3 ORDER BY period', [indicatorCode, orgUnitId, year])
    return r.rows.map(toReport)
  }

  async reportsInYearUnder(indicatorCode: string, year: number, path: string): Promise<StoredReport[]> {
    const sql = 'SELECT body, unit_path FROM reports WHERE indicator_code = $1 AND year = $2 AND unit_path >= $3 AND unit_path < $4 ORDER BY unit_path, period, id'
    return (await this.q().query<ReportRow>(sql, [indicatorCode, year, path, reports.prefixEnd(path)])).rows.map(toReport)
  }

  async reportsInYearOf(indicatorCode: string, year: number, unitIds: string[]): Promise<StoredReport[]> {
    if (unitIds.length === 0) return []
    const sql = 'SELECT body, unit_path FROM reports WHERE indicator_code = $1 AND year = $2 AND org_unit_id = ANY($3::text[]) ORDER BY unit_path, period, id'
    return (await this.q().query<ReportRow>(sql, [indicatorCode, year, unitIds])).rows.map(toReport)
  }

  async submission(clientId: string): Promise<{ reportId: string } | null> {
    const row = (await this.q().query<{ report_id: string }>('SELECT report_id FROM submissions WHERE client_id = $1', [clientId])).rows[0]
    return row ? { reportId: row.report_id } : null
  }

  unitYear(indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState> {
    return rollupTables.unitYear(this.q(), indicatorCode, orgUnitId, year)
  }

  unitYearsOf(indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]> {
    return rollupTables.unitYearsOf(this.q(), indicatorCode, year, afterUnitId, limit)
  }

  countUnitYears(indicatorCode: string, year: number): Promise<number> {
    return rollupTables.countUnitYears(this.q(), indicatorCode, year)
  }

  writeRollups(ws: RollupWrite[]): Promise<('ok' | 'stale')[]> {
    return rollupTables.writeRollups(this.pool, ws)
  }

  rebuildSetBased(plan: SetBasedPlan): Promise<number> {
    return rebuildSetBased(this.pool, plan)
  }

  putRebuildJob(job: RebuildJob): Promise<void> {
    return rollupTables.putRebuildJob(this.pool, job)
  }

  rebuildJob(indicatorCode: string, year: number): Promise<RebuildJob | null> {
    return rollupTables.rebuildJob(this.q(), indicatorCode, year)
  }

  pendingRebuildJobs(): Promise<RebuildJob[]> {
    return rollupTables.pendingRebuildJobs(this.q())
  }

  rollups(indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>> {
    return rollupTables.rollups(this.q(), indicatorCodes, unitIds, period)
  }

  putPeriodOpening(o: PeriodOpening): Promise<void> {
    return openings.putPeriodOpening(this.db(), o)
  }

  periodOpening(indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
    return openings.periodOpening(this.db(), indicatorCode, orgUnitId, period)
  }

  periodOpeningsOf(orgUnitId: string, today: string): Promise<PeriodOpening[]> {
    return openings.periodOpeningsOf(this.db(), orgUnitId, today)
  }

  periodOpeningsIn(indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]> {
    return openings.periodOpeningsIn(this.db(), indicatorCode, year, today)
  }

  signOffs(indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]> {
    return openings.signOffs(this.db(), indicatorCode, period, unitIds)
  }

  putSignOff(s: SignOff, basis?: SignOffBasis): Promise<boolean> {
    return openings.putSignOff(this.db(), s, basis)
  }

  async writeReport(w: ReportWrite): Promise<WriteOutcome> {
    try {
      return await inTransaction(this.pool, (c) => reports.writeIn(c, w), { commitIf: (o) => o.kind === 'ok' })
    } catch (e) {
      // The same client id committed for another unit-year in the meantime.
      if (w.clientId && (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'submissions_pkey') {
        const dup = await this.submission(w.clientId)
        if (dup) return { kind: 'duplicate', reportId: dup.reportId }
      }
      throw e
    }
  }

  queryReports(q: ReportQuery): Promise<StoredReport[]> {
    return reports.queryReports(this.q(), q)
  }

  history(reportId: string): Promise<HistoryEntry[]> {
    return reports.history(this.q(), reportId)
  }

  reminderGrants(personIds?: string[]): Promise<ReminderGrant[]> {
    return reminders.reminderGrants(this.pool, personIds)
  }

  grantReminder(change: GrantChange): Promise<ReminderGrant> {
    return reminders.grantReminder(this.pool, change)
  }

  useReminderGrant(personId: string, templateId: string, at: string): Promise<boolean> {
    return reminders.useReminderGrant(this.pool, personId, templateId, at)
  }

  zeroReminderGrants(personId: string, templateId: string, at: string): Promise<void> {
    return reminders.zeroReminderGrants(this.pool, personId, templateId, at)
  }

  markReminded(personId: string, day: string): Promise<boolean> {
    return reminders.markReminded(this.pool, personId, day)
  }

  unmarkReminded(personId: string, day: string): Promise<void> {
    return reminders.unmarkReminded(this.pool, personId, day)
  }

  remindedOn(day: string): Promise<string[]> {
    return reminders.remindedOn(this.pool, day)
  }

  appendOutbox(entry: OutboxEntry): Promise<void> {
    return reminders.appendOutbox(this.pool, entry)
  }

  listOutbox(q: OutboxQuery): Promise<OutboxEntry[]> {
    return reminders.listOutbox(this.pool, q)
  }

  reminderCursor(): Promise<ReminderCursor | null> {
    return reminders.reminderCursor(this.pool)
  }

  putReminderCursor(c: ReminderCursor): Promise<void> {
    return reminders.putReminderCursor(this.pool, c)
  }

  getNarrative(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeOverride | null> {
    return narratives.getNarrative(this.pool, indicatorCode, orgUnitId, year)
  }

  putNarrative(n: NarrativeOverride): Promise<void> {
    return narratives.putNarrative(this.pool, n)
  }

  clearNarrative(change: Omit<NarrativeChange, 'text'>): Promise<boolean> {
    return narratives.clearNarrative(this.pool, change)
  }

  narrativeHistory(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeChange[]> {
    return narratives.narrativeHistory(this.pool, indicatorCode, orgUnitId, year)
  }

  // The server's own tables: shared by every process on the database.
  health(): Promise<Health> {
    return server.health(this.pool)
  }

  sessionGeneration(personId: string): Promise<number> {
    return server.sessionGeneration(this.pool, personId)
  }

  endSessions(personId: string): Promise<number> {
    return server.endSessions(this.pool, personId)
  }

  hitRate(key: string, windowMs: number, nowMs: number): Promise<{ count: number; resetAt: number }> {
    return server.hitRate(this.pool, key, windowMs, nowMs)
  }

  putUpload(u: StoredUpload): Promise<void> {
    return server.putUpload(this.pool, u)
  }

  reserveUpload(u: StoredUpload, since: string, quotaBytes: number): Promise<boolean> {
    return server.reserveUpload(this.pool, u, since, quotaBytes)
  }

  getUpload(id: string): Promise<StoredUpload | null> {
    return server.getUpload(this.pool, id)
  }

  uploadedBytesSince(personId: string, since: string): Promise<number> {
    return server.uploadedBytesSince(this.pool, personId, since)
  }

  knownUploads(ids: string[]): Promise<Set<string>> {
    return server.knownUploads(this.pool, ids)
  }

  orphanUploads(before: string, limit: number): Promise<StoredUpload[]> {
    return server.orphanUploads(this.pool, before, limit)
  }

  deleteUpload(id: string): Promise<void> {
    return server.deleteUpload(this.pool, id)
  }

  installMode(): Promise<InstallMode | null> {
    return server.installMode(this.pool)
  }

  setInstallMode(mode: InstallMode): Promise<void> {
    return server.setInstallMode(this.pool, mode)
  }

  async close(): Promise<void> {
    await this.pool.end()
  }
}
