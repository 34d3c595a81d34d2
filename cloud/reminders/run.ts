import { randomBytes } from 'node:crypto'
import { chinaDate, chinaHour, type Clock } from '../../src/core/clock'
import { candidatesFor, classify, isQuietHour, planReminders, type PlannedReminder, type ReminderItem } from '../../src/core/reminders'
import { isReviewer, type Person } from '../../src/core/person'
import type { OrgUnit } from '../../src/core/org'
import type { ReportStatus } from '../../src/core/report'
import type { OutboxEntry, OutboxItem, OutboxStatus, Store } from '../store/types'
import type { ReminderConfig } from './config'
import { ERR_REFUSED, type MessageSender } from './sender'

/**
 * The reminder job: read who owes what, plan today's messages (pure core),
 * send each through the sender, and record every attempt in the outbox.
 * The `remind` cloud function runs it on its timer; the local server on a
 * croner schedule and on an admin's "run now". Safe to run again the same
 * day: a person is claimed for the day before sending (one message per
 * person per day, even with two runs at once), and a failed send gives the
 * claim and the grant back so the next run retries.
 */

export interface RunDeps {
  store: Store
  clock: Clock
  config: ReminderConfig
  sender: MessageSender
  /** How long periods stay open after their due date (ApiConfig.graceDays). */
  graceDays: number
  log?: { error(msg: string, err: unknown): void }
}

export interface RunSummary {
  day: string
  at: string
  /** Quiet hours: nothing was read or sent; the next run picks it up. */
  quiet: boolean
  sent: number
  /** WeChat answered 43101: the grants for that template were zeroed. */
  refused: number
  /** Other errors: recorded, retried next run. */
  failed: number
  noGrant: number
  alreadyReminded: number
  noTemplate: number
  /** Another process was running the job: this call did nothing. */
  busy?: true
}

/** The answer when another process holds the reminder job. */
export function busySummary(now: Date): RunSummary {
  return { day: chinaDate(now), at: now.toISOString(), quiet: false, sent: 0, refused: 0, failed: 0, noGrant: 0, alreadyReminded: 0, noTemplate: 0, busy: true }
}

const READ_BATCH = 20

async function statusesOf(store: Store, ids: string[]): Promise<Map<string, ReportStatus>> {
  const out = new Map<string, ReportStatus>()
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const reports = await Promise.all(ids.slice(i, i + READ_BATCH).map((id) => store.getReport(id)))
    for (const r of reports) if (r) out.set(r.id, r.status)
  }
  return out
}

const outboxItems = (r: PlannedReminder): OutboxItem[] => {
  const item = (i: ReminderItem, escalated: boolean): OutboxItem => ({
    reportId: i.reportId,
    unitId: i.unitId,
    indicatorCode: i.indicatorCode,
    title: i.title,
    period: i.period,
    state: i.state,
    daysLeft: i.daysLeft,
    escalated
  })
  return [...r.items.map((i) => item(i, false)), ...r.escalated.map((i) => item(i, true))]
}

export async function runReminders(deps: RunDeps): Promise<RunSummary> {
  const { store, config, sender } = deps
  const now = deps.clock.now()
  const at = now.toISOString()
  const day = chinaDate(now)
  const summary: RunSummary = { day, at, quiet: false, sent: 0, refused: 0, failed: 0, noGrant: 0, alreadyReminded: 0, noTemplate: 0 }
  if (isQuietHour(chinaHour(now), config.quietHours)) return { ...summary, quiet: true }

  // Who, and which units matter: each person's unit, and for reviewers the units directly below.
  const units = new Map<string, OrgUnit>()
  const people: { person: Person; unit: OrgUnit }[] = []
  for (const person of await store.listPeople()) {
    const unit = units.get(person.orgUnitId) ?? (await store.getOrgUnit(person.orgUnitId))
    if (!unit) continue
    units.set(unit.id, unit)
    people.push({ person, unit })
    if (isReviewer(person.role)) for (const child of await store.childUnits(unit.id)) units.set(child.id, child)
  }
  const indicators = await store.listIndicators()
  const candidates = [...units.values()].flatMap((u) => candidatesFor(u, indicators, day, deps.graceDays))
  const statuses = await statusesOf(store, candidates.map((c) => c.reportId))
  const items = candidates.map((c) => classify(c, statuses.get(c.reportId) ?? null, day, config.dueWithinDays)).filter((i): i is ReminderItem => i !== null)
  const grants = await store.reminderGrants(people.map((p) => p.person.id))
  const remindedToday = new Set(await store.remindedOn(day))
  const plan = planReminders({ today: day, hour: chinaHour(now), people, items, units, grants, remindedToday, rules: config })

  const runId = randomBytes(3).toString('hex')
  let seq = 0
  const record = async (r: PlannedReminder, status: OutboxStatus, extra: Partial<OutboxEntry> = {}) => {
    seq += 1
    await store.appendOutbox({
      id: `${at}~${runId}~${String(seq).padStart(5, '0')}`,
      at,
      day,
      personId: r.person.id,
      personName: r.person.name,
      kind: r.kind,
      templateId: r.template?.id ?? null,
      status,
      channel: null,
      items: outboxItems(r),
      data: r.data,
      page: r.page,
      ...extra
    })
  }

  for (const skip of plan.skipped) {
    if (skip.reason === 'no_grant') {
      summary.noGrant += 1
      await record(skip, 'no_grant')
    } else if (skip.reason === 'already_reminded') summary.alreadyReminded += 1
    else summary.noTemplate += 1
  }

  for (const m of plan.messages) {
    const personId = m.person.id
    const templateId = m.template.id
    if (!(await store.markReminded(personId, day))) {
      summary.alreadyReminded += 1
      continue
    }
    if (m.usesOneTime && !(await store.useReminderGrant(personId, templateId, at))) {
      // Another run used the last grant in the meantime.
      await store.unmarkReminded(personId, day)
      summary.noGrant += 1
      await record(m, 'no_grant')
      continue
    }
    const openid = grants.find((g) => g.personId === personId && g.templateId === templateId)?.openid ?? null
    const result = await sender
      .send({ touser: openid, templateId, page: m.page, data: m.data, miniprogramState: config.miniprogramState, lang: config.lang })
      .catch((e: unknown) => ({ ok: false as const, errCode: -1, errMsg: e instanceof Error ? e.message : String(e) }))
    if (result.ok) {
      summary.sent += 1
      await record(m, 'sent', { channel: sender.channel })
      continue
    }
    await store.unmarkReminded(personId, day)
    if (result.errCode === ERR_REFUSED) {
      await store.zeroReminderGrants(personId, templateId, at)
      summary.refused += 1
      await record(m, 'refused', { channel: sender.channel, errCode: result.errCode, errMsg: result.errMsg })
    } else {
      // Not sent, so not used: give the grant back for the next run.
      if (m.usesOneTime) await store.grantReminder({ personId, templateId, openid: null, add: 1, at })
      summary.failed += 1
      deps.log?.error(`reminder to ${personId} failed: ${result.errCode} ${result.errMsg}`, null)
      await record(m, 'failed', { channel: sender.channel, errCode: result.errCode, errMsg: result.errMsg })
    }
  }
  return summary
}
