import * as z from 'zod/mini'
import { ORG_LEVEL_LABEL } from '../../../src/core/org'
import { ROLE_LABEL } from '../../../src/core/person'
import { text } from '../../../src/core/schema/builders'
import { defineAction, NoInput } from '../action'
import { ApiError } from '../../../src/core/errors'
import { requireCaller } from '../scope'

/** Binds the platform identity (OPENID) to the person an invite names. */
export const bind = defineAction('bind', z.strictObject({ code: text(16, 4) }), async (ctx, { code }) => {
  if (!ctx.openid) throw new ApiError('UNAUTHENTICATED', '请在微信中打开')
  const outcome = await ctx.store.redeemInvite(code.trim().toUpperCase(), ctx.openid, ctx.clock.now().toISOString())
  switch (outcome.kind) {
    case 'ok':
      return { person: outcome.person }
    case 'not_found':
      throw new ApiError('NOT_FOUND', '邀请码不对，请核对后再输入')
    case 'used':
      throw new ApiError('CONFLICT', '这个邀请码已经用过了，请找管理员重新发一个')
    case 'expired':
      throw new ApiError('BAD_INPUT', '邀请码已过期，请找管理员重新发一个')
  }
})

export const me = defineAction('me', NoInput, async (ctx) => {
  const { person, unit } = requireCaller(ctx)
  return {
    person,
    roleLabel: ROLE_LABEL[person.role],
    unit,
    unitLabel: `${unit.name}（${ORG_LEVEL_LABEL[unit.level]}）`,
    scope: { path: unit.path, level: unit.level },
    /** The server's time: the phone's one clock (src/services/serverClock.ts). */
    now: ctx.clock.now().toISOString()
  }
})
