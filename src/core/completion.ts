import type { Figures } from './figures'
import type { Indicator } from './indicator'
import type { UnitTarget } from './allocation'
import { isShareCeiling, type CeilingTarget, type Target, type Verdict } from './target'

/**
 * How far one target is reached.
 * - `ratio` is the raw achievement (actual ÷ required): 1.17 means 17 % over,
 *   kept so over-achievement stays visible.
 * - `rate` is what the 完成率 column shows: the ratio capped to [0, 1].
 * - Both are null when a figure the target needs was not reported: missing
 *   data is unknown, never 0.
 */
export interface TargetCompletion {
  targetId: string
  kind: Target['kind']
  label: string
  /** The measured value in the target's own terms: a count, a rate per
   * `scale`, a fraction, steps done; null when unknown. */
  actual: number | null
  /** What the target asks for, in the same terms as `actual`. */
  required: number
  ratio: number | null
  rate: number | null
  met: boolean | null
  /** Milestones only: stretch steps done / all stretch steps. */
  stretch?: { done: number; total: number }
  /** A count target with no share for this unit (未分解): figures only, no rate, left out of the indicator's rate. */
  unallocated?: true
}

export interface IndicatorCompletion {
  code: string
  /** Equal-weight mean of the target rates; null if any target is unknown. */
  rate: number | null
  /** The same mean over the targets that are known, for a partial view. */
  rateOfKnown: number | null
  knownTargets: number
  totalTargets: number
  /** Some target is beyond what it asks for. */
  overAchieved: boolean
  targets: TargetCompletion[]
}

const UNKNOWN = { actual: null, ratio: null, rate: null, met: null } as const

function cap(ratio: number): number {
  return Math.min(1, Math.max(0, ratio))
}

function result(t: Target, required: number, actual: number, ratio: number): TargetCompletion {
  return { targetId: t.id, kind: t.kind, label: t.label, required, actual, ratio, rate: cap(ratio), met: ratio >= 1 - 1e-9 }
}

const VERDICT_RATIO: Record<Verdict, number> = { met: 1, partial: 0.5, unmet: 0 }

/**
 * Qualitative judgements, by target id: a reviewer's verdict for one unit,
 * or the mean of verdict ratios when units are rolled up.
 */
export type Judgements = Record<string, Verdict | number>

export function verdictRatio(v: Verdict | number): number {
  return typeof v === 'number' ? v : VERDICT_RATIO[v]
}

export function targetCompletion(t: Target, figures: Figures, verdicts: Judgements = {}): TargetCompletion {
  const unknown = (required: number): TargetCompletion => ({ targetId: t.id, kind: t.kind, label: t.label, required, ...UNKNOWN })
  switch (t.kind) {
    case 'count': {
      const v = figures[t.field]
      if ((t as UnitTarget).unallocated) return { ...unknown(t.min), actual: v ?? null, unallocated: true }
      if (v === undefined) return unknown(t.min)
      // A share of 0 asks nothing of the unit: met whatever it did.
      return t.min <= 0 ? result(t, 0, v, 1) : result(t, t.min, v, v / t.min)
    }
    case 'progress': {
      const v = figures[t.field]
      return v === undefined ? unknown(t.min) : result(t, t.min, v, v / t.min)
    }
    case 'rate': {
      const num = figures[t.numerator]
      const den = figures[t.denominator]
      if (num === undefined || den === undefined || den <= 0) return unknown(t.min)
      const actual = (num / den) * t.scale
      return result(t, t.min, actual, actual / t.min)
    }
    case 'percentage': {
      const num = figures[t.numerator]
      const den = figures[t.denominator]
      if (num === undefined || den === undefined || den < 0 || num > den) return unknown(t.percent)
      // Nobody needed placing means nobody was left unplaced: a rate of
      // "100% placed" is met when the denominator is 0.
      const actual = den === 0 ? 1 : num / den
      return result(t, t.percent, actual, actual / t.percent)
    }
    case 'milestone': {
      const required = t.steps.filter((s) => s.required)
      const stretch = t.steps.filter((s) => !s.required)
      const done = (field: string) => (figures[field] ?? 0) >= 1
      const stretchInfo = { done: stretch.filter((s) => done(s.field)).length, total: stretch.length }
      if (required.some((s) => figures[s.field] === undefined)) return { ...unknown(required.length), stretch: stretchInfo }
      const doneCount = required.filter((s) => done(s.field)).length
      return { ...result(t, required.length, doneCount, doneCount / required.length), stretch: stretchInfo }
    }
    case 'qualitative': {
      const v = verdicts[t.id]
      return v === undefined ? unknown(1) : result(t, 1, verdictRatio(v), verdictRatio(v))
    }
    case 'ceiling': {
      const actual = ceilingValue(t, figures)
      return actual === null ? unknown(t.max) : ceilingResult(t, actual)
    }
  }
}

