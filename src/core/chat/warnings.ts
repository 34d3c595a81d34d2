import type { Figures } from '../figures'
import { fieldByKey, type Indicator } from '../indicator'
import type { Target } from '../target'
import { formatValue, plainNumber } from './format'
import type { ChatContext } from './types'
import { unitTarget } from './unitTarget'

/**
 * Soft warnings: a figure that is allowed but looks like a typo. The worker
 * may keep it by giving a reason (stored beside it for the reviewer) or say
 * 改一下. They measure against the unit's own target and its own history,
 * and a floor keeps small numbers quiet: 1 → 6 新建网点 is an ordinary
 * month, 200 → 2000 培训人次 is worth a question.
 */
export const FAR_ABOVE = 3

/**
 * A jump must also be this large in absolute terms, or this share of the
 * unit's yearly target, whichever is more, before it is questioned.
 */
export const JUMP_FLOOR = 10
export const TARGET_SHARE_FLOOR = 0.25

/** "约3.2倍", "约6倍": one decimal at most, never "19.5652". */
export function formatRatio(x: number): string {
  return `约${plainNumber(Math.round(x * 10) / 10)}倍`
}

/** A rate as the target states it: one decimal at most. */
function formatRate(x: number): string {
  return plainNumber(Math.round(x * 10) / 10)
}

export interface WarningContext {
  previous?: Figures
  /** Figures this unit entered before, most recent first. */
  seen?: number[]
  /** The unit's own figure for a target (see unitTarget.ts). */
  target?: (t: Target) => number | null
}

/**
 * What looks off about `values[key]`, one sentence per finding; empty when
 * nothing does.
 */
export function softWarnings(ind: Indicator, values: Figures, key: string, previous: Figures = {}, opts: Omit<WarningContext, 'previous'> = {}): string[] {
  const field = fieldByKey(ind, key)
  const value = values[key]
  if (!field || value === undefined) return []
  const own = (t: Target) => (opts.target ? opts.target(t) : t.kind === 'count' || t.kind === 'rate' || t.kind === 'progress' ? t.min : null)
  const found: string[] = []
  const countable = field.kind === 'count' || field.kind === 'amount'
  let yearTarget = 0
  for (const t of ind.targets) {
    const goal = own(t)
    if (goal === null) continue
    // A single period's figure beyond three times the unit's whole-year target.
    if (t.kind === 'count' && t.field === key) {
      yearTarget = goal
      if (goal > 0 && value > FAR_ABOVE * goal && value - goal >= JUMP_FLOOR) {
        found.push(`是本单位全年目标（${formatValue(field, goal)}）的${formatRatio(value / goal)}`)
      }
    }
    // A rate far beyond its target usually means a mistyped whole (老人数少写了位数).
    if (t.kind === 'rate' && (t.numerator === key || t.denominator === key)) {
      const num = values[t.numerator]
      const den = values[t.denominator]
      if (num !== undefined && den !== undefined && den > 0 && goal > 0 && (num / den) * t.scale > FAR_ABOVE * goal) {
        const rate = (num / den) * t.scale
        found.push(`算下来“${t.label}”达到${formatRate(rate)}，是目标（${formatRate(goal)}）的${formatRatio(rate / goal)}，请核对两个数`)
      }
    }
  }
  const before = previous[key]
  if (before !== undefined) {
    // A running total or a stock does not shrink: a fall is usually a typo.
    if (ind.accumulation === 'cumulative' && value < before) {
      found.push(
        field.kind === 'step' || field.kind === 'flag'
          ? `上期是“${formatValue(field, before)}”，做过的一般不会退回`
          : `比上期（${formatValue(field, before)}）少了，累计数一般只增不减`
      )
    }
  }
  // Against the unit's own history: its largest recent figure, not one odd month.
  const history = [before, ...(opts.seen ?? [])].filter((v): v is number => v !== undefined && v > 0)
  if (countable && history.length) {
    const usual = Math.max(...history)
    const floor = Math.max(JUMP_FLOOR, TARGET_SHARE_FLOOR * yearTarget)
    if (value > FAR_ABOVE * usual && value - usual >= floor) {
      found.push(before !== undefined && usual === before ? `是上期（${formatValue(field, before)}）的${formatRatio(value / before)}` : `是以前填过的最大数（${formatValue(field, usual)}）的${formatRatio(value / usual)}`)
    }
  }
  return found
}

/** The warnings as the chat sees them: the unit's own targets and history from its context. */
export function softWarningsFor(ctx: ChatContext, values: Figures, key: string): string[] {
  return softWarnings(ctx.indicator, values, key, ctx.previous, { seen: ctx.seen?.[key], target: (t) => unitTarget(ctx, t) })
}
