import type { Indicator } from '../../src/core/indicator'
import type { ApiContext } from '../api/context'
import type { RebuildJob } from './port'
import { requestRebuild, runPendingRebuilds } from './rebuild'

/**
 * What a plan change means for the roll-ups: a new contribution rule
 * (fields and their combine rules, accumulation, reporting level or period type) re-derives every
 * unit-year of that indicator-year; text and targets change no roll-up.
 */
export function affectsRollups(before: Indicator | null, after: Indicator): boolean {
  if (!before) return false
  const shape = (i: Indicator) => JSON.stringify([i.fields.map((f) => [f.key, f.kind, f.fixed ?? null, f.combine ?? null]), i.accumulation, i.reportLevel, i.period])
  return shape(before) !== shape(after)
}

/** Queues the rebuilds and runs pending jobs within the request's budget. */
export async function rebuildNow(ctx: ApiContext, which: { indicatorCode: string; year: number }[]): Promise<RebuildJob[]> {
  const at = () => ctx.clock.now().toISOString()
  for (const w of which) await requestRebuild(ctx.store, w.indicatorCode, w.year, at())
  return continueRebuilds(ctx)
}

export async function continueRebuilds(ctx: ApiContext): Promise<RebuildJob[]> {
  return runPendingRebuilds(ctx.store, (code, year) => ctx.store.getIndicator(code, year), ctx.config.rebuildBudget, () => ctx.clock.now().toISOString())
}

/** A job as the admin sees it. */
export function jobView(job: RebuildJob) {
  return { indicatorCode: job.indicatorCode, year: job.year, state: job.state, done: job.done, total: job.total, updatedAt: job.updatedAt }
}
