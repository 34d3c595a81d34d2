import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Aggregates } from '../../../src/core/figures'
import type { Indicator } from '../../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import type { Person } from '../../../src/core/person'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { SetBasedPlan } from '../../../src/core/rollupSetBased'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'
import type { InvitesOutcome, InviteWrite, PeriodOpening, SignOffBasis } from '../types'
import type { GrantChange, HistoryEntry, Invite, NarrativeChange, NarrativeOverride, OutboxEntry, OutboxQuery, RedeemOutcome, ReminderGrant, ReportQuery, ReportWrite, Store, StoredReport, WriteOutcome } from '../types'
import type { Health, InstallMode, ServerStore, StoredUpload } from '../server'
import { migrate } from './migrations'
import * as narratives from './narratives'
import { prefixEnd } from './paths'
import * as persons from './people'
import * as reportTables from './reports'
import { REPORTS_IN_YEAR, toReport, type ReportRow } from './reports'
import * as unitTables from './units'
import * as lateAndSignoffs from './openingsAndSignoffs'
import { prepared } from './prepared'
import { rebuildSetBased } from './rebuildSql'
import * as rollupTables from './rollups'
import type { SignOff } from '../../../src/core/reviewChain'
import * as reminders from './reminders'
import * as server from './serverTables'



/**
 * The embedded store: one SQLite file in WAL mode (readers never block the
 * writer, and a crash loses nothing that was acknowledged), foreign keys on,
 * every report write in one transaction. Every transaction that writes
 * begins IMMEDIATE: a deferred one reads, then fails with
 * SQLITE_BUSY_SNAPSHOT when another connection wrote in between (the admin
 * command beside a running server).
 */
