import { randomInt } from 'node:crypto'
import * as z from 'zod/mini'
import { IndicatorSchema } from '../../../src/core/schema/indicator'
import { isWithin, ORG_LEVELS } from '../../../src/core/org'
import { ROLE_LEVEL } from '../../../src/core/person'
import { RoleSchema } from '../../../src/core/schema/person'
import { ID_PATTERN } from '../../../src/core/patterns'
import { matching, prose } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import { ApiError } from '../../../src/core/errors'
import { requireAdmin } from '../scope'

/**
 * Creates or edits an indicator: its fields, targets, schedule and the org
 * level that reports it. Figures already reported stay; fields removed from
 * an indicator simply stop counting.
 */
export const putIndicator = defineAction('indicator.put', z.strictObject({ indicator: IndicatorSchema }), async (ctx, { indicator }) => {
  requireAdmin(ctx)
  await ctx.store.putIndicator(indicator)
  return { indicator }
})

/** Moves an indicator to another reporting level (e.g. from grid to community). */
export const assignIndicator = defineAction(
  'indicator.assign',
  z.strictObject({ code: matching(/^[A-Z0-9-]{1,16}$/), reportLevel: z.enum(ORG_LEVELS) }),
  async (ctx, { code, reportLevel }) => {
    requireAdmin(ctx)
    const ind = await ctx.store.getIndicator(code)
    if (!ind) throw new ApiError('NOT_FOUND', '没有这项指标')
    const next = { ...ind, reportLevel }
    await ctx.store.putIndicator(next)
    return { indicator: next }
  }
)

// No 0/O or 1/I: codes are read aloud and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export interface CodeSource {
  (length: number): string
}

export const randomCode: CodeSource = (length) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

/**
 * Issues a one-time invite code for a person, creating the person when a
 * new one is described. The code, typed once in the mini-program, binds that
 * WeChat account to the person.
 */
export const createInvite = defineAction(
  'invite.create',
  z.strictObject({
    personId: z.optional(matching(ID_PATTERN)),
    person: z.optional(z.strictObject({ id: matching(ID_PATTERN), name: prose(10, 1), role: RoleSchema, orgUnitId: matching(ID_PATTERN) }))
  }),
  async (ctx, input) => {
    const admin = requireAdmin(ctx)
    if (!input.personId === !input.person) throw new ApiError('BAD_INPUT', '请指定一个人员')
    if (input.person) {
      const unit = await ctx.store.getOrgUnit(input.person.orgUnitId)
      if (!unit || !isWithin(unit.path, admin.unit.path)) throw new ApiError('NOT_FOUND', '没有这个单位')
      if (unit.level !== ROLE_LEVEL[input.person.role]) throw new ApiError('BAD_INPUT', '角色和单位层级不一致')
      if (await ctx.store.getPerson(input.person.id)) throw new ApiError('CONFLICT', '这个人员编号已存在')
      await ctx.store.putPeople([input.person])
    }
    const personId = input.personId ?? input.person!.id
    if (!(await ctx.store.getPerson(personId))) throw new ApiError('NOT_FOUND', '没有这个人员')
    const now = ctx.clock.now()
    const invite = {
      code: randomCode(8),
      personId,
      createdBy: admin.person.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ctx.config.inviteDays * 86400_000).toISOString()
    }
    await ctx.store.createInvite({ ...invite, usedAt: null })
    return invite
  }
)
