import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { splitSummary } from '../../../src/core/allocation'
import type { Indicator } from '../../../src/core/indicator'
import { levelIndex, type OrgUnit } from '../../../src/core/org'
import { PeriodKeySchema } from '../../../src/core/schema/period'
import { periodOf, periodRange, periodsOfYear, periodType, periodYear } from '../../../src/core/period'
import { reportId } from '../../../src/core/report'
import { readUnits } from '../../rollup/read'
import { ID_PATTERN } from '../../../src/core/patterns'
import { matching } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import { ApiError } from '../../../src/core/errors'
import { assertRead, requireCaller } from '../scope'

/**
 * The roll-up key that answers `requested` for an indicator: the year
 * itself, the same period, or the indicator's coarser period containing it.
 * A finer indicator asked for a coarser non-year period (a monthly figure
 * by quarter) has no roll-up of its own: null.
 */
function rollupKey(ind: Indicator, requested: string): string | null {
  const type = periodType(requested)
  if (type === 'year' || type === ind.period) return requested
  const order = { month: 0, quarter: 1, year: 2 }
  return order[ind.period] > order[type] ? periodOf(ind.period, periodRange(requested).start) : null
}

/**
 * Periods of the indicator within `key` that have begun by `today`. The
 * answer depends only on the period type, the key and the day, so it is
 * remembered by those rather than recomputed per unit × indicator (the date
 * arithmetic was two thirds of a district `progress` call at city scale).
 */
const begunCache = new Map<string, number>()
function periodsBegun(ind: Indicator, key: string, today: string): number {
  const ck = `${ind.period}|${key}|${today}`
  let n = begunCache.get(ck)
  if (n === undefined) {
    const inKey = periodType(key) === 'year' ? periodsOfYear(ind.period, periodYear(key)) : [key]
    n = inKey.filter((p) => periodRange(p).start <= today).length
    if (begunCache.size > 1000) begunCache.clear()
    begunCache.set(ck, n)
  }
  return n
}

export const progress = defineAction(
  'progress',
  z.strictObject({ orgUnitId: z.optional(matching(ID_PATTERN)), period: PeriodKeySchema }),
  async (ctx, input) => {
    const caller = requireCaller(ctx)
    const unit: OrgUnit | null = input.orgUnitId ? await ctx.store.getOrgUnit(input.orgUnitId) : caller.unit
    if (!unit) throw new ApiError('NOT_FOUND', '没有这个单位')
    assertRead(caller, unit.path)
    const today = chinaDate(ctx.clock.now())
    const year = periodYear(input.period)
    const indicators = (await ctx.store.listIndicators(year)).filter((i) => levelIndex(i.reportLevel) >= levelIndex(unit.level))
    const children = await ctx.store.childUnits(unit.id)
    const units = [unit, ...children]

    const read = await readUnits(ctx.store, indicators, units, (ind) => rollupKey(ind, input.period))
    const summarize = async (u: OrgUnit, ind: Indicator) => {
      const r = await read(ind, u)
      return { ...r, expected: r.key ? r.reportingUnits * periodsBegun(ind, r.key, today) : 0 }
    }

    const rows = []
    for (const ind of indicators) {
      const s = await summarize(unit, ind)
      const own = ind.reportLevel === unit.level && s.key ? await ctx.store.getReport(reportId(ind.code, unit.id, s.key)) : null
      rows.push({
        code: ind.code,
        seq: ind.seq,
        category: ind.category,
        title: ind.title,
        period: s.key,
        figures: s.rolled.figures,
        completion: s.completion,
        declaredRate: own?.declaredRate ?? null,
        expected: s.expected,
        received: s.rolled.received,
        onTime: s.rolled.onTime,
        approved: s.rolled.approved,
        returned: s.rolled.returned,
        unitsReported: s.rolled.units,
        unitsExpected: s.key ? s.reportingUnits : 0,
        reportLevel: ind.reportLevel,
        splits: splitSummary(ind, unit, children)
      })
    }
    const childRows = []
    for (const child of children) {
      const perIndicator = []
      for (const ind of indicators) {
        const s = await summarize(child, ind)
        perIndicator.push({
          code: ind.code,
          rate: s.completion.rate,
          rateOfKnown: s.completion.rateOfKnown,
          expected: s.expected,
          received: s.rolled.received,
          onTime: s.rolled.onTime,
          returned: s.rolled.returned,
          unitsReported: s.rolled.units,
          unitsExpected: s.key ? s.reportingUnits : 0
        })
      }
      childRows.push({ unit: child, indicators: perIndicator })
    }
    return { unit, period: input.period, today, now: ctx.clock.now().toISOString(), indicators: rows, children: childRows }
  }
)
