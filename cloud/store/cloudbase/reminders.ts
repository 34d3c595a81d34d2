import type { ReminderCursor } from '../../../src/core/reminders/cursor'
import type { GrantChange, OutboxEntry, OutboxQuery, ReminderGrant } from '../types'
import { chunks, fetchAll, fromDoc, plain, readDoc } from './docs'
import type { Database, DocData } from './sdk'

/**
 * The reminder part of the CloudBase store. Collections (create them like
 * the others, "仅管理端可读写"):
 * - reminder_grants: `_id` = `<personId>~<templateId>`; index (personId);
 * - reminder_days: `_id` = person id → `{ day }`; index (day);
 * - reminder_outbox: `_id` = the entry id (sorts by time); index (personId, _id);
 * - job_state: `_id` = job name → `{ body }`, the reminder pass's cursor.
 * Counting grants and claiming a day are single-document transactions, so
 * two runs (the timer and an admin's "run now") never both use one grant
 * or both remind one person on one day.
 */
export const RC = { grants: 'reminder_grants', days: 'reminder_days', outbox: 'reminder_outbox', jobs: 'job_state' } as const

const grantId = (personId: string, templateId: string) => `${personId}~${templateId}`

const toGrant = (doc: DocData): ReminderGrant => ({
  personId: String(doc.personId),
  templateId: String(doc.templateId),
  openid: typeof doc.openid === 'string' ? doc.openid : null,
  oneTime: Number(doc.oneTime ?? 0),
  longTerm: doc.longTerm === true,
  updatedAt: String(doc.updatedAt ?? '')
})

export async function reminderGrants(db: Database, personIds?: string[]): Promise<ReminderGrant[]> {
  const col = db.collection(RC.grants)
  if (!personIds) return (await fetchAll(col.orderBy('_id', 'asc'))).map(toGrant)
  const out: ReminderGrant[] = []
  for (const chunk of chunks([...new Set(personIds)])) {
    out.push(...(await fetchAll(col.where({ personId: db.command.in(chunk) }).orderBy('_id', 'asc'))).map(toGrant))
  }
  return out.sort((a, b) => a.personId.localeCompare(b.personId) || a.templateId.localeCompare(b.templateId))
}

export async function grantReminder(db: Database, c: GrantChange): Promise<ReminderGrant> {
  return db.runTransaction(async (tx) => {
    const ref = tx.collection(RC.grants).doc(grantId(c.personId, c.templateId))
    const doc = await readDoc(ref)
    const cur = doc ? toGrant(doc) : null
    const keep = cur && !(cur.openid && c.openid && cur.openid !== c.openid)
    const next: ReminderGrant = {
      personId: c.personId,
      templateId: c.templateId,
      openid: c.openid ?? cur?.openid ?? null,
      oneTime: (keep ? cur.oneTime : 0) + c.add,
      longTerm: c.longTerm ?? (keep ? cur.longTerm : false),
      updatedAt: c.at
    }
    await ref.set({ data: plain({ ...next }) })
    return next
  })
}

export async function useReminderGrant(db: Database, personId: string, templateId: string, at: string): Promise<boolean> {
  return db.runTransaction(async (tx) => {
    const ref = tx.collection(RC.grants).doc(grantId(personId, templateId))
    const doc = await readDoc(ref)
    const left = Number(doc?.oneTime ?? 0)
    if (!doc || left <= 0) return false
    await ref.update({ data: { oneTime: left - 1, updatedAt: at } })
    return true
  })
}

export async function zeroReminderGrants(db: Database, personId: string, templateId: string, at: string): Promise<void> {
  await db.collection(RC.grants).doc(grantId(personId, templateId)).update({ data: { oneTime: 0, longTerm: false, updatedAt: at } })
}

export async function markReminded(db: Database, personId: string, day: string): Promise<boolean> {
  return db.runTransaction(async (tx) => {
    const ref = tx.collection(RC.days).doc(personId)
    const doc = await readDoc(ref)
    if (doc?.day === day) return false
    await ref.set({ data: { day } })
    return true
  })
}

export async function unmarkReminded(db: Database, personId: string, day: string): Promise<void> {
  await db.runTransaction(async (tx) => {
    const ref = tx.collection(RC.days).doc(personId)
    const doc = await readDoc(ref)
    if (doc?.day === day) await ref.remove()
  })
}

export async function remindedOn(db: Database, day: string): Promise<string[]> {
  return (await fetchAll(db.collection(RC.days).where({ day }).orderBy('_id', 'asc'))).map((d) => String(d._id))
}

export async function appendOutbox(db: Database, entry: OutboxEntry): Promise<void> {
  const { id, ...rest } = entry
  await db.collection(RC.outbox).doc(id).set({ data: plain(rest) })
}

export async function listOutbox(db: Database, q: OutboxQuery): Promise<OutboxEntry[]> {
  const where: DocData = {}
  if (q.before) where._id = db.command.lt(q.before)
  if (q.personId) where.personId = q.personId
  const col = db.collection(RC.outbox)
  const query = Object.keys(where).length ? col.where(where).orderBy('_id', 'desc') : col.orderBy('_id', 'desc')
  return (await fetchAll(query, q.limit)).map((d) => fromDoc<OutboxEntry>(d, 'id'))
}

/** The reminder cursor: doc `reminders` of `job_state`. */
export async function reminderCursor(db: Database): Promise<ReminderCursor | null> {
  const doc = await readDoc(db.collection(RC.jobs).doc('reminders'))
  return doc ? (JSON.parse(String(doc.body)) as ReminderCursor) : null
}

export async function putReminderCursor(db: Database, c: ReminderCursor): Promise<void> {
  await db.collection(RC.jobs).doc('reminders').set({ data: { body: JSON.stringify(c) } })
}
