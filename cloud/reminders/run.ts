import { randomBytes } from 'node:crypto'
import { chinaDate, chinaHour, type Clock } from '../../src/core/clock'
import { advance, candidatesFor, classify, endOfRound, isQuietHour, planReminders, resumeCursor, retryChunk, type PlannedMessage, type PlannedReminder, type PlannedSkip, type ReminderCursor, type ReminderItem } from '../../src/core/reminders'
import { isReviewer, type Person } from '../../src/core/person'
import type { OrgUnit } from '../../src/core/org'
import type { ReportStatus } from '../../src/core/report'
import type { OutboxEntry, OutboxItem, OutboxStatus, Store } from '../store/types'
import type { ReminderConfig } from './config'
import { ERR_REFUSED, type MessageSender } from './sender'

/**
 * The reminder job: read who owes what, plan today's messages (pure core),
 * send each through the sender, and record every attempt in the outbox.
 * People are read, planned and sent to in chunks, in id order.
 *
 * - `runReminders`: one whole pass over everyone (the local server's
 *   croner schedule and "run now", where nothing limits a run's time).
 * - `runReminderChunk`: a run bounded in time that continues the day's
 *   pass from the cursor stored by the previous run (the `remind` cloud
 *   function, whose timer fires every few minutes in a morning window).
 *
 * Safe to run again the same day, or twice at once: a person is claimed
 * for the day before sending (one message per person per day), and a
 * failed send gives the claim and the grant back so a later pass retries.
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
  /** Chunked runs: where the day's pass stands after this run, and whether the day is done. */
  cursor?: ReminderCursor
  done?: boolean
}

export interface ChunkOptions {
  /** No new person is started once this much time (by the clock) has passed since the run began. */
  budgetMs: number
  /** People read and planned together. */
  chunkSize?: number
  /** Start a new pass from the first person (an admin's "run now"). */
  restart?: boolean
}

export const DEFAULT_CHUNK_SIZE = 200

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

interface Pass {
  deps: RunDeps
  now: Date
  at: string
  day: string
  summary: RunSummary
  remindedToday: Set<string>
  record(r: PlannedReminder, status: OutboxStatus, extra?: Partial<OutboxEntry>): Promise<void>
}

