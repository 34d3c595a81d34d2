import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { ApiError } from '../../../src/core/errors'
import { effectLines, type PlanEffects } from '../../../src/core/plan/affects'
import { CODE_PATTERN } from '../../../src/core/patterns'
import { listOf, matching, wholeBetween } from '../../../src/core/schema/builders'
import { IndicatorSchema, type Indicator } from '../../../src/core/schema/indicator'
import { affectsRollups, jobView, rebuildNow } from '../../rollup/jobs'
import { defineAction } from '../action'
import { requireAdmin, requireCaller } from '../scope'

const Year = wholeBetween(2000, 2100)

/** One year's plan, in 序号 order, for the plan designer and the allocation grid. */
export const planList = defineAction('plan.list', z.strictObject({ year: z.optional(Year) }), async (ctx, input) => {
  requireCaller(ctx)
  const thisYear = Number(chinaDate(ctx.clock.now()).slice(0, 4))
  const year = input.year ?? thisYear
  return { year, thisYear, indicators: await ctx.store.listIndicators(year) }
})

const bad = (path: string, message: string): never => {
  throw new ApiError('BAD_INPUT', message, { issues: [{ path, message }] })
}

/** Everything but the shares, which plan.allocate sets: what the admin edits in the designer. */
const edited = (i: Indicator) => JSON.stringify({ ...i, allocations: undefined })
const targetsOf = (i: Indicator) => JSON.stringify(i.targets)

/**
 * Publishes the plan designer's edits to one plan year at once: the items
 * sent are stored (created or replaced whole; shares kept), the codes in
 * `retire` leave that year's plan. With `dryRun` nothing is written and the
 * answer says what publishing would do, counted from the roll-up
 * projection: which items' roll-ups are rebuilt and over how many
 * unit-years. Every item is checked before anything is written.
 */
export const planPublish = defineAction(
  'plan.publish',
  z.strictObject({
    year: Year,
    indicators: listOf(IndicatorSchema, 200),
    retire: z._default(listOf(matching(CODE_PATTERN), 200), []),
    dryRun: z._default(z.boolean(), false)
  }),
  async (ctx, { year, indicators, retire, dryRun }) => {
    requireAdmin(ctx)
    const seen = new Set<string>()
    indicators.forEach((ind, i) => {
      if (ind.year !== year) bad(`indicators.${i}.year`, `第${i + 1}项“${ind.title}”属于${ind.year}年，不是${year}年的计划`)
      if (seen.has(ind.code)) bad(`indicators.${i}.code`, `第${i + 1}项的编号${ind.code}重复了`)
      seen.add(ind.code)
    })
    const effects: PlanEffects = { year, added: [], changed: [], retired: [], rebuilds: [], retargeted: [] }
    const writes: Indicator[] = []
    for (const ind of indicators) {
      const before = await ctx.store.getIndicator(ind.code, year)
      if (ind.allocations === undefined && before?.allocations) ind.allocations = before.allocations
      if (!before) effects.added.push(ind.code)
      else if (edited(before) !== edited(ind)) effects.changed.push(ind.code)
      else continue
      if (before && targetsOf(before) !== targetsOf(ind)) effects.retargeted.push(ind.code)
      if (affectsRollups(before, ind)) effects.rebuilds.push({ code: ind.code, unitYears: await ctx.store.countUnitYears(ind.code, year) })
      writes.push(ind)
    }
    for (const [i, code] of retire.entries()) {
      if (seen.has(code)) bad(`retire.${i}`, `${code}既要发布又要停用，请只选一样`)
      const before = await ctx.store.getIndicator(code, year)
      if (!before) throw new ApiError('NOT_FOUND', `${year}年的计划里没有${code}`)
      const reported = await ctx.store.countUnitYears(code, year)
      // A year's reports read their own year's item: taking it away would leave them with no plan.
      if (reported > 0) bad(`retire.${i}`, `“${before.title}”在${year}年已有${reported}个单位填报，不能停用；可以在下一年的计划里不再列入`)
      effects.retired.push(code)
    }
    const lines = effectLines(effects)
    if (dryRun) return { dryRun: true, effects, lines, rebuild: [] }
    for (const ind of writes) await ctx.store.putIndicator(ind)
    for (const code of effects.retired) await ctx.store.removeIndicator(code, year)
    const rebuild = effects.rebuilds.length ? (await rebuildNow(ctx, effects.rebuilds.map((r) => ({ indicatorCode: r.code, year })))).map(jobView) : []
    return { dryRun: false, effects, lines, rebuild }
  }
)
