import { chinaDate } from '../../../src/core/clock'
import { childLevel, pathIds, type OrgUnit } from '../../../src/core/org'
import { defineAction, NoInput } from '../action'
import { requireCaller } from '../scope'

/**
 * The plans of this year and last year (each item carries its `year`; a
 * January report of December reads last year's) and the org units the caller works
 * with: the chain above them (for names) and two levels below (a street
 * sees its communities and their grids; the district its streets and
 * communities). Deeper levels come through `progress` drill-downs.
 */
export const catalog = defineAction('catalog', NoInput, async (ctx) => {
  const { unit } = requireCaller(ctx)
  const year = Number(chinaDate(ctx.clock.now()).slice(0, 4))
  const indicators = [...(await ctx.store.listIndicators(year)), ...(await ctx.store.listIndicators(year - 1))]
  const above: OrgUnit[] = []
  for (const id of pathIds(unit.path).slice(0, -1)) {
    const u = await ctx.store.getOrgUnit(id)
    if (u) above.push(u)
  }
  const below: OrgUnit[] = []
  let level = childLevel(unit.level)
  for (let depth = 0; level && depth < 2; depth++, level = childLevel(level)) {
    below.push(...(await ctx.store.unitsUnder(unit.path, level)))
  }
  return { indicators, units: [...above, unit, ...below] }
})