export class SqliteStore implements Store, ServerStore {
  readonly db: Database.Database
  /** A prepared statement, compiled once per connection. */
  private q(sql: string): Database.Statement {
    return prepared(this.db, sql)
  }

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // In WAL mode NORMAL loses nothing a killed process had committed (the
    // WAL is in the OS cache); only a power cut can drop the last commits.
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db)
  }

  async putOrgUnits(units: OrgUnit[]): Promise<void> {
    return unitTables.putOrgUnits(this.db, units)
  }

  async getOrgUnit(id: string): Promise<OrgUnit | null> {
    return unitTables.getOrgUnit(this.db, id)
  }

  // Retired units keep their rows (their reports are history) but take no new work: left out here.
  async childUnits(parentId: string): Promise<OrgUnit[]> {
    return unitTables.childUnits(this.db, parentId)
  }

  async unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]> {
    return unitTables.unitsUnder(this.db, path, level)
  }

  async countUnitsUnder(path: string, level: OrgLevel): Promise<number> {
    return unitTables.countUnitsUnder(this.db, path, level)
  }

  async orgTree(path: string): Promise<OrgUnit[]> {
    return unitTables.orgTree(this.db, path)
  }

  async applyOrgChange(units: OrgUnit[], people: { personId: string; orgUnitId: string }[]): Promise<void> {
    return unitTables.applyOrgChange(this.db, units, people)
  }

  async putPeople(people: Person[]): Promise<void> {
    persons.putPeople(this.db, people)
  }

  async getPerson(id: string): Promise<Person | null> {
    return persons.getPerson(this.db, id)
  }

  async listPeople(): Promise<Person[]> {
    return persons.listPeople(this.db)
  }

  async peopleAfter(afterId: string | null, limit: number): Promise<Person[]> {
    return persons.peopleAfter(this.db, afterId, limit)
  }

  async personByOpenid(openid: string): Promise<Person | null> {
    return persons.personByOpenid(this.db, openid)
  }

  async peopleUnder(path: string, afterId: string | null, limit: number): Promise<Person[]> {
    return persons.peopleUnder(this.db, path, afterId, limit)
  }

  async createInvites(items: InviteWrite[]): Promise<InvitesOutcome> {
    return persons.createInvites(this.db, items)
  }

  async createInvite(inv: Invite): Promise<void> {
    persons.createInvite(this.db, inv)
  }

  async redeemInvite(code: string, openid: string, now: string): Promise<RedeemOutcome> {
    return persons.redeemInvite(this.db, code, openid, now)
  }

  async putIndicator(ind: Indicator): Promise<void> {
    this.db.transaction(() => {
      // The registry row reports reference; its body is the latest plan put.
      this.db
        .prepare('INSERT INTO indicators (code, seq, body) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET seq = excluded.seq, body = excluded.body')
        .run(ind.code, ind.seq, JSON.stringify(ind))
      this.db
        .prepare('INSERT INTO plans (code, year, seq, body) VALUES (?, ?, ?, ?) ON CONFLICT(code, year) DO UPDATE SET seq = excluded.seq, body = excluded.body')
        .run(ind.code, ind.year, ind.seq, JSON.stringify(ind))
    }).immediate()
  }

  async getIndicator(code: string, year: number): Promise<Indicator | null> {
    const row = this.db.prepare('SELECT body FROM plans WHERE code = ? AND year = ?').get(code, year) as { body: string } | undefined
    return row ? JSON.parse(row.body) : null
  }

  async listIndicators(year: number): Promise<Indicator[]> {
    return (this.db.prepare('SELECT body FROM plans WHERE year = ? ORDER BY seq, code').all(year) as { body: string }[]).map((r) => JSON.parse(r.body))
  }

  async removeIndicator(code: string, year: number): Promise<void> {
    this.db.prepare('DELETE FROM plans WHERE code = ? AND year = ?').run(code, year)
  }

  async planYears(): Promise<number[]> {
    return (this.db.prepare('SELECT DISTINCT year FROM plans ORDER BY year').all() as { year: number }[]).map((r) => r.year)
  }

  async getReport(id: string): Promise<StoredReport | null> {
    const row = this.q('SELECT body, unit_path FROM reports WHERE id = ?').get(id) as ReportRow | undefined
    return row ? toReport(row) : null
  }

  async reportsInYear(indicatorCode: string, orgUnitId: string, year: number): Promise<StoredReport[]> {
    return (this.q(REPORTS_IN_YEAR).all(indicatorCode, orgUnitId, year) as ReportRow[]).map(toReport)
  }

  async reportsInYearUnder(indicatorCode: string, year: number, path: string): Promise<StoredReport[]> {
    const sql = 'SELECT body, unit_path FROM reports WHERE indicator_code = ? AND year = ? AND unit_path >= ? AND unit_path < ? ORDER BY unit_path, period, id'
    return (this.q(sql).all(indicatorCode, year, path, prefixEnd(path)) as ReportRow[]).map(toReport)
  }

  async reportsInYearOf(indicatorCode: string, year: number, unitIds: string[]): Promise<StoredReport[]> {
    const out: StoredReport[] = []
    // Under SQLite's bound-parameter limit, a few hundred ids at a time.
    for (let i = 0; i < unitIds.length; i += 500) {
      const ids = unitIds.slice(i, i + 500)
      const sql = `SELECT body, unit_path FROM reports WHERE indicator_code = ? AND year = ? AND org_unit_id IN (${ids.map(() => '?').join(', ')}) ORDER BY unit_path, period, id`
      out.push(...(this.db.prepare(sql).all(indicatorCode, year, ...ids) as ReportRow[]).map(toReport))
    }
    return out
  }

  async submission(clientId: string): Promise<{ reportId: string } | null> {
    const row = this.q('SELECT report_id FROM submissions WHERE client_id = ?').get(clientId) as { report_id: string } | undefined
    return row ? { reportId: row.report_id } : null
  }

  async unitYear(indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState> {
    return rollupTables.unitYear(this.db, indicatorCode, orgUnitId, year)
  }

  async unitYearsOf(indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]> {
    return rollupTables.unitYearsOf(this.db, indicatorCode, year, afterUnitId, limit)
  }

  async countUnitYears(indicatorCode: string, year: number): Promise<number> {
    return rollupTables.countUnitYears(this.db, indicatorCode, year)
  }

  async writeRollups(ws: RollupWrite[]): Promise<('ok' | 'stale')[]> {
    return rollupTables.writeRollups(this.db, ws)
  }

  async rebuildSetBased(plan: SetBasedPlan): Promise<number> {
    return rebuildSetBased(this.db, plan)
  }

  async putRebuildJob(job: RebuildJob): Promise<void> {
    rollupTables.putRebuildJob(this.db, job)
  }

  async rebuildJob(indicatorCode: string, year: number): Promise<RebuildJob | null> {
    return rollupTables.rebuildJob(this.db, indicatorCode, year)
  }

  async pendingRebuildJobs(): Promise<RebuildJob[]> {
    return rollupTables.pendingRebuildJobs(this.db)
  }

  async rollups(indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>> {
    return rollupTables.rollups(this.db, indicatorCodes, unitIds, period)
  }

  async writeReport(w: ReportWrite): Promise<WriteOutcome> {
    return reportTables.writeReport(this.db, w)
  }
  async queryReports(q: ReportQuery): Promise<StoredReport[]> {
    return reportTables.queryReports(this.db, q)
  }
  async history(reportId: string): Promise<HistoryEntry[]> {
    return reportTables.history(this.db, reportId)
  }

  async reminderGrants(personIds?: string[]): Promise<ReminderGrant[]> {
    return reminders.reminderGrants(this.db, personIds)
  }

  async grantReminder(change: GrantChange): Promise<ReminderGrant> {
    return reminders.grantReminder(this.db, change)
  }

  async useReminderGrant(personId: string, templateId: string, at: string): Promise<boolean> {
    return reminders.useReminderGrant(this.db, personId, templateId, at)
  }

  async zeroReminderGrants(personId: string, templateId: string, at: string): Promise<void> {
    reminders.zeroReminderGrants(this.db, personId, templateId, at)
  }

  async markReminded(personId: string, day: string): Promise<boolean> {
    return reminders.markReminded(this.db, personId, day)
  }

  async unmarkReminded(personId: string, day: string): Promise<void> {
    reminders.unmarkReminded(this.db, personId, day)
  }

  async remindedOn(day: string): Promise<string[]> {
    return reminders.remindedOn(this.db, day)
  }

  async appendOutbox(entry: OutboxEntry): Promise<void> {
    reminders.appendOutbox(this.db, entry)
  }

  async listOutbox(q: OutboxQuery): Promise<OutboxEntry[]> {
    return reminders.listOutbox(this.db, q)
  }

  async reminderCursor(): Promise<ReminderCursor | null> {
    return reminders.reminderCursor(this.db)
  }

  async putReminderCursor(c: ReminderCursor): Promise<void> {
    reminders.putReminderCursor(this.db, c)
  }

  async getNarrative(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeOverride | null> {
    return narratives.getNarrative(this.db, indicatorCode, orgUnitId, year)
  }

  async putNarrative(n: NarrativeOverride): Promise<void> {
    narratives.putNarrative(this.db, n)
  }

  async clearNarrative(change: Omit<NarrativeChange, 'text'>): Promise<boolean> {
    return narratives.clearNarrative(this.db, change)
  }

  async narrativeHistory(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeChange[]> {
    return narratives.narrativeHistory(this.db, indicatorCode, orgUnitId, year)
  }

  async putPeriodOpening(o: PeriodOpening): Promise<void> {
    return lateAndSignoffs.putPeriodOpening(this.db, o)
  }

  async periodOpening(indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
    return lateAndSignoffs.periodOpening(this.db, indicatorCode, orgUnitId, period)
  }

  async periodOpeningsOf(orgUnitId: string, today: string): Promise<PeriodOpening[]> {
    return lateAndSignoffs.periodOpeningsOf(this.db, orgUnitId, today)
  }

  async periodOpeningsIn(indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]> {
    return lateAndSignoffs.periodOpeningsIn(this.db, indicatorCode, year, today)
  }

  async signOffs(indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]> {
    return lateAndSignoffs.signOffs(this.db, indicatorCode, period, unitIds)
  }

  async putSignOff(s: SignOff, basis?: SignOffBasis): Promise<boolean> {
    return lateAndSignoffs.putSignOff(this.db, s, basis)
  }

  async installMode(): Promise<InstallMode | null> {
    return server.installMode(this.db)
  }

  async setInstallMode(mode: InstallMode): Promise<void> {
    server.setInstallMode(this.db, mode)
  }

  async sessionGeneration(personId: string): Promise<number> {
    return server.sessionGeneration(this.db, personId)
  }

  async endSessions(personId: string): Promise<number> {
    return server.endSessions(this.db, personId)
  }

  async hitRate(key: string, windowMs: number, nowMs: number): Promise<{ count: number; resetAt: number }> {
    return server.hitRate(this.db, key, windowMs, nowMs)
  }

  async putUpload(u: StoredUpload): Promise<void> {
    server.putUpload(this.db, u)
  }

  async reserveUpload(u: StoredUpload, since: string, quotaBytes: number): Promise<boolean> {
    return server.reserveUpload(this.db, u, since, quotaBytes)
  }

  async getUpload(id: string): Promise<StoredUpload | null> {
    return server.getUpload(this.db, id)
  }

  async uploadedBytesSince(personId: string, since: string): Promise<number> {
    return server.uploadedBytesSince(this.db, personId, since)
  }

  async knownUploads(ids: string[]): Promise<Set<string>> {
    return server.knownUploads(this.db, ids)
  }

  async orphanUploads(before: string, limit: number): Promise<StoredUpload[]> {
    return server.orphanUploads(this.db, before, limit)
  }

  async deleteUpload(id: string): Promise<void> {
    server.deleteUpload(this.db, id)
  }

  async health(): Promise<Health> {
    return server.health(this.db)
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
