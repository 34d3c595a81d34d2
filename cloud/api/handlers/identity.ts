import * as z from 'zod/mini'
import { ORG_LEVEL_LABEL } from '../../../src/core/org'
import { ROLE_LABEL } from '../../../src/core/person'
import { text } from '../../../src/core/schema/builders'
import { defineAction, NoInput } from '../action'
import { ApiError } from '../../../src/core/errors'
import { requireCaller } from '../scope'

/** One answer for every code that cannot be used, so guessing learns nothing about which codes exist. */
const UNUSABLE_CODE = '邀请码无效或已过期，请核对后再输入，或找管理员重新发一个'

/**
 * Binds the platform identity (OPENID) to the person an invite names. A
 * code that does not exist, was used, or has expired gets the same answer.
 */
export const bind = defineAction('bind', z.strictObject({ code: text(16, 4) }), async (ctx, { code }) => {
  if (!ctx.openid) throw new ApiError('UNAUTHENTICATED', '请在微信中打开')
  const outcome = await ctx.store.redeemInvite(code.trim().toUpperCase(), ctx.openid, ctx.clock.now().toISOString())
  if (outcome.kind !== 'ok') throw new ApiError('NOT_FOUND', UNUSABLE_CODE)
  return { person: outcome.person }
})

/**
 * Signs the caller out everywhere: every session token of theirs stops
 * working (the local server moves their session generation on). In the
 * cloud, identity is the WeChat account and there is no session to end.
 */
export const logout = defineAction('logout', NoInput, async (ctx) => {
  const { person } = requireCaller(ctx)
  await ctx.sessions?.end(person.id)
  return { signedOut: ctx.sessions !== undefined }
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
