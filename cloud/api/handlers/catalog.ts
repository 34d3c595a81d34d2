import { chinaDate } from '../../../src/core/clock'
import { isActiveIn } from '../../../src/core/indicator'
import { childLevel, pathIds, type OrgUnit } from '../../../src/core/org'
import { defineAction, NoInput } from '../action'
import { requireCaller } from '../scope'

/**
 * The indicators in force this year and the org units the caller works
 * with: the chain above them (for names) and two levels below (a street
 * sees its communities and their grids; the district its streets and
 * communities). Deeper levels come through `progress` drill-downs.
 */
export const catalog = defineAction('catalog', NoInput, async (ctx) => {
  const { unit } = requireCaller(ctx)
  const year = Number(chinaDate(ctx.clock.now()).slice(0, 4))
  const indicators = (await ctx.store.listIndicators()).filter((i) => isActiveIn(i, year) || isActiveIn(i, year - 1))
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
