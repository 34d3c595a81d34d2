import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Aggregates } from '../../../src/core/figures'
import type { Indicator } from '../../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import type { Person } from '../../../src/core/person'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { Counted, RollupDelta } from '../../../src/core/rollup'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'
import { PersonExists, type InvitesOutcome, type InviteWrite, type PeriodOpening } from '../types'
import type { GrantChange, HistoryEntry, Invite, NarrativeChange, NarrativeOverride, OutboxEntry, OutboxQuery, RedeemOutcome, ReminderGrant, ReportQuery, ReportWrite, Store, StoredReport, WriteOutcome } from '../types'
import type { Health, InstallMode, ServerStore, StoredUpload } from '../server'
import { migrate } from './migrations'
import * as narratives from './narratives'
import * as reminders from './reminders'
import * as server from './serverTables'

/** The upper bound of a path-prefix range: '/' + 1 is '0'. */
const prefixEnd = (path: string) => `${path.slice(0, -1)}0`

interface ReportRow {
  body: string
  unit_path: string
}

interface PersonRow {
  id: string
  name: string
  role: Person['role']
  orgUnitId: string
  deactivatedAt: string | null
}

const toPerson = ({ deactivatedAt, ...p }: PersonRow): Person => (deactivatedAt ? { ...p, deactivatedAt } : p)

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
  private readonly statements = new Map<string, Database.Statement>()

  /** A prepared statement, compiled once: the roll-up paths run these per unit-year. */
  private q(sql: string): Database.Statement {
    let st = this.statements.get(sql)
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)))
    return st
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
    return (this.q('SELECT id, name, level, parent_id AS parentId, path FROM org_units WHERE id = ?').get(id) as OrgUnit) ?? null
  }

  async childUnits(parentId: string): Promise<OrgUnit[]> {
    return this.db.prepare('SELECT id, name, level, parent_id AS parentId, path FROM org_units WHERE parent_id = ? ORDER BY path').all(parentId) as OrgUnit[]
  }

  async unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]> {
    return this.db
      .prepare('SELECT id, name, level, parent_id AS parentId, path FROM org_units WHERE level = ? AND path >= ? AND path < ? ORDER BY path')
      .all(level, path, prefixEnd(path)) as OrgUnit[]
  }

  async countUnitsUnder(path: string, level: OrgLevel): Promise<number> {
    const row = this.db.prepare('SELECT count(*) AS c FROM org_units WHERE level = ? AND path >= ? AND path < ?').get(level, path, prefixEnd(path)) as { c: number }
    return row.c
  }

  async putPeople(people: Person[]): Promise<void> {
    this.db.transaction(() => people.forEach((p) => this.putPerson(p))).immediate()
  }

  /** Inside a transaction: one person, ending their sessions when their role, unit or standing changes. */
  private putPerson(p: Person): void {
    const cur = this.q('SELECT role, org_unit_id AS orgUnitId, deactivated_at AS deactivatedAt FROM people WHERE id = ?').get(p.id) as
      | { role: string; orgUnitId: string; deactivatedAt: string | null }
      | undefined
    // A new role or unit changes what the person may do, and a deactivated one may do nothing: sessions issued before end.
    if (cur && (cur.role !== p.role || cur.orgUnitId !== p.orgUnitId || (cur.deactivatedAt ?? null) !== (p.deactivatedAt ?? null))) server.endSessions(this.db, p.id)
    this.q(
      `INSERT INTO people (id, name, role, org_unit_id, deactivated_at) VALUES (@id, @name, @role, @orgUnitId, @deactivatedAt)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, role = excluded.role, org_unit_id = excluded.org_unit_id, deactivated_at = excluded.deactivated_at`
    ).run({ id: p.id, name: p.name, role: p.role, orgUnitId: p.orgUnitId, deactivatedAt: p.deactivatedAt ?? null })
  }

  private static PERSON = 'SELECT p.id, p.name, p.role, p.org_unit_id AS orgUnitId, p.deactivated_at AS deactivatedAt FROM people p'

  private person(row: unknown): Person | null {
    return row ? toPerson(row as PersonRow) : null
  }

  async getPerson(id: string): Promise<Person | null> {
    return this.person(this.db.prepare(`${SqliteStore.PERSON} WHERE id = ?`).get(id))
  }

  async listPeople(): Promise<Person[]> {
    return (this.db.prepare(`${SqliteStore.PERSON} ORDER BY id`).all() as PersonRow[]).map(toPerson)
  }

  async peopleAfter(afterId: string | null, limit: number): Promise<Person[]> {
    return (this.db.prepare(`${SqliteStore.PERSON} WHERE id > ? ORDER BY id LIMIT ?`).all(afterId ?? '', limit) as PersonRow[]).map(toPerson)
  }

  async peopleUnder(path: string, afterId: string | null, limit: number): Promise<Person[]> {
    return (
      this.db
        .prepare(`${SqliteStore.PERSON} JOIN org_units u ON u.id = p.org_unit_id WHERE u.path >= ? AND u.path < ? AND p.id > ? ORDER BY p.id LIMIT ?`)
        .all(path, prefixEnd(path), afterId ?? '', limit) as PersonRow[]
    ).map(toPerson)
  }

  async personByOpenid(openid: string): Promise<Person | null> {
    return this.person(this.db.prepare(`${SqliteStore.PERSON} WHERE openid = ?`).get(openid))
  }

  async createInvites(items: InviteWrite[]): Promise<InvitesOutcome> {
    const insert = this.q('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)')
    const exists = this.q('SELECT 1 FROM people WHERE id = ?')
    return this.db.transaction((): InvitesOutcome => {
      for (const { invite: inv, newPerson } of items) {
        if (newPerson) {
          if (exists.get(newPerson.id)) throw new PersonExists(newPerson.id)
          this.putPerson(newPerson)
        }
        insert.run(inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt)
      }
      return { kind: 'ok' }
    }).immediate()
  }

  async createInvite(inv: Invite): Promise<void> {
    this.db
      .prepare('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)')
      .run(inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt)
  }

  async redeemInvite(code: string, openid: string, now: string): Promise<RedeemOutcome> {
    return this.db.transaction((): RedeemOutcome => {
      const inv = this.db.prepare('SELECT person_id, expires_at, used_at FROM invites WHERE code = ?').get(code) as
        | { person_id: string; expires_at: string; used_at: string | null }
        | undefined
      if (!inv) return { kind: 'not_found' }
      if (inv.used_at) return { kind: 'used' }
      if (inv.expires_at < now) return { kind: 'expired' }
      const holder = this.db.prepare('SELECT deactivated_at FROM people WHERE id = ?').get(inv.person_id) as { deactivated_at: string | null }
      // A deactivated person's code is as good as none (the one answer for every bad code).
      if (holder.deactivated_at) return { kind: 'not_found' }
      this.db.prepare('UPDATE invites SET used_at = ?, used_by = ? WHERE code = ?').run(now, openid, code)
      // One WeChat account speaks for one person: a re-bind moves it.
      this.db.prepare('UPDATE people SET openid = NULL WHERE openid = ?').run(openid)
      this.db.prepare('UPDATE people SET openid = ? WHERE id = ?').run(openid, inv.person_id)
      return { kind: 'ok', person: this.person(this.db.prepare(`${SqliteStore.PERSON} WHERE id = ?`).get(inv.person_id))! }
    }).immediate()
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

  async submission(clientId: string): Promise<{ reportId: string } | null> {
    const row = this.db.prepare('SELECT report_id FROM submissions WHERE client_id = ?').get(clientId) as { report_id: string } | undefined
    return row ? { reportId: row.report_id } : null
  }

  async unitYear(indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState> {
    const row = this.q('SELECT stamp, counted FROM unit_years WHERE indicator_code = ? AND org_unit_id = ? AND year = ?').get(indicatorCode, orgUnitId, year) as
      | { stamp: number; counted: string }
      | undefined
    return row ? { stamp: row.stamp, counted: JSON.parse(row.counted) } : { stamp: 0, counted: {} }
  }

  async unitYearsOf(indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]> {
    const rows = this
      .q('SELECT org_unit_id AS id FROM unit_years WHERE indicator_code = ? AND year = ? AND org_unit_id > ? ORDER BY org_unit_id LIMIT ?')
      .all(indicatorCode, year, afterUnitId ?? '', limit) as { id: string }[]
    return rows.map((r) => r.id)
  }

  async countUnitYears(indicatorCode: string, year: number): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS c FROM unit_years WHERE indicator_code = ? AND year = ?').get(indicatorCode, year) as { c: number }).c
  }

  /** Checks and bumps the unit-year stamp and stores the new counted contribution; in the caller's transaction. */
  private stampUnitYear(code: string, unitId: string, year: number, expectedStamp: number, counted: Counted): boolean {
    const stamp = this.q('SELECT stamp FROM unit_years WHERE indicator_code = ? AND org_unit_id = ? AND year = ?').get(code, unitId, year) as { stamp: number } | undefined
    if ((stamp?.stamp ?? 0) !== expectedStamp) return false
    this
      .q(
        `INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted) VALUES (?, ?, ?, 1, ?)
         ON CONFLICT(indicator_code, org_unit_id, year) DO UPDATE SET stamp = stamp + 1, counted = excluded.counted`
      )
      .run(code, unitId, year, JSON.stringify(counted))
    return true
  }

  /** Adds deltas to roll-up rows; in the caller's transaction. */
  private addRollups(rows: Iterable<{ code: string; unitId: string; period: string; field: string; dSum: number; dN: number }>): void {
    const inc = this.q(
      `INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(indicator_code, unit_id, period, field) DO UPDATE SET sum = sum + excluded.sum, n = n + excluded.n`
    )
    for (const r of rows) inc.run(r.code, r.unitId, r.period, r.field, r.dSum, r.dN)
  }

  private applyRollup(code: string, unitId: string, year: number, expectedStamp: number, counted: Counted, unitIds: string[], deltas: RollupDelta[]): boolean {
    if (!this.stampUnitYear(code, unitId, year, expectedStamp, counted)) return false
    this.addRollups(unitIds.flatMap((id) => deltas.map((d) => ({ code: d.indicatorCode, unitId: id, period: d.period, field: d.field, dSum: d.dSum, dN: d.dN }))))
    return true
  }

  /** A batch in one transaction; deltas for shared ancestors are summed first, so each row is written once. */
  async writeRollups(ws: RollupWrite[]): Promise<('ok' | 'stale')[]> {
    return this.db.transaction(() => {
      const merged = new Map<string, { code: string; unitId: string; period: string; field: string; dSum: number; dN: number }>()
      const out = ws.map((w) => {
        if (!this.stampUnitYear(w.indicatorCode, w.orgUnitId, w.year, w.expectedYearStamp, w.counted)) return 'stale' as const
        for (const unitId of w.rollupUnitIds) {
          for (const d of w.deltas) {
            const key = `${d.indicatorCode}\u0000${unitId}\u0000${d.period}\u0000${d.field}`
            const cur = merged.get(key)
            if (cur) (cur.dSum += d.dSum), (cur.dN += d.dN)
            else merged.set(key, { code: d.indicatorCode, unitId, period: d.period, field: d.field, dSum: d.dSum, dN: d.dN })
          }
        }
        return 'ok' as const
      })
      this.addRollups(merged.values())
      return out
    }).immediate()
  }

  async putRebuildJob(job: RebuildJob): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO rollup_jobs (indicator_code, year, state, requested_at, body) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(indicator_code, year) DO UPDATE SET state = excluded.state, requested_at = excluded.requested_at, body = excluded.body`
      )
      .run(job.indicatorCode, job.year, job.state, job.requestedAt, JSON.stringify(job))
  }

  async rebuildJob(indicatorCode: string, year: number): Promise<RebuildJob | null> {
    const row = this.db.prepare('SELECT body FROM rollup_jobs WHERE indicator_code = ? AND year = ?').get(indicatorCode, year) as { body: string } | undefined
    return row ? JSON.parse(row.body) : null
  }

  async pendingRebuildJobs(): Promise<RebuildJob[]> {
    return (this.db.prepare("SELECT body FROM rollup_jobs WHERE state = 'pending' ORDER BY requested_at, indicator_code, year").all() as { body: string }[]).map((r) => JSON.parse(r.body))
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
      const { unitPath, ...report } = r
      // Roll-ups first: a stale stamp returns before anything is written.
      if (!this.applyRollup(r.indicatorCode, r.orgUnitId, year, w.expectedYearStamp, w.counted, w.rollupUnitIds, w.deltas)) return { kind: 'stale' }
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
    if (q.updatedBefore) (where.push('updated_at < @before'), (params.before = q.updatedBefore))
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

  async rollups(indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>> {
    const out = new Map<string, Map<string, Aggregates>>()
    if (indicatorCodes.length === 0 || unitIds.length === 0) return out
    const stmt = this.q('SELECT unit_id, field, sum, n FROM rollups WHERE indicator_code = ? AND unit_id = ? AND period = ?')
    for (const code of indicatorCodes) {
      const byUnit = new Map<string, Aggregates>()
      for (const unitId of unitIds) {
        const aggs: Aggregates = {}
        for (const row of stmt.all(code, unitId, period) as { field: string; sum: number; n: number }[]) aggs[row.field] = { sum: row.sum, n: row.n }
        byUnit.set(unitId, aggs)
      }
      out.set(code, byUnit)
    }
    return out
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
