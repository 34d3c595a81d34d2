import type { Person } from '../../../src/core/person'
import { PersonExists, type Invite, type InvitesOutcome, type InviteWrite, type RedeemOutcome } from '../types'
import { C, fromDoc, readDoc } from './docs'
import type { Database, DocData } from './sdk'

export const toPerson = (doc: DocData): Person => {
  const { deactivatedAt, ...p } = fromDoc<Person & { deactivatedAt?: string | null }>(doc, 'id', ['openid'])
  return deactivatedAt ? { ...p, deactivatedAt } : p
}

/** Every invite and new person of `items` in one transaction (documents by id only, as CloudBase allows). */
export async function createInvitesTx(db: Database, items: InviteWrite[]): Promise<InvitesOutcome> {
  return db.runTransaction(async (tx): Promise<InvitesOutcome> => {
    for (const { invite: inv, newPerson } of items) {
      const ref = tx.collection(C.invites).doc(inv.code)
      if (await readDoc(ref)) throw new Error(`invite code ${inv.code} already exists`)
      if (newPerson) {
        const pref = tx.collection(C.people).doc(newPerson.id)
        if (await readDoc(pref)) throw new PersonExists(newPerson.id)
        const { name, role, orgUnitId } = newPerson
        await pref.set({ data: { name, role, orgUnitId, deactivatedAt: newPerson.deactivatedAt ?? null, openid: null } })
      }
      await ref.set({ data: { personId: inv.personId, createdBy: inv.createdBy, createdAt: inv.createdAt, expiresAt: inv.expiresAt, usedAt: null, usedBy: null } })
    }
    return { kind: 'ok' }
  })
}

/** Creates an invite; refuses an existing code, as the SQLite primary key does. */
export async function createInviteTx(db: Database, inv: Invite): Promise<void> {
  await db.runTransaction(async (tx) => {
    const ref = tx.collection(C.invites).doc(inv.code)
    if (await readDoc(ref)) throw new Error(`invite code ${inv.code} already exists`)
    await ref.set({ data: { personId: inv.personId, createdBy: inv.createdBy, createdAt: inv.createdAt, expiresAt: inv.expiresAt, usedAt: null, usedBy: null } })
  })
}

/**
 * Marks the code used and binds `openid` to its person, all or nothing.
 * One WeChat account speaks for one person, and a person has one account:
 * binding moves the openid off whoever held it, and drops the person's old
 * binding. Finding the current holder of an openid needs a lookup by value,
 * which a CloudBase transaction cannot do (documents by id only), hence the
 * `openid_bindings` collection keyed by openid, kept in step here.
 */
export async function redeemInviteTx(db: Database, code: string, openid: string, now: string): Promise<RedeemOutcome> {
  return db.runTransaction(async (tx): Promise<RedeemOutcome> => {
    const doc = (collection: string, id: string) => tx.collection(collection).doc(id)
    const inv = await readDoc(doc(C.invites, code))
    if (!inv) return { kind: 'not_found' }
    if (inv.usedAt) return { kind: 'used' }
    if ((inv.expiresAt as string) < now) return { kind: 'expired' }
    const personId = inv.personId as string
    const person = await readDoc(doc(C.people, personId))
    // A deactivated person's code is as good as none (the one answer for every bad code).
    if (!person || person.deactivatedAt) return { kind: 'not_found' }
    const binding = await readDoc(doc(C.bindings, openid))
    const holder = binding?.personId as string | undefined
    const previous = typeof person.openid === 'string' ? person.openid : null

    await doc(C.invites, code).update({ data: { usedAt: now, usedBy: openid } })
    if (holder && holder !== personId) await doc(C.people, holder).update({ data: { openid: null } })
    if (previous && previous !== openid) await doc(C.bindings, previous).remove()
    await doc(C.people, personId).update({ data: { openid } })
    await doc(C.bindings, openid).set({ data: { personId } })
    return { kind: 'ok', person: toPerson({ ...person, _id: personId }) }
  })
}
