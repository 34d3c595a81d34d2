import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { ApiError } from '../../../src/core/errors'
import { TEMPLATE_ID_PATTERN } from '../../../src/core/reminders/template'
import { ID_PATTERN } from '../../../src/core/patterns'
import { matching, wholeBetween } from '../../../src/core/schema/builders'
import { DEFAULT_REMINDER_CONFIG } from '../../reminders/config'
import { defineAction, NoInput } from '../action'
import type { ApiContext } from '../context'
import { requireAdmin, requireCaller } from '../scope'

/**
 * Reminders (WeChat subscribe messages): the client asks WeChat for grants
 * on a tap and reports each result here; the job (cloud function `remind`,
 * or the local server's schedule) sends one reminder per person per day.
 */

/** The most one-time grants one person banks for one template. */
export const MAX_BANKED_GRANTS = 50

/** requestSubscribeMessage takes at most 3 template ids per call. */
export const MAX_TEMPLATES_PER_REQUEST = 3

const configOf = (ctx: ApiContext) => ctx.reminders?.config ?? DEFAULT_REMINDER_CONFIG

async function statusOf(ctx: ApiContext, personId: string) {
  const templates = configOf(ctx).templates
  const grants = await ctx.store.reminderGrants([personId])
  const rows = templates.map((t) => {
    const g = grants.find((x) => x.templateId === t.id)
    return { id: t.id, purpose: t.purpose, title: t.title, longTerm: t.longTerm, banked: t.longTerm ? 0 : g?.oneTime ?? 0, subscribed: t.longTerm && !!g?.longTerm }
  })
  const today = chinaDate(ctx.clock.now())
  return {
    /** Some reminder can reach this person now. */
    enabled: rows.some((r) => r.banked > 0 || r.subscribed),
    /** One-time grants banked: each lets one reminder through. */
    banked: rows.reduce((n, r) => n + r.banked, 0),
    longTerm: rows.some((r) => r.subscribed),
    remindedToday: (await ctx.store.remindedOn(today)).includes(personId),
    /** What to pass to requestSubscribeMessage (at most `maxPerRequest` per tap, one-time and long-term never mixed). */
    templates: rows,
    maxPerRequest: MAX_TEMPLATES_PER_REQUEST
  }
}

export const reminderStatus = defineAction('reminders.status', NoInput, async (ctx) => {
  const { person } = requireCaller(ctx)
  return statusOf(ctx, person.id)
})

/**
 * Records what the person chose for one template in the subscribe panel.
 * accept: a one-time template banks one more grant; a long-term template is
 * subscribed. reject, ban, filter: nothing is banked, and a long-term
 * subscription ends. Whether a template is long-term comes from the
 * configuration, not from the client.
 */
export const reminderGrant = defineAction(
  'reminders.grant',
  z.strictObject({
    templateId: matching(TEMPLATE_ID_PATTERN),
    result: z.enum(['accept', 'reject', 'ban', 'filter']),
    longTerm: z.optional(z.boolean())
  }),
  async (ctx, { templateId, result }) => {
    const { person } = requireCaller(ctx)
    const template = configOf(ctx).templates.find((t) => t.id === templateId)
    if (!template) throw new ApiError('BAD_INPUT', '没有这个提醒模板')
    const at = ctx.clock.now().toISOString()
    const openid = ctx.openid ?? null
    if (result === 'accept') {
      // One-time grants bank up to MAX_BANKED_GRANTS: more than a year of
      // reminders, and a client that loops on "accept" banks no more.
      const banked = template.longTerm ? 0 : ((await ctx.store.reminderGrants([person.id])).find((g) => g.templateId === templateId && g.openid === (openid ?? g.openid))?.oneTime ?? 0)
      const add = template.longTerm || banked >= MAX_BANKED_GRANTS ? 0 : 1
      await ctx.store.grantReminder({ personId: person.id, templateId, openid, add, ...(template.longTerm ? { longTerm: true } : {}), at })
    } else if (template.longTerm) {
      await ctx.store.grantReminder({ personId: person.id, templateId, openid, add: 0, longTerm: false, at })
    }
    return statusOf(ctx, person.id)
  }
)

/** Bureau admin: run the reminder job now (the same job as the daily timer). */
export const reminderRun = defineAction('reminders.run', NoInput, async (ctx) => {
  requireAdmin(ctx)
  if (!ctx.reminders) throw new ApiError('NOT_FOUND', '提醒任务没有配置')
  return ctx.reminders.run()
})

/** Bureau admin: every reminder attempt with its result, newest first. */
export const reminderOutbox = defineAction(
  'reminders.outbox',
  z.strictObject({
    /** The id of the last entry seen: `<ISO time>~<run>~<seq>`. */
    before: z.optional(matching(/^[\w:.~-]{1,100}$/)),
    personId: z.optional(matching(ID_PATTERN)),
    limit: z._default(wholeBetween(1, 100), 30)
  }),
  async (ctx, { before, personId, limit }) => {
    requireAdmin(ctx)
    const entries = await ctx.store.listOutbox({ limit, ...(before ? { before } : {}), ...(personId ? { personId } : {}) })
    return { entries, next: entries.length === limit ? entries[entries.length - 1].id : null }
  }
)
