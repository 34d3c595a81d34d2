import * as z from 'zod/mini'
import { ORG_LEVEL_LABEL, pathIds, type OrgUnit } from '../../../src/core/org'
import { changeRefusal, isActive, placementRefusal, type PeopleRefusal } from '../../../src/core/people'
import { ROLE_LABEL, type Person } from '../../../src/core/person'
import { ID_PATTERN } from '../../../src/core/patterns'
import { RoleSchema } from '../../../src/core/schema/person'
import { matching, prose, wholeBetween } from '../../../src/core/schema/builders'
import { ApiError } from '../../../src/core/errors'
import { defineAction } from '../action'
import type { ApiContext, Caller } from '../context'
import { requireAdmin } from '../scope'
import { randomCode } from './admin'

/**
 * The bureau's people screen: list, add, move, change role, deactivate and
 * reactivate, all for admins and only inside their own subtree. The rules
 * (which role sits at which level, who may be changed) are core's
 * (src/core/people.ts); the stores end a person's sessions whenever their
 * role, unit or standing changes.
 */

/** A refusal the form shows next to its field; nothing was changed. */
export function refuse(r: PeopleRefusal): never {
  if (r.field === 'personId') throw new ApiError('NOT_FOUND', r.message)
  throw new ApiError('BAD_INPUT', r.message, { issues: [{ path: r.field, message: r.message }] })
}

/** Unit names with their parents, root (the district) left out: 长丰街 · 团结社区 · 第3网格. */
export async function unitLabeller(ctx: ApiContext) {
  const cache = new Map<string, Promise<OrgUnit | null>>()
  const unit = (id: string) => {
    let u = cache.get(id)
    if (!u) cache.set(id, (u = ctx.store.getOrgUnit(id)))
    return u
  }
  return async (u: OrgUnit): Promise<string> => {
    const chain = await Promise.all(pathIds(u.path).map(unit))
    const names = chain.filter((x): x is OrgUnit => !!x && x.level !== 'district').map((x) => x.name)
    return names.length ? names.join(' · ') : u.name
  }
}

export interface PersonRow extends Person {
  roleLabel: string
  unitName: string
  unitLevel: OrgUnit['level']
  unitLabel: string
  active: boolean
}

async function rowsOf(ctx: ApiContext, people: Person[]): Promise<PersonRow[]> {
  const label = await unitLabeller(ctx)
  return Promise.all(
    people.map(async (p) => {
      const u = await ctx.store.getOrgUnit(p.orgUnitId)
      return {
        ...p,
        roleLabel: ROLE_LABEL[p.role],
        unitName: u?.name ?? '',
        unitLevel: u?.level ?? 'grid',
        unitLabel: u ? `${await label(u)}（${ORG_LEVEL_LABEL[u.level]}）` : '',
        active: isActive(p)
      }
    })
  )
}

const Limit = wholeBetween(1, 100)

/**
 * The people of the admin's subtree (or of one unit in it), in id order, a
 * page at a time: `next` is the last id of the page, passed back as
 * `after`; null when there is no more. Ids are unique, so no row is skipped
 * or repeated across pages.
 */
export const listPeople = defineAction(
  'people.list',
  z.strictObject({ unitId: z.optional(matching(ID_PATTERN)), after: z.optional(matching(ID_PATTERN)), limit: z.optional(Limit) }),
  async (ctx, { unitId, after, limit }) => {
    const admin = requireAdmin(ctx)
    const unit = unitId ? await ctx.store.getOrgUnit(unitId) : admin.unit
    if (!unit || !unit.path.startsWith(admin.unit.path)) throw new ApiError('NOT_FOUND', '没有这个单位')
    const n = limit ?? 50
    const page = await ctx.store.peopleUnder(unit.path, after ?? null, n + 1)
    const more = page.length > n
    const people = page.slice(0, n)
    return { people: await rowsOf(ctx, people), next: more ? people[people.length - 1].id : null }
  }
)

const NewPerson = z.strictObject({ id: z.optional(matching(ID_PATTERN)), name: prose(10, 1), role: RoleSchema, orgUnitId: matching(ID_PATTERN) })
export type NewPersonInput = z.infer<typeof NewPerson>

/** A new person's id when the form gives none: `p-` and 10 code characters, lower-cased. */
export const newPersonId = () => `p-${randomCode(10).toLowerCase()}`

