import { Pool, type PoolClient, type PoolConfig } from 'pg'
import type { Aggregates } from '../../../src/core/figures'
import type { Indicator } from '../../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import type { Person } from '../../../src/core/person'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { Counted } from '../../../src/core/rollup'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'
import { PersonExists, type InvitesOutcome, type InviteWrite } from '../types'
import type { GrantChange, PeriodOpening, HistoryEntry, Invite, NarrativeChange, NarrativeOverride, OutboxEntry, OutboxQuery, RedeemOutcome, ReminderGrant, ReportQuery, ReportWrite, StoredReport, WriteOutcome } from '../types'
import type { JobLock, JobName, JobOutcome } from '../jobLock'
import type { Health, InstallMode, ServerStore, StoredUpload } from '../server'
import { LOCKS, migrate } from './migrate'
import * as narratives from './narratives'
import * as reminders from './reminders'
import * as server from './serverTables'
import { inTransaction, type Queryable } from './tx'

const hasNul = (v: unknown): boolean => (typeof v === 'string' ? v.includes('\u0000') : Array.isArray(v) && v.some(hasNul))

/** The upper bound of a path-prefix range: '/' + 1 is '0' (columns compare byte-wise, COLLATE "C"). */
const prefixEnd = (path: string) => `${path.slice(0, -1)}0`

interface ReportRow {
  body: string
  unit_path: string
}

const toReport = (row: ReportRow): StoredReport => ({ ...JSON.parse(row.body), unitPath: row.unit_path })

const UNIT = 'SELECT id, name, level, parent_id AS "parentId", path FROM org_units'
const PERSON = 'SELECT p.id, p.name, p.role, p.org_unit_id AS "orgUnitId", p.deactivated_at AS "deactivatedAt" FROM people p'

