import type { Aggregates } from '../../../src/core/figures'
import type { Indicator } from '../../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../../src/core/org'
import type { Person } from '../../../src/core/person'
import type { PeriodOpening } from '../types'
import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { InvitesOutcome, InviteWrite, SignOffBasis } from '../types'
import type { GrantChange, HistoryEntry, Invite, NarrativeChange, NarrativeOverride, OutboxEntry, OutboxQuery, RedeemOutcome, ReminderGrant, ReportQuery, ReportWrite, Store, StoredReport, WriteOutcome } from '../types'
import { C, chunks, fetchAll, fromDoc, planId, plain, prefixPattern, readDoc, unitYearId } from './docs'
import { createInvitesTx, createInviteTx, redeemInviteTx, toPerson } from './identity'
import * as narratives from './narratives'
import * as openings from './openingsAndSignoffs'
import { readRollups } from './rollupReads'
import type { SignOff } from '../../../src/core/reviewChain'
import * as reminders from './reminders'
import type { Database, DocData } from './sdk'
import { writeReportTx, writeRollupTx } from './writeReport'
import type { RebuildJob, RollupWrite, UnitYearState } from '../../rollup/port'

/** A unit document as the domain sees it: optional fields (stored as null when unset) only when set. */
const toUnit = (doc: DocData): OrgUnit => {
  const u = fromDoc<Record<string, unknown>>(doc, 'id')
  for (const k of ['retiredAt', 'mergedInto', 'population']) if (u[k] === null || u[k] === undefined) delete u[k]
  return u as unknown as OrgUnit
}
const toReport = (doc: DocData): StoredReport => fromDoc<StoredReport>(doc, 'id', ['year'])
const toIndicator = (doc: DocData): Indicator => {
  const { _id, ...ind } = doc
  return ind as unknown as Indicator
}
const toJob = (doc: DocData): RebuildJob => {
  const { _id, ...job } = doc
  return job as unknown as RebuildJob
}
const toHistory = (doc: DocData): HistoryEntry => {
  const { _id, seq, ...entry } = doc
  return entry as unknown as HistoryEntry
}

/** How many independent writes a bulk put keeps in flight: fast seeding without a burst. */
const WRITE_BATCH = 10

async function inBatches<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_BATCH) await Promise.all(items.slice(i, i + WRITE_BATCH).map(fn))
}

/**
 * The production store: wx-server-sdk's document database. Documents are
 * addressed by domain ids (`_id` = unit id, person id, indicator code,
 * report id, client id), so single-document reads are by id and report
 * writes can run as single-document transactions (see writeReport.ts).
 * Every list read pages past the SDK's 100-record default (`fetchAll`).
 *
 * Indexes to create in the console: org_units (parentId), (level, path);
 * people (openid); plans (year, seq); unit_years (indicatorCode, year,
 * orgUnitId); rollup_jobs (state, requestedAt); reports (indicatorCode, orgUnitId, year),
 * (unitPath, updatedAt), (indicatorCode, year, unitPath); period_openings
 * (orgUnitId, until), (indicatorCode, period); signoffs by _id only;
 * history (reportId, seq); and the reminder
 * collections listed in reminders.ts and narratives.ts.
 */
export class CloudBaseStore implements Store {
  constructor(private readonly db: Database) {}

  private col(name: string) {
    return this.db.collection(name)
  }

  /** Which of `ids` already exist in `collection`, by `_id` in chunks of ≤ 100. */
  private async existing(collection: string, ids: string[]): Promise<Set<string>> {
    const _ = this.db.command
    const found = new Set<string>()
    for (const chunk of chunks([...new Set(ids)])) {
      const { data } = await this.col(collection).where({ _id: _.in(chunk) }).limit(chunk.length).get()
      for (const d of data) found.add(String(d._id))
    }
    return found
  }

  /** Active units of `level` under `path`; `retiredAt: null` also matches documents written before units could retire. */
  private subtree(path: string, level: OrgLevel) {
    return this.col(C.units).where({ level, retiredAt: null, path: this.db.RegExp({ regexp: prefixPattern(path) }) })
  }

  async putOrgUnits(units: OrgUnit[]): Promise<void> {
    // Like the SQLite upsert: a known unit only changes its name; its place in the tree is fixed.
    const known = await this.existing(C.units, units.map((u) => u.id))
    await inBatches(units, ({ id, name, level, parentId, path }) =>
      known.has(id) ? this.col(C.units).doc(id).update({ data: { name } }) : this.col(C.units).doc(id).set({ data: { name, level, parentId, path, retiredAt: null } })
    )
  }