/** What a ceiling measures: the field, or numerator ÷ denominator (0 ÷ 0 is 0: nothing happened, nothing exceeded). */
function ceilingValue(t: CeilingTarget, figures: Figures): number | null {
  if (!isShareCeiling(t)) return figures[t.field!] ?? null
  const num = figures[t.numerator]
  const den = figures[t.denominator]
  if (num === undefined || den === undefined || num < 0 || den < 0) return null
  if (den === 0) return num === 0 ? 0 : null
  return num / den
}

/**
 * A ceiling's completion, value ≤ max:
 *
 *     rate = 1                    when value ≤ max
 *     rate = max / value          when value > max (floored at 0, which
 *                                 it only reaches when max is 0)
 *
 * Why max / value: it mirrors a floor target's actual / required, so 30
 * days against a 15-day ceiling reads 50 %, as 4 of 8 service points does;
 * it falls smoothly as the value grows, never turns negative and needs no
 * arbitrary point where it hits 0 (a linear 1 − (value − max) / max would
 * make 31 days and 300 days both 0). Staying under a ceiling is not
 * "over-achieving": `ratio` equals `rate`, never above 1.
 */
function ceilingResult(t: CeilingTarget, actual: number): TargetCompletion {
  const within = actual <= t.max + 1e-9
  const ratio = within ? 1 : Math.max(0, t.max / actual)
  return { targetId: t.id, kind: t.kind, label: t.label, required: t.max, actual, ratio, rate: ratio, met: within }
}

/**
 * An indicator's completion combines its targets by an equal-weight mean of
 * their capped rates. Capping before averaging is deliberate: beds at 117 %
 * must not hide canteens at 67 %, and the 自查表 reads each target as a
 * commitment of its own. A single unknown target makes the whole unknown
 * (we do not guess the rest of the table), while `rateOfKnown` still shows
 * how the known part stands.
 */
export function indicatorCompletion(ind: Indicator, figures: Figures, verdicts: Judgements = {}): IndicatorCompletion {
  const targets = ind.targets.map((t) => targetCompletion(t, figures, verdicts))
  // 未分解 targets have no rate for this unit: they are neither unknown nor part of the mean.
  const measured = targets.filter((t) => !t.unallocated)
  const known = measured.filter((t) => t.rate !== null)
  const mean = (xs: TargetCompletion[]) => (xs.length === 0 ? null : xs.reduce((s, t) => s + (t.rate ?? 0), 0) / xs.length)
  return {
    code: ind.code,
    rate: known.length === measured.length ? mean(measured) : null,
    rateOfKnown: mean(known),
    knownTargets: known.length,
    totalTargets: measured.length,
    overAchieved: targets.some((t) => t.ratio !== null && t.ratio > 1 + 1e-9),
    targets
  }
}

/**
 * A rate as the table shows it: "66.7", "100", or "—" when unknown. A rate
 * short of 1 never rounds up to "100" (99.96 % reads "99.9"): 100 means met.
 */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—'
  let pct = Math.round(rate * 1000) / 10
  if (pct >= 100 && rate < 1 - 1e-9) pct = 99.9
  return Number.isInteger(pct) ? String(pct) : pct.toFixed(1)
}