type PersonRow = Omit<Person, 'deactivatedAt'> & { deactivatedAt: string | null }
const toPerson = ({ deactivatedAt, ...p }: PersonRow): Person => (deactivatedAt ? { ...p, deactivatedAt } : p)
const BATCH = 1000

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

  /**
   * Runs `fn` only if no other process (or call) holds the job's advisory
   * lock; answers `{ ran: false }` at once otherwise. The lock is held on
   * one dedicated connection, so a process that dies releases it.
   */
  async exclusive<T>(job: JobName, fn: () => Promise<T>): Promise<JobOutcome<T>> {
    const client = await this.pool.connect()
    try {
      const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCKS[job]])).rows[0].ok
      if (!got) return { ran: false }
      try {
        return { ran: true, value: await fn() }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [LOCKS[job]])
      }
    } finally {
      client.release()
    }
  }

  /** Runs `fn` holding the job's advisory lock, waiting for it (first-run seeding). */
  async serialised<T>(job: JobName, fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect()
    try {
      await client.query('SELECT pg_advisory_lock($1)', [LOCKS[job]])
      try {
        return await fn()
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [LOCKS[job]])
      }
    } finally {
      client.release()
    }
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

  async putOrgUnits(units: OrgUnit[]): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      for (let i = 0; i < units.length; i += BATCH) {
        const b = units.slice(i, i + BATCH)
        await c.query(
          `INSERT INTO org_units (id, name, level, parent_id, path)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
           ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
          [b.map((u) => u.id), b.map((u) => u.name), b.map((u) => u.level), b.map((u) => u.parentId), b.map((u) => u.path)]
        )
      }
    })
  }

  async getOrgUnit(id: string): Promise<OrgUnit | null> {
    return (await this.q().query<OrgUnit>(`${UNIT} WHERE id = $1`, [id])).rows[0] ?? null
  }

  async childUnits(parentId: string): Promise<OrgUnit[]> {
    return (await this.q().query<OrgUnit>(`${UNIT} WHERE parent_id = $1 ORDER BY path`, [parentId])).rows
  }

  async unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]> {
    return (await this.q().query<OrgUnit>(`${UNIT} WHERE level = $1 AND path >= $2 AND path < $3 ORDER BY path`, [level, path, prefixEnd(path)])).rows
  }

  async countUnitsUnder(path: string, level: OrgLevel): Promise<number> {
    const r = await this.q().query<{ c: number }>('SELECT count(*)::int AS c FROM org_units WHERE level = $1 AND path >= $2 AND path < $3', [level, path, prefixEnd(path)])
    return r.rows[0].c
  }

  async putPeople(people: Person[]): Promise<void> {
    await inTransaction(this.pool, (c) => putPeopleIn(c, people))
  }

  async getPerson(id: string): Promise<Person | null> {
    const row = (await this.q().query<PersonRow>(`${PERSON} WHERE id = $1`, [id])).rows[0]
    return row ? toPerson(row) : null
  }

  async listPeople(): Promise<Person[]> {
    return (await this.q().query<PersonRow>(`${PERSON} ORDER BY id`)).rows.map(toPerson)
  }

  async peopleAfter(afterId: string | null, limit: number): Promise<Person[]> {
    return (await this.q().query<PersonRow>(`${PERSON} WHERE id > $1 ORDER BY id LIMIT $2`, [afterId ?? '', limit])).rows.map(toPerson)
  }

  async peopleUnder(path: string, afterId: string | null, limit: number): Promise<Person[]> {
    if (hasNul(path) || hasNul(afterId ?? '')) return []
    const r = await this.q().query<PersonRow>(`${PERSON} JOIN org_units u ON u.id = p.org_unit_id WHERE u.path >= $1 AND u.path < $2 AND p.id > $3 ORDER BY p.id LIMIT $4`, [
      path,
      prefixEnd(path),
      afterId ?? '',
      limit
    ])
    return r.rows.map(toPerson)
  }

  async personByOpenid(openid: string): Promise<Person | null> {
    const row = (await this.q().query<PersonRow>(`${PERSON} WHERE openid = $1`, [openid])).rows[0]
    return row ? toPerson(row) : null
  }

  async createInvites(items: InviteWrite[]): Promise<InvitesOutcome> {
    return inTransaction(this.pool, async (c): Promise<InvitesOutcome> => {
      const fresh = items.flatMap((i) => (i.newPerson ? [i.newPerson] : []))
      if (fresh.length) {
        const taken = (await c.query<{ id: string }>('SELECT id FROM people WHERE id = ANY($1::text[]) LIMIT 1', [fresh.map((p) => p.id)])).rows[0]
        if (taken) throw new PersonExists(taken.id)
        await putPeopleIn(c, fresh)
      }
      for (const { invite: inv } of items) {
        await c.query('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)', [inv.code, inv.personId, inv.createdBy, inv.createdAt, inv.expiresAt])
      }
      return { kind: 'ok' }
    })
  }

  async createInvite(inv: Invite): Promise<void> {
    await this.pool.query('INSERT INTO invites (code, person_id, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, NULL)', [
      inv.code,
      inv.personId,
      inv.createdBy,
      inv.createdAt,
      inv.expiresAt
    ])
  }

  async redeemInvite(code: string, openid: string, now: string): Promise<RedeemOutcome> {
    if (hasNul(code)) return { kind: 'not_found' }
    return inTransaction(this.pool, async (c): Promise<RedeemOutcome> => {
      // The row lock makes two redeems of one code take turns: the second sees it used.
      const inv = (await c.query<{ person_id: string; expires_at: string; used_at: string | null }>('SELECT person_id, expires_at, used_at FROM invites WHERE code = $1 FOR UPDATE', [code])).rows[0]
      if (!inv) return { kind: 'not_found' }
      if (inv.used_at) return { kind: 'used' }
      if (inv.expires_at < now) return { kind: 'expired' }
      const holder = (await c.query<{ deactivated_at: string | null }>('SELECT deactivated_at FROM people WHERE id = $1', [inv.person_id])).rows[0]
      // A deactivated person's code is as good as none (the one answer for every bad code).
      if (!holder || holder.deactivated_at) return { kind: 'not_found' }
      await c.query('UPDATE invites SET used_at = $1, used_by = $2 WHERE code = $3', [now, openid, code])
      // One WeChat account speaks for one person: a re-bind moves it.
      await c.query('UPDATE people SET openid = NULL WHERE openid = $1', [openid])
      await c.query('UPDATE people SET openid = $1 WHERE id = $2', [openid, inv.person_id])
      return { kind: 'ok', person: toPerson((await c.query<PersonRow>(`${PERSON} WHERE id = $1`, [inv.person_id])).rows[0]) }
    })
  }

  async putIndicator(ind: Indicator): Promise<void> {
    const body = JSON.stringify(ind)
    await inTransaction(this.pool, async (c) => {
      // The registry row reports reference; its body is the latest plan put.
      await c.query('INSERT INTO indicators (code, seq, body) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET seq = excluded.seq, body = excluded.body', [ind.code, ind.seq, body])
      await c.query('INSERT INTO plans (code, year, seq, body) VALUES ($1, $2, $3, $4) ON CONFLICT (code, year) DO UPDATE SET seq = excluded.seq, body = excluded.body', [
        ind.code,
        ind.year,
        ind.seq,
        body
      ])
    })
  }

  async getIndicator(code: string, year: number): Promise<Indicator | null> {
    const row = (await this.q().query<{ body: string }>('SELECT body FROM plans WHERE code = $1 AND year = $2', [code, year])).rows[0]
    return row ? JSON.parse(row.body) : null
  }

  async listIndicators(year: number): Promise<Indicator[]> {
    return (await this.q().query<{ body: string }>('SELECT body FROM plans WHERE year = $1 ORDER BY seq, code', [year])).rows.map((r) => JSON.parse(r.body))
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

  async submission(clientId: string): Promise<{ reportId: string } | null> {
    const row = (await this.q().query<{ report_id: string }>('SELECT report_id FROM submissions WHERE client_id = $1', [clientId])).rows[0]
    return row ? { reportId: row.report_id } : null
  }

  async unitYear(indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState> {
    const row = (await this.q().query<{ stamp: number; counted: string }>('SELECT stamp, counted FROM unit_years WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3', [indicatorCode, orgUnitId, year]))
      .rows[0]
    return row ? { stamp: row.stamp, counted: JSON.parse(row.counted) } : { stamp: 0, counted: {} }
  }

  async unitYearsOf(indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]> {
    const r = await this.q().query<{ id: string }>('SELECT org_unit_id AS id FROM unit_years WHERE indicator_code = $1 AND year = $2 AND org_unit_id > $3 ORDER BY org_unit_id LIMIT $4', [
      indicatorCode,
      year,
      afterUnitId ?? '',
      limit
    ])
    return r.rows.map((x) => x.id)
  }

  async countUnitYears(indicatorCode: string, year: number): Promise<number> {
    return (await this.q().query<{ c: number }>('SELECT count(*)::int AS c FROM unit_years WHERE indicator_code = $1 AND year = $2', [indicatorCode, year])).rows[0].c
  }

  /** Locks the unit-year row (made on first use) and answers its stamp; in the caller's transaction. */
  private async lockUnitYear(c: PoolClient, key: [string, string, number]): Promise<number> {
    await c.query("INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp, counted) VALUES ($1, $2, $3, 0, '{}') ON CONFLICT DO NOTHING", key)
    return (await c.query<{ stamp: number }>('SELECT stamp FROM unit_years WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3 FOR UPDATE', key)).rows[0].stamp
  }

  private async stampUnitYear(c: PoolClient, key: [string, string, number], counted: Counted): Promise<void> {
    await c.query('UPDATE unit_years SET stamp = stamp + 1, counted = $4 WHERE indicator_code = $1 AND org_unit_id = $2 AND year = $3', [...key, JSON.stringify(counted)])
  }

  private async addRollups(c: PoolClient, rows: RollupRow[]): Promise<void> {
    if (rows.length === 0) return
    await c.query(
      `INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::int[])
       ON CONFLICT (indicator_code, unit_id, period, field) DO UPDATE SET sum = rollups.sum + excluded.sum, n = rollups.n + excluded.n`,
      [rows.map((x) => x.code), rows.map((x) => x.unitId), rows.map((x) => x.period), rows.map((x) => x.field), rows.map((x) => x.dSum), rows.map((x) => x.dN)]
    )
  }

  /**
   * A rebuild batch in one transaction: unit-year rows locked in one sorted
   * order, each checked against its stamp, and the deltas of those still
   * current summed per roll-up row and upserted once.
   */
  async writeRollups(ws: RollupWrite[]): Promise<('ok' | 'stale')[]> {
    if (ws.length === 0) return []
    return inTransaction(this.pool, async (c) => {
      const keyOf = (w: RollupWrite): [string, string, number] => [w.indicatorCode, w.orgUnitId, w.year]
      const order = ws.map((w, i) => ({ w, i, k: keyOf(w).join('\u0000') })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
      const out: ('ok' | 'stale')[] = new Array(ws.length)
      const current: RollupWrite[] = []
      for (const { w, i } of order) {
        const stamp = await this.lockUnitYear(c, keyOf(w))
        if (stamp !== w.expectedYearStamp) {
          out[i] = 'stale'
          continue
        }
        await this.stampUnitYear(c, keyOf(w), w.counted)
        current.push(w)
        out[i] = 'ok'
      }
      await this.addRollups(c, rollupRows(current))
      return out
    })
  }

  async putRebuildJob(job: RebuildJob): Promise<void> {
    await this.pool.query(
      `INSERT INTO rollup_jobs (indicator_code, year, state, requested_at, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (indicator_code, year) DO UPDATE SET state = excluded.state, requested_at = excluded.requested_at, body = excluded.body`,
      [job.indicatorCode, job.year, job.state, job.requestedAt, JSON.stringify(job)]
    )
  }

  async putPeriodOpening(o: PeriodOpening): Promise<void> {
    await this.pool.query(
      `INSERT INTO period_openings (indicator_code, org_unit_id, period, until, body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (indicator_code, org_unit_id, period) DO UPDATE SET until = excluded.until, body = excluded.body`,
      [o.indicatorCode, o.orgUnitId, o.period, o.until, JSON.stringify(o)]
    )
  }

  async periodOpening(indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
    const row = (await this.q().query<{ body: string }>('SELECT body FROM period_openings WHERE indicator_code = $1 AND org_unit_id = $2 AND period = $3', [indicatorCode, orgUnitId, period])).rows[0]
    return row ? JSON.parse(row.body) : null
  }

  async periodOpeningsOf(orgUnitId: string, today: string): Promise<PeriodOpening[]> {
    const { rows } = await this.q().query<{ body: string }>('SELECT body FROM period_openings WHERE org_unit_id = $1 AND until >= $2 ORDER BY period, indicator_code', [orgUnitId, today])
    return rows.map((r) => JSON.parse(r.body))
  }

  async rebuildJob(indicatorCode: string, year: number): Promise<RebuildJob | null> {
    const row = (await this.q().query<{ body: string }>('SELECT body FROM rollup_jobs WHERE indicator_code = $1 AND year = $2', [indicatorCode, year])).rows[0]
    return row ? JSON.parse(row.body) : null
  }

  async pendingRebuildJobs(): Promise<RebuildJob[]> {
    return (await this.q().query<{ body: string }>("SELECT body FROM rollup_jobs WHERE state = 'pending' ORDER BY requested_at, indicator_code, year")).rows.map((r) => JSON.parse(r.body))
  }

  async writeReport(w: ReportWrite): Promise<WriteOutcome> {
    try {
      return await inTransaction(this.pool, (c) => this.writeIn(c, w), { commitIf: (o) => o.kind === 'ok' })
    } catch (e) {
      // The same client id committed for another unit-year in the meantime.
      if (w.clientId && (e as { code?: string; constraint?: string }).code === '23505' && (e as { constraint?: string }).constraint === 'submissions_pkey') {
        const dup = await this.submission(w.clientId)
        if (dup) return { kind: 'duplicate', reportId: dup.reportId }
      }
      throw e
    }
  }

  /** The write inside its transaction; anything but `ok` is rolled back by the caller. */
  private async writeIn(c: PoolClient, w: ReportWrite): Promise<WriteOutcome> {
    const r = w.report
    const year = Number(r.period.slice(0, 4))
    const key: [string, string, number] = [r.indicatorCode, r.orgUnitId, year]
    const stamp = await this.lockUnitYear(c, key)
    if (w.clientId) {
      const dup = (await c.query<{ report_id: string }>('SELECT report_id FROM submissions WHERE client_id = $1', [w.clientId])).rows[0]
      if (dup) return { kind: 'duplicate', reportId: dup.report_id }
    }
    const cur = (await c.query<{ version: number }>('SELECT version FROM reports WHERE id = $1', [r.id])).rows[0]
    if ((cur?.version ?? 0) !== w.expectedVersion) return { kind: 'conflict' }
    if (stamp !== w.expectedYearStamp) return { kind: 'stale' }

    const { unitPath, ...report } = r
    await c.query(
      `INSERT INTO reports (id, indicator_code, org_unit_id, unit_path, period, year, status, version, updated_at, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, version = excluded.version, updated_at = excluded.updated_at, body = excluded.body`,
      [r.id, r.indicatorCode, r.orgUnitId, unitPath, r.period, year, r.status, r.version, r.updatedAt, JSON.stringify(report)]
    )
    if (w.clientId) await c.query('INSERT INTO submissions (client_id, report_id, version) VALUES ($1, $2, $3)', [w.clientId, r.id, r.version])
    await this.stampUnitYear(c, key, w.counted)
    await this.addRollups(c, rollupRows([w]))
    const h = w.history
    await c.query('INSERT INTO history (report_id, at, actor_id, actor_name, action, version, changes, comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      h.reportId,
      h.at,
      h.actorId,
      h.actorName,
      h.action,
      h.version,
      JSON.stringify(h.changes),
      h.comment ?? null
    ])
    return { kind: 'ok' }
  }

  async queryReports(q: ReportQuery): Promise<StoredReport[]> {
    const params: unknown[] = [q.underPath, prefixEnd(q.underPath)]
    const where = ['unit_path >= $1', 'unit_path < $2']
    const add = (sql: string, v: unknown) => {
      params.push(v)
      where.push(`${sql} $${params.length}`)
    }
    if (q.status) add('status =', q.status)
    if (q.indicatorCode) add('indicator_code =', q.indicatorCode)
    if (q.period) add('period =', q.period)
    if (q.updatedBefore) add('updated_at <', q.updatedBefore)
    params.push(q.limit)
    const r = await this.q().query<ReportRow>(`SELECT body, unit_path FROM reports WHERE ${where.join(' AND ')} ORDER BY updated_at DESC, id LIMIT $${params.length}`, params)
    return r.rows.map(toReport)
  }

  async history(reportId: string): Promise<HistoryEntry[]> {
    const rows = (await this.q().query('SELECT * FROM history WHERE report_id = $1 ORDER BY id', [reportId])).rows as Record<string, unknown>[]
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
    for (const code of indicatorCodes) out.set(code, new Map(unitIds.map((u) => [u, {} as Aggregates])))
    // One round trip for the whole grid of indicators × units.
    const r = await this.q().query<{ indicator_code: string; unit_id: string; field: string; sum: number; n: number }>(
      'SELECT indicator_code, unit_id, field, sum, n FROM rollups WHERE indicator_code = ANY($1::text[]) AND unit_id = ANY($2::text[]) AND period = $3',
      [indicatorCodes, unitIds, period]
    )
    for (const row of r.rows) {
      const aggs = out.get(row.indicator_code)?.get(row.unit_id)
      if (aggs) aggs[row.field] = { sum: row.sum, n: row.n }
    }
    return out
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

interface RollupRow {
  code: string
  unitId: string
  period: string
  field: string
  dSum: number
  dN: number
}

/**
 * One row per (indicator, unit, period, field), deltas for the same key
 * added up (one upsert cannot touch a row twice), sorted so that every
 * writer locks roll-up rows in the same order.
 */
export function rollupRows(ws: Pick<ReportWrite, 'rollupUnitIds' | 'deltas'>[]): RollupRow[] {
  const byKey = new Map<string, RollupRow>()
  for (const w of ws) for (const unitId of w.rollupUnitIds) {
    for (const d of w.deltas) {
      const k = [d.indicatorCode, unitId, d.period, d.field].join('\u0000')
      const row = byKey.get(k)
      if (row) {
        row.dSum += d.dSum
        row.dN += d.dN
      } else byKey.set(k, { code: d.indicatorCode, unitId, period: d.period, field: d.field, dSum: d.dSum, dN: d.dN })
    }
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r)
}

/**
 * Inside a transaction: upserts people, ending the sessions of anyone whose
 * role, unit or standing (deactivated or not) changes.
 */
async function putPeopleIn(c: Queryable, people: Person[]): Promise<void> {
  for (let i = 0; i < people.length; i += BATCH) {
    const b = people.slice(i, i + BATCH)
    const cols = [b.map((p) => p.id), b.map((p) => p.name), b.map((p) => p.role), b.map((p) => p.orgUnitId), b.map((p) => p.deactivatedAt ?? null)]
    await c.query(
      `INSERT INTO session_generations (person_id, generation)
       SELECT p.id, 1 FROM people p JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS n(id, name, role, unit, off) ON p.id = n.id
       WHERE p.role <> n.role OR p.org_unit_id <> n.unit OR p.deactivated_at IS DISTINCT FROM n.off
       ON CONFLICT (person_id) DO UPDATE SET generation = session_generations.generation + 1`,
      cols
    )
    await c.query(
      `INSERT INTO people (id, name, role, org_unit_id, deactivated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, org_unit_id = excluded.org_unit_id, deactivated_at = excluded.deactivated_at`,
      cols
    )
  }
}