  async getOrgUnit(id: string): Promise<OrgUnit | null> {
    const doc = await readDoc(this.col(C.units).doc(id))
    return doc ? toUnit(doc) : null
  }

  async childUnits(parentId: string): Promise<OrgUnit[]> {
    return (await fetchAll(this.col(C.units).where({ parentId, retiredAt: null }).orderBy('path', 'asc'))).map(toUnit)
  }

  async orgTree(path: string): Promise<OrgUnit[]> {
    return (await fetchAll(this.col(C.units).where({ path: this.db.RegExp({ regexp: prefixPattern(path) }) }).orderBy('path', 'asc'))).map(toUnit)
  }

  /**
   * Units and people in one transaction (documents by id). The reports'
   * stored paths follow after it, unit by unit: a CloudBase transaction
   * cannot query. Should that step be cut short, the same edit sent again
   * (or any later edit of those units) sets the remaining paths.
   */
  async applyOrgChange(units: OrgUnit[], people: { personId: string; orgUnitId: string }[]): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      for (const u of units) {
        const { id, name, level, parentId, path } = u
        await tx.collection(C.units).doc(id).set({ data: { name, level, parentId, path, retiredAt: u.retiredAt ?? null, mergedInto: u.mergedInto ?? null, population: u.population ?? null } })
      }
      for (const p of people) await tx.collection(C.people).doc(p.personId).update({ data: { orgUnitId: p.orgUnitId } })
    })
    for (const u of units) {
      const stale = (await fetchAll(this.col(C.reports).where({ orgUnitId: u.id }).orderBy('_id', 'asc'))).filter((d) => d.unitPath !== u.path)
      await inBatches(stale, (d) => this.col(C.reports).doc(String(d._id)).update({ data: { unitPath: u.path } }))
    }
  }

  async unitsUnder(path: string, level: OrgLevel): Promise<OrgUnit[]> {
    return (await fetchAll(this.subtree(path, level).orderBy('path', 'asc'))).map(toUnit)
  }

  async countUnitsUnder(path: string, level: OrgLevel): Promise<number> {
    return (await this.subtree(path, level).count()).total
  }

  async putPeople(people: Person[]): Promise<void> {
    // An existing person keeps their WeChat binding.
    const known = await this.existing(C.people, people.map((p) => p.id))
    await inBatches(people, ({ id, name, role, orgUnitId, deactivatedAt }) =>
      known.has(id)
        ? this.col(C.people).doc(id).update({ data: { name, role, orgUnitId, deactivatedAt: deactivatedAt ?? null } })
        : this.col(C.people).doc(id).set({ data: { name, role, orgUnitId, deactivatedAt: deactivatedAt ?? null, openid: null } })
    )
  }

  async getPerson(id: string): Promise<Person | null> {
    const doc = await readDoc(this.col(C.people).doc(id))
    return doc ? toPerson(doc) : null
  }

  async listPeople(): Promise<Person[]> {
    return (await fetchAll(this.col(C.people).orderBy('_id', 'asc'))).map(toPerson)
  }

  async peopleAfter(afterId: string | null, limit: number): Promise<Person[]> {
    const col = this.col(C.people)
    const q = afterId === null ? col : col.where({ _id: this.db.command.gt(afterId) })
    // One page: a cloud function reads at most 1000 records per get.
    const { data } = await q.orderBy('_id', 'asc').limit(Math.min(limit, 1000)).get()
    return data.map(toPerson)
  }

  async peopleUnder(path: string, afterId: string | null, limit: number): Promise<Person[]> {
    const _ = this.db.command
    const units = await fetchAll(this.col(C.units).where({ path: this.db.RegExp({ regexp: prefixPattern(path) }) }))
    // One page from each chunk of units, merged: the first `limit` by id over all of them.
    const found: Person[] = []
    for (const chunk of chunks(units.map((u) => String(u._id)))) {
      const where: Record<string, unknown> = { orgUnitId: _.in(chunk) }
      if (afterId !== null) where._id = _.gt(afterId)
      const { data } = await this.col(C.people).where(where).orderBy('_id', 'asc').limit(Math.min(limit, 1000)).get()
      found.push(...data.map(toPerson))
    }
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit)
  }

  async createInvites(items: InviteWrite[]): Promise<InvitesOutcome> {
    return createInvitesTx(this.db, items)
  }

  async personByOpenid(openid: string): Promise<Person | null> {
    const { data } = await this.col(C.people).where({ openid }).limit(1).get()
    return data[0] ? toPerson(data[0]) : null
  }

  async createInvite(invite: Invite): Promise<void> {
    await createInviteTx(this.db, invite)
  }

  async redeemInvite(code: string, openid: string, now: string): Promise<RedeemOutcome> {
    return redeemInviteTx(this.db, code, openid, now)
  }

  async putIndicator(ind: Indicator): Promise<void> {
    await this.col(C.plans).doc(planId(ind.code, ind.year)).set({ data: plain(ind) })
  }

  async getIndicator(code: string, year: number): Promise<Indicator | null> {
    const doc = await readDoc(this.col(C.plans).doc(planId(code, year)))
    return doc ? toIndicator(doc) : null
  }

  async listIndicators(year: number): Promise<Indicator[]> {
    return (await fetchAll(this.col(C.plans).where({ year }).orderBy('seq', 'asc').orderBy('_id', 'asc'))).map(toIndicator)
  }

  async removeIndicator(code: string, year: number): Promise<void> {
    if (await readDoc(this.col(C.plans).doc(planId(code, year)))) await this.col(C.plans).doc(planId(code, year)).remove()
  }

  async planYears(): Promise<number[]> {
    // A plan has tens of items a year: reading them all is a few pages.
    const years = new Set((await fetchAll(this.col(C.plans).orderBy('_id', 'asc'))).map((d) => Number(d.year)))
    return [...years].sort((a, b) => a - b)
  }

  async getReport(id: string): Promise<StoredReport | null> {
    const doc = await readDoc(this.col(C.reports).doc(id))
    return doc ? toReport(doc) : null
  }

  async reportsInYear(indicatorCode: string, orgUnitId: string, year: number): Promise<StoredReport[]> {
    const q = this.col(C.reports).where({ indicatorCode, orgUnitId, year }).orderBy('period', 'asc').orderBy('_id', 'asc')
    return (await fetchAll(q)).map(toReport)
  }

  async reportsInYearUnder(indicatorCode: string, year: number, path: string): Promise<StoredReport[]> {
    // Index: reports (indicatorCode, year, unitPath).
    const where = { indicatorCode, year, unitPath: this.db.RegExp({ regexp: prefixPattern(path) }) }
    const q = this.col(C.reports).where(where).orderBy('unitPath', 'asc').orderBy('period', 'asc').orderBy('_id', 'asc')
    return (await fetchAll(q)).map(toReport)
  }

  async reportsInYearOf(indicatorCode: string, year: number, unitIds: string[]): Promise<StoredReport[]> {
    // Index: reports (indicatorCode, orgUnitId, year); ≤ 100 ids per `in`, each chunk paged.
    const out: StoredReport[] = []
    for (const chunk of chunks([...new Set(unitIds)])) {
      const q = this.col(C.reports).where({ indicatorCode, year, orgUnitId: this.db.command.in(chunk) }).orderBy('unitPath', 'asc').orderBy('period', 'asc').orderBy('_id', 'asc')
      out.push(...(await fetchAll(q)).map(toReport))
    }
    return out
  }

  async submission(clientId: string): Promise<{ reportId: string } | null> {
    const doc = await readDoc(this.col(C.submissions).doc(clientId))
    return doc ? { reportId: String(doc.reportId) } : null
  }

  async unitYear(indicatorCode: string, orgUnitId: string, year: number): Promise<UnitYearState> {
    const doc = await readDoc(this.col(C.unitYears).doc(unitYearId(indicatorCode, orgUnitId, year)))
    return { stamp: (doc?.stamp as number | undefined) ?? 0, counted: typeof doc?.counted === 'string' ? JSON.parse(doc.counted) : {} }
  }

  async unitYearsOf(indicatorCode: string, year: number, afterUnitId: string | null, limit: number): Promise<string[]> {
    const where: DocData = { indicatorCode, year }
    if (afterUnitId !== null) where.orgUnitId = this.db.command.gt(afterUnitId)
    const q = this.col(C.unitYears).where(where).orderBy('orgUnitId', 'asc')
    return (await fetchAll(q, limit)).map((d) => String(d.orgUnitId))
  }

  async countUnitYears(indicatorCode: string, year: number): Promise<number> {
    return (await this.col(C.unitYears).where({ indicatorCode, year }).count()).total
  }

  /** One transaction per unit-year: CloudBase transactions are single-document operations, kept small. */
  async writeRollups(ws: RollupWrite[]): Promise<('ok' | 'stale')[]> {
    const out: ('ok' | 'stale')[] = []
    for (const w of ws) out.push(await writeRollupTx(this.db, w))
    return out
  }

  async putRebuildJob(job: RebuildJob): Promise<void> {
    await this.col(C.rollupJobs).doc(unitYearId(job.indicatorCode, '', job.year)).set({ data: plain(job) as unknown as DocData })
  }

  async rebuildJob(indicatorCode: string, year: number): Promise<RebuildJob | null> {
    const doc = await readDoc(this.col(C.rollupJobs).doc(unitYearId(indicatorCode, '', year)))
    return doc ? toJob(doc) : null
  }

  async pendingRebuildJobs(): Promise<RebuildJob[]> {
    return (await fetchAll(this.col(C.rollupJobs).where({ state: 'pending' }).orderBy('requestedAt', 'asc').orderBy('_id', 'asc'))).map(toJob)
  }

  async writeReport(w: ReportWrite): Promise<WriteOutcome> {
    return writeReportTx(this.db, w)
  }

  async queryReports(q: ReportQuery): Promise<StoredReport[]> {
    const _ = this.db.command
    const where: DocData = { unitPath: this.db.RegExp({ regexp: prefixPattern(q.underPath) }) }
    if (q.status) where.status = q.status
    if (q.indicatorCode) where.indicatorCode = q.indicatorCode
    if (q.period) where.period = q.period
    let cond: DocData = where
    if (q.after?.id === undefined && q.after) where.updatedAt = _.lt(q.after.updatedAt)
    else if (q.after?.id !== undefined) {
      const page = _.or([{ updatedAt: _.lt(q.after.updatedAt) }, { updatedAt: q.after.updatedAt, _id: _.gt(q.after.id) }])
      cond = _.and([where, page]) as DocData
    }
    const query = this.col(C.reports).where(cond).orderBy('updatedAt', 'desc').orderBy('_id', 'asc')
    return (await fetchAll(query, q.limit)).map(toReport)
  }

  async history(reportId: string): Promise<HistoryEntry[]> {
    return (await fetchAll(this.col(C.history).where({ reportId }).orderBy('seq', 'asc'))).map(toHistory)
  }

  rollups(indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>> {
    return readRollups(this.db, indicatorCodes, unitIds, period)
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
    await reminders.zeroReminderGrants(this.db, personId, templateId, at)
  }

  async markReminded(personId: string, day: string): Promise<boolean> {
    return reminders.markReminded(this.db, personId, day)
  }

  async unmarkReminded(personId: string, day: string): Promise<void> {
    await reminders.unmarkReminded(this.db, personId, day)
  }

  async remindedOn(day: string): Promise<string[]> {
    return reminders.remindedOn(this.db, day)
  }

  async appendOutbox(entry: OutboxEntry): Promise<void> {
    await reminders.appendOutbox(this.db, entry)
  }

  async listOutbox(q: OutboxQuery): Promise<OutboxEntry[]> {
    return reminders.listOutbox(this.db, q)
  }

  async reminderCursor(): Promise<ReminderCursor | null> {
    return reminders.reminderCursor(this.db)
  }

  async putReminderCursor(c: ReminderCursor): Promise<void> {
    await reminders.putReminderCursor(this.db, c)
  }

  async getNarrative(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeOverride | null> {
    return narratives.getNarrative(this.db, indicatorCode, orgUnitId, year)
  }

  async putNarrative(n: NarrativeOverride): Promise<void> {
    await narratives.putNarrative(this.db, n)
  }

  async clearNarrative(change: Omit<NarrativeChange, 'text'>): Promise<boolean> {
    return narratives.clearNarrative(this.db, change)
  }

  async narrativeHistory(indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeChange[]> {
    return narratives.narrativeHistory(this.db, indicatorCode, orgUnitId, year)
  }

  putPeriodOpening(o: PeriodOpening): Promise<void> {
    return openings.putPeriodOpening(this.db, o)
  }
  periodOpening(indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
    return openings.periodOpening(this.db, indicatorCode, orgUnitId, period)
  }
  periodOpeningsOf(orgUnitId: string, today: string): Promise<PeriodOpening[]> {
    return openings.periodOpeningsOf(this.db, orgUnitId, today)
  }
  periodOpeningsIn(indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]> {
    return openings.periodOpeningsIn(this.db, indicatorCode, year, today)
  }
  signOffs(indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]> {
    return openings.signOffs(this.db, indicatorCode, period, unitIds)
  }
  putSignOff(s: SignOff, basis?: SignOffBasis): Promise<boolean> {
    return openings.putSignOff(this.db, s, basis)
  }

  async close(): Promise<void> {
    // Nothing to release: the SDK holds no connection per store.
  }
}
