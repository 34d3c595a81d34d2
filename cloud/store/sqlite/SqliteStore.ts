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
import { prepared } from './prepared'
import { rebuildSetBased } from './rebuildSql'
import * as rollupTables from './rollups'
import type { SignOff } from '../../../src/core/reviewChain'
import * as reminders from './reminders'
import * as server from './serverTables'

interface ReportRow {
  body: string
  unit_path: string
}

interface UnitRow {
  id: string
  name: string
  level: OrgLevel
  parentId: string | null
  path: string
  retiredAt: string | null
  mergedInto: string | null
  population: string | null
}

const UNIT_COLUMNS = 'SELECT id, name, level, parent_id AS parentId, path, retired_at AS retiredAt, merged_into AS mergedInto, population FROM org_units'

/** A unit row as the domain sees it: optional fields only when set. */
const toUnit = ({ retiredAt, mergedInto, population, ...u }: UnitRow): OrgUnit => ({
  ...u,
  ...(retiredAt ? { retiredAt } : {}),
  ...(mergedInto ? { mergedInto } : {}),
  ...(population ? { population: JSON.parse(population) } : {})
})

const toReport = (row: ReportRow): StoredReport => ({ ...JSON.parse(row.body), unitPath: row.unit_path })

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
    const stmt = this.db.prepare(
      `INSERT INTO org_units (id, name, level, parent_id, path) VALUES (@id, @name, @level, @parentId, @path)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name`
    )
    this.db.transaction(() => units.forEach((u) => stmt.run(u))).immediate()
  }

  async getOrgUnit(id: string): Promise<OrgUnit | null> {
    const row = this.q(`${UNIT_COLUMNS} WHERE id = ?`).get(id) as UnitRow | undefined
    return row ? toUnit(row) : null
  }

  // Retired units keep their rows (their reports are history) but take no new work: left out here.
  async childUnits(parentId: string): Promise<OrgUnit[]> {
    return (this.db.prepare(`${UNIT_COLUMNS} WHERE parent_id = ? AND retired_at IS NULL ORDER BY path`).all(parentId) as UnitRow[]).map(toUnit)
  }

  async unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]> {
    return (
      this.db.prepare(`${UNIT_COLUMNS} WHERE level = ? AND path >= ? AND path < ? AND retired_at IS NULL ORDER BY path`).all(level, path, prefixEnd(path)) as UnitRow[]
    ).map(toUnit)
  }

  async countUnitsUnder(path: string, level: OrgLevel): Promise<number> {
    const row = this.db.prepare('SELECT count(*) AS c FROM org_units WHERE level = ? AND path >= ? AND path < ? AND retired_at IS NULL').get(level, path, prefixEnd(path)) as { c: number }
    return row.c
  }

  async orgTree(path: string): Promise<OrgUnit[]> {
    return (this.db.prepare(`${UNIT_COLUMNS} WHERE path >= ? AND path < ? ORDER BY path`).all(path, prefixEnd(path)) as UnitRow[]).map(toUnit)
  }

  async applyOrgChange(units: OrgUnit[], people: { personId: string; orgUnitId: string }[]): Promise<void> {
    const put = this.db.prepare(
      `INSERT INTO org_units (id, name, level, parent_id, path, retired_at, merged_into, population)
       VALUES (@id, @name, @level, @parentId, @path, @retiredAt, @mergedInto, @population)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, path = excluded.path,
         retired_at = excluded.retired_at, merged_into = excluded.merged_into, population = excluded.population`
    )
    const follow = this.db.prepare('UPDATE reports SET unit_path = ? WHERE org_unit_id = ? AND unit_path <> ?')
    const move = this.db.prepare('UPDATE people SET org_unit_id = ? WHERE id = ?')
    this.db
      .transaction(() => {
        // No write collides on the unique path: every path ends in its unit's own id.
        for (const u of units) {
          put.run({ id: u.id, name: u.name, level: u.level, parentId: u.parentId, path: u.path, retiredAt: u.retiredAt ?? null, mergedInto: u.mergedInto ?? null, population: u.population ? JSON.stringify(u.population) : null })
          follow.run(u.path, u.id, u.path)
        }
        for (const p of people) {
          // A new unit changes what the person may do: sessions issued before end (as in putPeople).
          server.endSessions(this.db, p.personId)
          move.run(p.orgUnitId, p.personId)
        }
      })
      .immediate()
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
    const row = this.db.prepare('SELECT body, unit_path FROM reports WHERE id = ?').get(id) as ReportRow | undefined
    return row ? toReport(row) : null
  }

  async reportsInYear(indicatorCode: string, orgUnitId: string, year: number): Promise<StoredReport[]> {
    return (
      this.q('SELECT body, unit_path FROM reports WHERE indicator_code = ? AND org_unit_id = ? AND year = ? ORDER BY period').all(indicatorCode, orgUnitId, year) as ReportRow[]
    ).map(toReport)
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
    const row = this.db.prepare('SELECT report_id FROM submissions WHERE client_id = ?').get(clientId) as { report_id: string } | undefined
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
    const r = w.report
    const year = Number(r.period.slice(0, 4))
    return this.db.transaction((): WriteOutcome => {
      if (w.clientId) {
        const dup = this.db.prepare('SELECT report_id FROM submissions WHERE client_id = ?').get(w.clientId) as { report_id: string } | undefined
        if (dup) return { kind: 'duplicate', reportId: dup.report_id }
      }
      const cur = this.db.prepare('SELECT version FROM reports WHERE id = ?').get(r.id) as { version: number } | undefined
      if ((cur?.version ?? 0) !== w.expectedVersion) return { kind: 'conflict' }
      const signed = this.db.prepare("SELECT 1 FROM signoffs WHERE indicator_code = ? AND period = ? AND unit_id = ? AND json_extract(body, '$.status') = 'signed'")
      if ((w.lockedBy ?? []).some((u) => signed.get(r.indicatorCode, r.period, u))) return { kind: 'locked' }
      const { unitPath, ...report } = r
      // Roll-ups first: a stale stamp returns before anything is written.
      if (!rollupTables.applyRollup(this.db, r.indicatorCode, r.orgUnitId, year, w.expectedYearStamp, w.counted, w.rollupUnitIds, w.deltas)) return { kind: 'stale' }
      this.db
        .prepare(
          `INSERT INTO reports (id, indicator_code, org_unit_id, unit_path, period, year, status, version, updated_at, body)
           VALUES (@id, @indicatorCode, @orgUnitId, @unitPath, @period, @year, @status, @version, @updatedAt, @body)
           ON CONFLICT(id) DO UPDATE SET status = excluded.status, version = excluded.version, updated_at = excluded.updated_at, body = excluded.body`
        )
        .run({ id: r.id, indicatorCode: r.indicatorCode, orgUnitId: r.orgUnitId, unitPath, period: r.period, year, status: r.status, version: r.version, updatedAt: r.updatedAt, body: JSON.stringify(report) })
      if (w.clientId) this.db.prepare('INSERT INTO submissions (client_id, report_id, version) VALUES (?, ?, ?)').run(w.clientId, r.id, r.version)
      const h = w.history
      this.db
        .prepare('INSERT INTO history (report_id, at, actor_id, actor_name, action, version, changes, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(h.reportId, h.at, h.actorId, h.actorName, h.action, h.version, JSON.stringify(h.changes), h.comment ?? null)
      return { kind: 'ok' }
    }).immediate()
  }

  async queryReports(q: ReportQuery): Promise<StoredReport[]> {
    const where = ['unit_path >= @from', 'unit_path < @to']
    const params: Record<string, unknown> = { from: q.underPath, to: prefixEnd(q.underPath), limit: q.limit }
    if (q.status) (where.push('status = @status'), (params.status = q.status))
    if (q.indicatorCode) (where.push('indicator_code = @code'), (params.code = q.indicatorCode))
    if (q.period) (where.push('period = @period'), (params.period = q.period))
    if (q.after) {
      params.before = q.after.updatedAt
      if (q.after.id === undefined) where.push('updated_at < @before')
      else (where.push('(updated_at < @before OR (updated_at = @before AND id > @afterId))'), (params.afterId = q.after.id))
    }
    const rows = this.db.prepare(`SELECT body, unit_path FROM reports WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id LIMIT @limit`).all(params) as ReportRow[]
    return rows.map(toReport)
  }

  async history(reportId: string): Promise<HistoryEntry[]> {
    const rows = this.db.prepare('SELECT * FROM history WHERE report_id = ? ORDER BY id').all(reportId) as Record<string, unknown>[]
    return rows.map((r) => ({
      reportId: r.report_id as string,
      at: r.at as string,
      actorId: r.actor_id as string,
      actorName: r.actor_name as string,
      action: r.action as HistoryEntry['action'],
      version: r.version as number,
      changes: JSON.parse(r.changes as string),
      ...(r.comment ? { comment: r.comment as string } : {})
    }))
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
    this.db
      .prepare(
        `INSERT INTO period_openings (indicator_code, org_unit_id, period, until, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(indicator_code, org_unit_id, period) DO UPDATE SET until = excluded.until, body = excluded.body`
      )
      .run(o.indicatorCode, o.orgUnitId, o.period, o.until, JSON.stringify(o))
  }

  async periodOpening(indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
    const row = this.db.prepare('SELECT body FROM period_openings WHERE indicator_code = ? AND org_unit_id = ? AND period = ?').get(indicatorCode, orgUnitId, period) as { body: string } | undefined
    return row ? JSON.parse(row.body) : null
  }

  async periodOpeningsOf(orgUnitId: string, today: string): Promise<PeriodOpening[]> {
    return (this.db.prepare('SELECT body FROM period_openings WHERE org_unit_id = ? AND until >= ? ORDER BY period, indicator_code').all(orgUnitId, today) as { body: string }[]).map((r) => JSON.parse(r.body))
  }

  async periodOpeningsIn(indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]> {
    // Periods start with their year ('2020', '2020-11', '2020-Q1'): the year's ones sort in [year, year + 1).
    const rows = this.db
      .prepare('SELECT body FROM period_openings WHERE indicator_code = ? AND period >= ? AND period < ? AND until >= ? ORDER BY org_unit_id, period')
      .all(indicatorCode, String(year), String(year + 1), today) as { body: string }[]
    return rows.map((r) => JSON.parse(r.body))
  }

  async signOffs(indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]> {
    const stmt = this.db.prepare('SELECT body FROM signoffs WHERE indicator_code = ? AND period = ? AND unit_id = ?')
    return unitIds.flatMap((u) => {
      const row = stmt.get(indicatorCode, period, u) as { body: string } | undefined
      return row ? [JSON.parse(row.body) as SignOff] : []
    })
  }

  async putSignOff(s: SignOff, basis?: SignOffBasis): Promise<boolean> {
    // IMMEDIATE: the write lock is held from the first read, so no report or sign-off write lands between check and write.
    return this.db.transaction((): boolean => {
      const versionOf = this.db.prepare('SELECT version FROM signoffs WHERE indicator_code = ? AND period = ? AND unit_id = ?')
      const row = versionOf.get(s.indicatorCode, s.period, s.unitId) as { version: number } | undefined
      if ((row?.version ?? 0) !== s.version - 1) return false
      const reportVersion = this.db.prepare('SELECT version FROM reports WHERE id = ?')
      for (const r of basis?.reports ?? []) if (((reportVersion.get(r.reportId) as { version: number } | undefined)?.version ?? 0) !== r.version) return false
      for (const c of basis?.signOffs ?? []) if (((versionOf.get(s.indicatorCode, s.period, c.unitId) as { version: number } | undefined)?.version ?? 0) !== c.version) return false
      this.db
        .prepare('INSERT INTO signoffs (indicator_code, unit_id, period, version, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT(indicator_code, period, unit_id) DO UPDATE SET version = excluded.version, body = excluded.body')
        .run(s.indicatorCode, s.unitId, s.period, s.version, JSON.stringify(s))
      return true
    }).immediate()
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
