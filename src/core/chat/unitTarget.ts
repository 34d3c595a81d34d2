import type { Indicator } from '../indicator'
import type { Target } from '../target'
import type { ChatContext } from './types'

/**
 * The figure this unit is asked for by a count, progress or rate target:
 * its own share from the year's plan (`ctx.unitTargets`, filled by the page
 * from core/allocation's unitRequired), null where the plan gave it none
 * (未分解: no target to measure against), else the target as stated. This
 * is the one place that choice is made: questions back, target lines and
 * warnings all read it.
 */
export function unitTarget(ctx: Pick<ChatContext, 'unitTargets'>, t: Target): number | null {
  if (t.kind !== 'count' && t.kind !== 'progress' && t.kind !== 'rate') return null
  if (ctx.unitTargets && t.id in ctx.unitTargets) return ctx.unitTargets[t.id]
  return t.min
}

/**
 * Whether last period's figure may simply be carried over (同上期): only
 * for stocks and running totals. A per-period count (新建网点 this month)
 * carried over would count the same new builds twice.
 */
export function carriesOver(ind: Indicator): boolean {
  return ind.accumulation === 'cumulative'
}
