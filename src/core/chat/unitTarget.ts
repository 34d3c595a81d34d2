import type { Indicator } from '../indicator'
import type { Target } from '../target'
import type { ChatContext } from './types'

/**
 * The figure this unit is asked for by a count or progress target. Until
 * yearly plans split targets down the tree (branch i11), every unit is
 * measured against the indicator's own target, unless the page passes the
 * unit's share in `ctx.unitTargets`. This is the one place that choice is
 * made: questions back, target lines and warnings all read it.
 */
export function unitTarget(ctx: Pick<ChatContext, 'unitTargets'>, t: Target): number | null {
  if (t.kind !== 'count' && t.kind !== 'progress' && t.kind !== 'rate') return null
  return ctx.unitTargets?.[t.id] ?? t.min
}

/**
 * Whether last period's figure may simply be carried over (同上期): only
 * for stocks and running totals. A per-period count (新建网点 this month)
 * carried over would count the same new builds twice.
 */
export function carriesOver(ind: Indicator): boolean {
  return ind.accumulation === 'cumulative'
}
