import { randomInt } from 'node:crypto'
import * as z from 'zod/mini'
import { IndicatorSchema } from '../../../src/core/schema/indicator'
import { isWithin, ORG_LEVELS } from '../../../src/core/org'
import { RoleSchema } from '../../../src/core/schema/person'
import { ID_PATTERN } from '../../../src/core/patterns'
import { matching, prose, wholeBetween } from '../../../src/core/schema/builders'
import { chinaDate } from '../../../src/core/clock'
import { affectsRollups, jobView, rebuildNow } from '../../rollup/jobs'
import { defineAction, NoInput } from '../action'
import type { ApiContext, Caller } from '../context'
import { PersonExists, type InviteWrite } from '../../store/types'
import { isActive, placementRefusal } from '../../../src/core/people'
import type { Person } from '../../../src/core/person'
import { ApiError } from '../../../src/core/errors'
import { requireAdmin, requireCaller } from '../scope'

const Year = wholeBetween(2000, 2100)

/** The China year of the server's clock. */
const thisYear = (ctx: ApiContext) => Number(chinaDate(ctx.clock.now()).slice(0, 4))

/**
 * Creates or edits one plan item: an indicator's fields, targets, schedule
 * and reporting level for its `year`. Other years' plans are untouched.
 * Figures already reported stay; a change to how they add up (fields,
 * accumulation, reporting level, period type) rebuilds that year's
 * roll-ups.
 */
export const putIndicator = defineAction('indicator.put', z.strictObject({ indicator: IndicatorSchema }), async (ctx, { indicator }) => {
  requireAdmin(ctx)
  const before = await ctx.store.getIndicator(indicator.code, indicator.year)
  // Shares are set with plan.allocate: an edit that does not send them keeps them.
  if (indicator.allocations === undefined && before?.allocations) indicator.allocations = before.allocations
  await ctx.store.putIndicator(indicator)
  const rebuild = affectsRollups(before, indicator) ? (await rebuildNow(ctx, [{ indicatorCode: indicator.code, year: indicator.year }])).map(jobView) : []
  return { indicator, rebuild }
})

/**
 * Moves a plan item to another reporting level (e.g. from grid to
 * community) for one year (default: this year). Reports made at the old
 * level stay stored and visible in history, and stop counting.
 */
export const assignIndicator = defineAction(
  'indicator.assign',
  z.strictObject({ code: matching(/^[A-Z0-9-]{1,16}$/), reportLevel: z.enum(ORG_LEVELS), year: z.optional(Year) }),
  async (ctx, { code, reportLevel, year }) => {
    requireAdmin(ctx)
    const ind = await ctx.store.getIndicator(code, year ?? thisYear(ctx))
    if (!ind) throw new ApiError('NOT_FOUND', '这一年的计划里没有这项指标')
    const next = { ...ind, reportLevel }
    await ctx.store.putIndicator(next)
    const rebuild = affectsRollups(ind, next) ? (await rebuildNow(ctx, [{ indicatorCode: code, year: ind.year }])).map(jobView) : []
    return { indicator: next, rebuild }
  }
)

/**
 * Copies one year's plan to the next in one action: every item of `year`
 * not yet in `year + 1` is copied with its text, targets and allocations;
 * items the next year already has are left as they are.
 */
export const copyPlan = defineAction('plan.copy', z.strictObject({ year: Year }), async (ctx, { year }) => {
  requireAdmin(ctx)
  const items = await ctx.store.listIndicators(year)
  if (items.length === 0) throw new ApiError('NOT_FOUND', `${year}年没有计划`)
  const existing = new Set((await ctx.store.listIndicators(year + 1)).map((i) => i.code))
  const copied: string[] = []
  for (const ind of items) {
    if (existing.has(ind.code)) continue
    await ctx.store.putIndicator({ ...ind, year: year + 1 })
    copied.push(ind.code)
  }
  return { year: year + 1, copied, kept: [...existing] }
})

