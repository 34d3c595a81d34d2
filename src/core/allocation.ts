import type { Indicator } from './indicator'
import type { OrgUnit } from './org'
import type { Target } from './target'

/**
 * 指标分解: how one plan item's targets apply to one unit.
 * - Count targets split down the tree: the district measures the whole
 *   target, a street or community its own share (`allocations`). A unit
 *   with no share is "未分解": its figures show, with no rate, never a
 *   rate against its parent's whole target. A district-only count target
 *   is the district's alone.
 * - Rates per population, percentages, progress targets and ceilings apply to every
 *   unit as they are.
 * - Milestones and qualitative targets belong to one unit (`owner`, by
 *   default the plan's owner: the district).
 */
export type Allocations = Record<string, Record<string, number>>

export type TargetScope =
  | { kind: 'as_is' }
  | { kind: 'share'; share: number }
  | { kind: 'unallocated' }
  | { kind: 'not_applicable' }

export function targetScope(ind: Indicator, t: Target, unit: OrgUnit): TargetScope {
  const isDistrict = unit.level === 'district'
  switch (t.kind) {
    case 'count': {
      if (isDistrict) return { kind: 'as_is' }
      if (t.districtOnly) return { kind: 'not_applicable' }
      const share = ind.allocations?.[t.id]?.[unit.id]
      return share === undefined ? { kind: 'unallocated' } : { kind: 'share', share }
    }
    case 'milestone':
    case 'qualitative':
      return (t.owner ? t.owner === unit.id : isDistrict) ? { kind: 'as_is' } : { kind: 'not_applicable' }
    default:
      return t.districtOnly && !isDistrict ? { kind: 'not_applicable' } : { kind: 'as_is' }
  }
}

/** A target as one unit is measured against it; `unallocated` marks a count target with no share. */
export type UnitTarget = Target & { unallocated?: true }

/**
 * The plan item as one unit is measured against it: targets that are not
 * the unit's left out, count targets carrying the unit's share as `min`,
 * unallocated ones marked. Everything else (text, fields) unchanged.
 */
export function unitPlan(ind: Indicator, unit: OrgUnit): Indicator & { targets: UnitTarget[] } {
  const targets: UnitTarget[] = []
  for (const t of ind.targets) {
    const scope = targetScope(ind, t, unit)
    if (scope.kind === 'not_applicable') continue
    if (scope.kind === 'share' && t.kind === 'count') targets.push({ ...t, min: scope.share })
    else if (scope.kind === 'unallocated') targets.push({ ...t, unallocated: true })
    else targets.push(t)
  }
  return { ...ind, targets }
}

/** What a unit's target is in its own terms: the whole target, its share, or null (未分解 / not its). */
export function unitRequired(ind: Indicator, t: Target, unit: OrgUnit): number | null {
  if (t.kind !== 'count') return null
  const scope = targetScope(ind, t, unit)
  return scope.kind === 'as_is' ? t.min : scope.kind === 'share' ? scope.share : null
}

/**
 * The shares a unit has handed down for each count target, against what it
 * has to split (its own target or share): under, exactly, or over.
 */
export interface SplitSummary {
  targetId: string
  /** What the unit has to split; null when it has nothing (未分解). */
  of: number | null
  allocated: number
  /** Children given a share / children in all. */
  units: number
  children: number
  state: 'none' | 'under' | 'exact' | 'over'
}

export function splitSummary(ind: Indicator, unit: OrgUnit, children: OrgUnit[]): SplitSummary[] {
  const out: SplitSummary[] = []
  for (const t of ind.targets) {
    if (t.kind !== 'count' || t.districtOnly || children.length === 0) continue
    const of = unitRequired(ind, t, unit)
    const shares = children.map((c) => ind.allocations?.[t.id]?.[c.id]).filter((v): v is number => v !== undefined)
    const allocated = shares.reduce((a, b) => a + b, 0)
    const state = shares.length === 0 ? 'none' : of === null ? 'over' : Math.abs(allocated - of) < 1e-9 ? 'exact' : allocated < of ? 'under' : 'over'
    out.push({ targetId: t.id, of, allocated, units: shares.length, children: children.length, state })
  }
  return out
}