function startPass(deps: RunDeps): Pass {
  const now = deps.clock.now()
  const at = now.toISOString()
  const day = chinaDate(now)
  const runId = randomBytes(3).toString('hex')
  let seq = 0
  return {
    deps,
    now,
    at,
    day,
    summary: { day, at, quiet: false, sent: 0, refused: 0, failed: 0, noGrant: 0, alreadyReminded: 0, noTemplate: 0 },
    remindedToday: new Set(),
    async record(r, status, extra = {}) {
      seq += 1
      await deps.store.appendOutbox({
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
  }
}

/**
 * Plans one chunk of people and handles them one at a time, in id order,
 * until `outOfTime()`; `handled` is told of each person finished (with
 * whether their send failed). Answers false when time ran out first.
 */
async function handleChunk(p: Pass, chunk: Person[], outOfTime: () => boolean, handled: (personId: string, failed: boolean) => void): Promise<boolean> {
  const { store, config, sender } = p.deps
  // Which units matter: each person's unit, and for reviewers the units directly below.
  const units = new Map<string, OrgUnit>()
  const people: { person: Person; unit: OrgUnit }[] = []
  for (const person of chunk) {
    const unit = units.get(person.orgUnitId) ?? (await store.getOrgUnit(person.orgUnitId))
    if (!unit) continue
    units.set(unit.id, unit)
    people.push({ person, unit })
    if (isReviewer(person.role)) for (const child of await store.childUnits(unit.id)) units.set(child.id, child)
  }
  const year = Number(p.day.slice(0, 4))
  const indicators = [...(await store.listIndicators(year - 1)), ...(await store.listIndicators(year))]
  const candidates = [...units.values()].flatMap((u) => candidatesFor(u, indicators, p.day, p.deps.graceDays))
  const statuses = await statusesOf(store, candidates.map((c) => c.reportId))
  const items = candidates.map((c) => classify(c, statuses.get(c.reportId) ?? null, p.day, config.dueWithinDays)).filter((i): i is ReminderItem => i !== null)
  const grants = await store.reminderGrants(people.map((x) => x.person.id))
  const plan = planReminders({ today: p.day, hour: chinaHour(p.now), people, items, units, grants, remindedToday: p.remindedToday, rules: config })
  const planned = new Map<string, { skip: PlannedSkip } | { message: PlannedMessage }>()
  for (const skip of plan.skipped) planned.set(skip.person.id, { skip })
  for (const message of plan.messages) planned.set(message.person.id, { message })

  const { summary, day, at } = p
  for (const person of chunk) {
    if (outOfTime()) return false
    const entry = planned.get(person.id)
    let failed = false
    if (entry && 'skip' in entry) {
      const skip = entry.skip
      if (skip.reason === 'no_grant') {
        summary.noGrant += 1
        await p.record(skip, 'no_grant')
      } else if (skip.reason === 'already_reminded') summary.alreadyReminded += 1
      else summary.noTemplate += 1
    } else if (entry) {
      const m = entry.message
      const personId = m.person.id
      const templateId = m.template.id
      if (!(await store.markReminded(personId, day))) {
        summary.alreadyReminded += 1
      } else if (m.usesOneTime && !(await store.useReminderGrant(personId, templateId, at))) {
        // Another run used the last grant in the meantime.
        await store.unmarkReminded(personId, day)
        summary.noGrant += 1
        await p.record(m, 'no_grant')
      } else {
        p.remindedToday.add(personId)
        const openid = grants.find((g) => g.personId === personId && g.templateId === templateId)?.openid ?? null
        const result = await sender
          .send({ touser: openid, templateId, page: m.page, data: m.data, miniprogramState: config.miniprogramState, lang: config.lang })
          .catch((e: unknown) => ({ ok: false as const, errCode: -1, errMsg: e instanceof Error ? e.message : String(e) }))
        if (result.ok) {
          summary.sent += 1
          await p.record(m, 'sent', { channel: sender.channel })
        } else {
          await store.unmarkReminded(personId, day)
          p.remindedToday.delete(personId)
          if (result.errCode === ERR_REFUSED) {
            await store.zeroReminderGrants(personId, templateId, at)
            summary.refused += 1
            await p.record(m, 'refused', { channel: sender.channel, errCode: result.errCode, errMsg: result.errMsg })
          } else {
            // Not sent, so not used: give the grant back for the next pass.
            if (m.usesOneTime) await store.grantReminder({ personId, templateId, openid: null, add: 1, at })
            summary.failed += 1
            failed = true
            p.deps.log?.error(`reminder to ${personId} failed: ${result.errCode} ${result.errMsg}`, null)
            await p.record(m, 'failed', { channel: sender.channel, errCode: result.errCode, errMsg: result.errMsg })
          }
        }
      }
    }
    handled(person.id, failed)
  }
  return true
}

/**
 * Between chunks the run lets the event loop serve requests: over SQLite
 * every store call completes synchronously, so without this a day's pass
 * over a city's people (14 s for 40,000) answered no request until done.
 */
const yieldToRequests = () => new Promise<void>((done) => setImmediate(done))

/** One whole pass over everyone, unbounded in time; no cursor is kept. */
export async function runReminders(deps: RunDeps, chunkSize = DEFAULT_CHUNK_SIZE): Promise<RunSummary> {
  const p = startPass(deps)
  if (isQuietHour(chinaHour(p.now), deps.config.quietHours)) return { ...p.summary, quiet: true }
  p.remindedToday = new Set(await deps.store.remindedOn(p.day))
  let after: string | null = null
  for (;;) {
    const chunk = await deps.store.peopleAfter(after, chunkSize)
    if (chunk.length === 0) return p.summary
    await handleChunk(p, chunk, () => false, (id) => (after = id))
    await yieldToRequests()
  }
}

/**
 * A run bounded by `budgetMs` that continues the day's pass from the
 * stored cursor and saves it after every chunk and when time runs out, so
 * the next run (the timer's next tick) takes over where this one stopped.
 * Once the day is done, further runs that day only read the cursor.
 */
export async function runReminderChunk(deps: RunDeps, opts: ChunkOptions): Promise<RunSummary> {
  const p = startPass(deps)
  if (isQuietHour(chinaHour(p.now), deps.config.quietHours)) return { ...p.summary, quiet: true }
  const saved = await deps.store.reminderCursor()
  let cursor = resumeCursor(saved, p.day, p.at, opts.restart)
  if (cursor.done) return { ...p.summary, cursor, done: true }
  const deadline = p.now.getTime() + opts.budgetMs
  const outOfTime = () => deps.clock.now().getTime() >= deadline
  p.remindedToday = new Set(await deps.store.remindedOn(p.day))
  const save = () => deps.store.putReminderCursor(cursor)
  const size = opts.chunkSize ?? DEFAULT_CHUNK_SIZE
  const nextChunk = async (): Promise<Person[]> => {
    if (cursor.round === 1) return deps.store.peopleAfter(cursor.after, size)
    const people = await Promise.all(retryChunk(cursor, size).map((id) => deps.store.getPerson(id)))
    return people.filter((x): x is Person => x !== null)
  }
  while (!outOfTime()) {
    const chunk = await nextChunk()
    if (chunk.length === 0) {
      cursor = endOfRound(cursor, deps.clock.now().toISOString())
      await save()
      if (cursor.done) break
      continue
    }
    const finished = await handleChunk(p, chunk, outOfTime, (id, failed) => (cursor = advance(cursor, id, failed, deps.clock.now().toISOString())))
    await save()
    if (!finished) break
    await yieldToRequests()
  }
  return { ...p.summary, cursor, done: cursor.done }
}

/**
 * Reminds these people now (the completeness page's "立即提醒"), through
 * the same planning, grants, per-day mark and outbox as the daily job: a
 * person already reminded today (by the job or an earlier click) gets no
 * second message, so clicking twice sends once. Quiet hours hold, too.
 */
export async function remindPeople(deps: RunDeps, people: Person[]): Promise<RunSummary> {
  const p = startPass(deps)
  if (isQuietHour(chinaHour(p.now), deps.config.quietHours)) return { ...p.summary, quiet: true }
  p.remindedToday = new Set(await deps.store.remindedOn(p.day))
  if (people.length > 0) await handleChunk(p, people, () => false, () => undefined)
  return p.summary
}
