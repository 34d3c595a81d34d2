import dayjs from 'dayjs'
import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { ApiError } from '../../../src/core/errors'
import { CODE_PATTERN, ID_PATTERN } from '../../../src/core/patterns'
import { openPeriods, periodRange, periodType, periodYear } from '../../../src/core/period'
import { matching, prose } from '../../../src/core/schema/builders'
import { CalendarDateSchema, PeriodKeySchema } from '../../../src/core/schema/period'
import type { PeriodOpening } from '../../store/types'
import { defineAction } from '../action'
import { canReview, requireReviewer } from '../scope'

/** How far ahead a late window may reach. */
const MAX_OPEN_DAYS = 90

const bad = (path: string, message: string): never => {
  throw new ApiError('BAD_INPUT', message, { issues: [{ path, message }] })
}

/**
 * Opens a closed period again for one unit, with a reason and an end date:
 * its report may then come in until `until` (China date, inclusive) and
 * counts, marked late (`onTime: false`). Reviewers, for the units they
 * review. Opening it again replaces the end date and reason.
 */
export const openPeriod = defineAction(
  'period.open',
  z.strictObject({ indicatorCode: matching(CODE_PATTERN), orgUnitId: matching(ID_PATTERN), period: PeriodKeySchema, until: CalendarDateSchema, reason: prose(200, 1) }),
  async (ctx, input) => {
    const caller = requireReviewer(ctx)
    const unit = await ctx.store.getOrgUnit(input.orgUnitId)
    if (!unit) throw new ApiError('NOT_FOUND', '没有这个单位')
    if (!canReview(caller, unit.path)) throw new ApiError('FORBIDDEN', '只能为下级单位补开填报')
    const ind = await ctx.store.getIndicator(input.indicatorCode, periodYear(input.period))
    if (!ind) bad('period', `${periodYear(input.period)}年的计划里没有这项指标`)
    if (periodType(input.period) !== ind!.period) bad('period', `这项指标按${{ month: '月', quarter: '季度', year: '年' }[ind!.period]}填报`)
    if (ind!.reportLevel !== unit.level) bad('orgUnitId', '这个单位不填报这项指标')
    const today = chinaDate(ctx.clock.now())
    if (periodRange(input.period).start > today) bad('period', '这一期还没开始')
    if (openPeriods(ind!.period, ind!.due, today, ctx.config.graceDays).includes(input.period)) bad('period', '这一期还在填报时间内，不需要补开')
    if (input.until < today) bad('until', '截止日期不能早于今天')
    if (input.until > dayjs(today).add(MAX_OPEN_DAYS, 'day').format('YYYY-MM-DD')) bad('until', `截止日期最多在${MAX_OPEN_DAYS}天以内`)
    const reason = input.reason.trim()
    if (!reason) bad('reason', '请写明补开的原因')
    if ((await ctx.text.check(reason, ctx.openid)) === 'risky') throw new ApiError('REJECTED_TEXT')
    const opening: PeriodOpening = {
      indicatorCode: ind!.code,
      orgUnitId: unit.id,
      period: input.period,
      until: input.until,
      reason,
      byId: caller.person.id,
      byName: caller.person.name,
      at: ctx.clock.now().toISOString()
    }
    await ctx.store.putPeriodOpening(opening)
    return { opening }
  }
)
