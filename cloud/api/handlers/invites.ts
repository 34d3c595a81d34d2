import * as z from 'zod/mini'
import { isWithin } from '../../../src/core/org'
import { isActive } from '../../../src/core/people'
import { ROLE_LABEL, type Person } from '../../../src/core/person'
import { ID_PATTERN } from '../../../src/core/patterns'
import { RoleSchema } from '../../../src/core/schema/person'
import { matching, prose } from '../../../src/core/schema/builders'
import { ApiError } from '../../../src/core/errors'
import type { InviteWrite } from '../../store/types'
import { defineAction } from '../action'
import { requireAdmin } from '../scope'
import { inviteFor, writeInvites } from './admin'
import { checkNewPerson, newPersonId, unitLabeller } from './people'

/** The most invites one call makes: a community has a few dozen grids. */
export const MAX_BATCH = 200

const Row = z.strictObject({ name: prose(10, 1), orgUnitId: matching(ID_PATTERN), role: z.optional(RoleSchema) })

/**
 * Invite codes for a whole community at once, for its printed sheet:
 * - with `rows`, one new person per row (a grid worker unless `role` says
 *   otherwise; the unit must be the community or lie in it) and their code;
 * - without, one fresh code for every active grid worker of the
 *   community's grids.
 * Everything is written in one transaction: a bad row leaves nothing, and
 * its refusal names the row (`rows.3.orgUnitId`).
 */
export const inviteCommunity = defineAction(
  'invite.community',
  z.strictObject({ communityId: matching(ID_PATTERN), rows: z.optional(z.array(Row).check(z.minLength(1), z.maxLength(MAX_BATCH))) }),
  async (ctx, { communityId, rows }) => {
    const admin = requireAdmin(ctx)
    const community = await ctx.store.getOrgUnit(communityId)
    if (!community || community.level !== 'community' || !isWithin(community.path, admin.unit.path)) {
      throw new ApiError('NOT_FOUND', '没有这个社区', { issues: [{ path: 'communityId', message: '没有这个社区，或不在您的管辖范围内' }] })
    }
    const items: InviteWrite[] = []
    let people: Person[]
    if (rows) {
      people = []
      for (const [i, row] of rows.entries()) {
        const unit = await ctx.store.getOrgUnit(row.orgUnitId)
        if (!unit || !isWithin(unit.path, community.path)) {
          throw new ApiError('BAD_INPUT', `第${i + 1}行的单位不在${community.name}`, { issues: [{ path: `rows.${i}.orgUnitId`, message: `不在${community.name}` }] })
        }
        const p = await checkNewPerson(ctx, admin, { ...row, role: row.role ?? 'grid_worker', id: newPersonId() }).catch((e: ApiError) => {
          throw new ApiError(e.code, `第${i + 1}行：${e.message}`, { issues: (e.extra.issues ?? []).map((x) => ({ ...x, path: `rows.${i}.${x.path}` })) })
        })
        people.push(p)
        items.push({ invite: inviteFor(ctx, admin, p.id), newPerson: p })
      }
    } else {
      people = []
      for (let after: string | null = null; ; ) {
        const page = await ctx.store.peopleUnder(community.path, after, 100)
        if (page.length === 0) break
        people.push(...page.filter((p) => p.role === 'grid_worker' && isActive(p)))
        after = page[page.length - 1].id
      }
      if (people.length === 0) throw new ApiError('NOT_FOUND', `${community.name}还没有网格员：请逐行填写姓名和网格`)
      if (people.length > MAX_BATCH) throw new ApiError('BAD_INPUT', `一次最多${MAX_BATCH}个邀请码`)
      for (const p of people) items.push({ invite: inviteFor(ctx, admin, p.id) })
    }
    await writeInvites(ctx, items)
    const label = await unitLabeller(ctx)
    const invites = await Promise.all(
      items.map(async ({ invite }, i) => {
        const p = people[i]
        const unit = await ctx.store.getOrgUnit(p.orgUnitId)
        return { ...invite, name: p.name, role: p.role, roleLabel: ROLE_LABEL[p.role], unitName: unit?.name ?? '', unitLabel: unit ? await label(unit) : '' }
      })
    )
    return { community: { id: community.id, name: community.name, label: await label(community) }, invites }
  }
)