/** The years that have a plan. */
export const planYears = defineAction('plan.years', NoInput, async (ctx) => {
  requireCaller(ctx)
  return { years: await ctx.store.planYears(), thisYear: thisYear(ctx) }
})

/**
 * Rebuilds roll-ups from the reports: one indicator-year, every indicator
 * of a year, or (nothing given) every plan item of every year. Also
 * continues jobs left pending. Runs within the request's budget and
 * answers each job's progress; call again to continue what is pending.
 */
export const rebuildRollups = defineAction(
  'rollups.rebuild',
  z.strictObject({ code: z.optional(matching(/^[A-Z0-9-]{1,16}$/)), year: z.optional(Year) }),
  async (ctx, { code, year }) => {
    requireAdmin(ctx)
    const years = year !== undefined ? [year] : await ctx.store.planYears()
    const which: { indicatorCode: string; year: number }[] = []
    for (const y of years) {
      for (const ind of await ctx.store.listIndicators(y)) if (!code || ind.code === code) which.push({ indicatorCode: ind.code, year: y })
    }
    if (code && which.length === 0) throw new ApiError('NOT_FOUND', '没有这项指标')
    const jobs = await rebuildNow(ctx, which)
    return { jobs: jobs.map(jobView), pending: jobs.filter((j) => j.state === 'pending').length }
  }
)

/** Roll-up rebuilds still pending, with their progress (done / total unit-years). */
export const rebuildStatus = defineAction('rollups.status', NoInput, async (ctx) => {
  requireAdmin(ctx)
  const jobs = await ctx.store.pendingRebuildJobs()
  return { jobs: jobs.map(jobView) }
})

// No 0/O or 1/I: codes are read aloud and typed on phones.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export interface CodeSource {
  (length: number): string
}

export const randomCode: CodeSource = (length) => Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

/**
 * Issues a one-time invite code for a person, creating the person when a
 * new one is described. The code, typed once in the mini-program, binds that
 * WeChat account to the person. A new person and their invite are written
 * in one transaction: a failure leaves neither.
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
    let newPerson: Person | undefined
    if (input.person) {
      const refusal = placementRefusal(input.person.role, await ctx.store.getOrgUnit(input.person.orgUnitId), admin.unit.path)
      if (refusal?.field === 'orgUnitId') throw new ApiError('NOT_FOUND', '没有这个单位')
      if (refusal) throw new ApiError('BAD_INPUT', '角色和单位层级不一致', { issues: [{ path: 'person.role', message: refusal.message }] })
      newPerson = input.person
    } else {
      const p = await ctx.store.getPerson(input.personId!)
      const unit = p ? await ctx.store.getOrgUnit(p.orgUnitId) : null
      if (!p || !unit || !isWithin(unit.path, admin.unit.path) || !isActive(p)) throw new ApiError('NOT_FOUND', '没有这个人员')
    }
    const personId = input.personId ?? input.person!.id
    const invite = inviteFor(ctx, admin, personId)
    await writeInvites(ctx, [{ invite, ...(newPerson ? { newPerson } : {}) }])
    return invite
  }
)

/** A fresh invite for the person, expiring `inviteDays` from the server's now. */
export function inviteFor(ctx: ApiContext, admin: Caller, personId: string) {
  const now = ctx.clock.now()
  return {
    code: randomCode(8),
    personId,
    createdBy: admin.person.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ctx.config.inviteDays * 86400_000).toISOString()
  }
}

/** All or nothing (one store transaction); a new person's taken id is CONFLICT. */
export async function writeInvites(ctx: ApiContext, items: InviteWrite[]): Promise<void> {
  try {
    await ctx.store.createInvites(items)
  } catch (e) {
    if (e instanceof PersonExists) throw new ApiError('CONFLICT', '这个人员编号已存在')
    throw e
  }
}
