import * as z from 'zod/mini'
import { unitPlan } from '../../../src/core/allocation'
import { formatFigure } from '../../../src/core/fieldFormat'
import { indicatorCompletion, formatRate } from '../../../src/core/completion'
import { softWarnings } from '../../../src/core/chat/warnings'
import { yearFigures } from '../../../src/core/figures'
import { periodYear, previousPeriod } from '../../../src/core/period'
import { reportId } from '../../../src/core/report'
import { text } from '../../../src/core/schema/builders'
import { actualText } from '../../../src/core/targetText'
import { ApiError } from '../../../src/core/errors'
import { defineAction } from '../action'
import { labelsOf, signedAbove } from '../reviewScope'
import { canRead, requireCaller } from '../scope'

/**
 * What a reviewer needs beside a report (issue 13 point 7): the unit by name
 * with its parents, its own targets (its allocation or share), the computed
 * rate of its year so far, last period's figures, and the soft warnings the
 * figures raise with the reason the worker gave for each. All computed by
 * core, as the chat and the progress page compute them.
 */
export const reviewContext = defineAction('review.context', z.strictObject({ reportId: text(120, 1) }), async (ctx, input) => {
  const caller = requireCaller(ctx)
  const report = await ctx.store.getReport(input.reportId)
  if (!report || !canRead(caller, report.unitPath)) throw new ApiError('NOT_FOUND', '没有找到这份填报')
  const year = periodYear(report.period)
  const ind = await ctx.store.getIndicator(report.indicatorCode, year)
  const unit = await ctx.store.getOrgUnit(report.orgUnitId)
  if (!ind || !unit) throw new ApiError('INTERNAL')
  const plan = unitPlan(ind, unit)
  const year_ = (await ctx.store.reportsInYear(ind.code, unit.id, year)).filter((r) => r.status !== 'returned').sort((a, b) => a.period.localeCompare(b.period))
  const figures = yearFigures(ind.fields, ind.accumulation, year_.map((r) => r.values))
  const completion = indicatorCompletion(plan, figures, report.verdicts)
  const prevKey = previousPeriod(report.period)
  const prev = await ctx.store.getReport(reportId(ind.code, unit.id, prevKey))
  const ownTarget = (t: { id: string }) => completion.targets.find((c) => c.targetId === t.id)?.required ?? null
  const warnings = ind.fields
    .filter((f) => report.values[f.key] !== undefined)
    .map((f) => ({ key: f.key, label: f.label, messages: softWarnings(plan, report.values, f.key, prev?.values ?? {}, { target: ownTarget }), reason: report.reasons[f.key] ?? null }))
    .filter((w) => w.messages.length > 0 || w.reason !== null)
  const locked = await signedAbove(ctx.store, ind, unit, report.period, true)
  return {
    label: (await labelsOf(ctx.store, [unit])).get(unit.id) ?? unit.name,
    targets: completion.targets.map((t) => {
      const def = plan.targets.find((d) => d.id === t.targetId)
      return {
        id: t.targetId,
        label: t.label,
        /** The unit's own figure: its allocation (share) for count targets; null when 未分解. */
        required: t.unallocated ? null : t.required,
        unallocated: t.unallocated === true,
        /** True when the figure is the unit's share from 指标分解 rather than the plan's whole target. */
        share: def?.kind === 'count' && ind.allocations?.[def.id] !== undefined,
        actual: actualText(t, ind),
        rate: formatRate(t.rate)
      }
    }),
    rate: formatRate(completion.rate),
    previous: prev
      ? {
          period: prevKey,
          status: prev.status,
          figures: ind.fields.filter((f) => prev.values[f.key] !== undefined && f.fixed === undefined).map((f) => ({ key: f.key, label: f.label, value: formatFigure(f, prev.values[f.key], (prev.approx ?? []).includes(f.key)) }))
        }
      : null,
    warnings,
    chain: ind.reviewChain ?? null,
    signedOff: locked !== null
  }
})