/** Checks a new person against core's placement rule and the admin's scope. */
export async function checkNewPerson(ctx: ApiContext, admin: Caller, p: NewPersonInput): Promise<Person> {
  if (!p.name.trim()) throw new ApiError('BAD_INPUT', '请填写姓名', { issues: [{ path: 'name', message: '请填写姓名' }] })
  const refusal = placementRefusal(p.role, await ctx.store.getOrgUnit(p.orgUnitId), admin.unit.path)
  if (refusal) refuse(refusal)
  return { id: p.id ?? newPersonId(), name: p.name.trim(), role: p.role, orgUnitId: p.orgUnitId }
}

/** Adds one person (without an invite: see invite.create and invite.community). */
export const addPerson = defineAction('people.add', z.strictObject({ person: NewPerson }), async (ctx, { person }) => {
  const admin = requireAdmin(ctx)
  const p = await checkNewPerson(ctx, admin, person)
  if (await ctx.store.getPerson(p.id)) throw new ApiError('CONFLICT', '这个人员编号已存在', { issues: [{ path: 'id', message: '这个人员编号已存在' }] })
  await ctx.store.putPeople([p])
  return { person: (await rowsOf(ctx, [p]))[0] }
})

/** The person the admin may change, or the one refusal for anything else. */
async function changeable(ctx: ApiContext, admin: Caller, personId: string): Promise<Person> {
  const target = await ctx.store.getPerson(personId)
  const unit = target ? await ctx.store.getOrgUnit(target.orgUnitId) : null
  const refusal = changeRefusal(admin.person, admin.unit.path, target, unit)
  if (refusal) refuse(refusal)
  return target!
}

async function place(ctx: ApiContext, personId: string, change: { role?: Person['role']; orgUnitId?: string }) {
  const admin = requireAdmin(ctx)
  const target = await changeable(ctx, admin, personId)
  const next = { ...target, role: change.role ?? target.role, orgUnitId: change.orgUnitId ?? target.orgUnitId }
  const refusal = placementRefusal(next.role, await ctx.store.getOrgUnit(next.orgUnitId), admin.unit.path)
  if (refusal) refuse(refusal)
  // The store ends the person's sessions when role or unit changed.
  await ctx.store.putPeople([next])
  return { person: (await rowsOf(ctx, [next]))[0] }
}

/** Moves a person to another unit of the same level (or, with `role`, of the new role's level). Ends their sessions. */
export const movePerson = defineAction(
  'people.move',
  z.strictObject({ personId: matching(ID_PATTERN), orgUnitId: matching(ID_PATTERN), role: z.optional(RoleSchema) }),
  async (ctx, { personId, orgUnitId, role }) => place(ctx, personId, { orgUnitId, ...(role ? { role } : {}) })
)

/** Changes a person's role; `orgUnitId` when the new role sits at another level. Ends their sessions. */
export const setPersonRole = defineAction(
  'people.setRole',
  z.strictObject({ personId: matching(ID_PATTERN), role: RoleSchema, orgUnitId: z.optional(matching(ID_PATTERN)) }),
  async (ctx, { personId, role, orgUnitId }) => place(ctx, personId, { role, ...(orgUnitId ? { orgUnitId } : {}) })
)

/**
 * Deactivates a person: their sessions end at once, they cannot sign in or
 * call anything, and their unused invite codes stop working. Their reports
 * and history stay. Deactivating someone already inactive changes nothing.
 */
export const deactivatePerson = defineAction('people.deactivate', z.strictObject({ personId: matching(ID_PATTERN) }), async (ctx, { personId }) => {
  const admin = requireAdmin(ctx)
  const target = await changeable(ctx, admin, personId)
  const next = isActive(target) ? { ...target, deactivatedAt: ctx.clock.now().toISOString() } : target
  if (next !== target) await ctx.store.putPeople([next])
  return { person: (await rowsOf(ctx, [next]))[0] }
})

/** Lets a deactivated person sign in again (with a new invite code if their account was never bound). */
export const reactivatePerson = defineAction('people.reactivate', z.strictObject({ personId: matching(ID_PATTERN) }), async (ctx, { personId }) => {
  const admin = requireAdmin(ctx)
  const target = await changeable(ctx, admin, personId)
  const { deactivatedAt: _gone, ...next } = target
  if (!isActive(target)) await ctx.store.putPeople([next])
  return { person: (await rowsOf(ctx, [next]))[0] }
})

