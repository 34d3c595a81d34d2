import { unitPlan } from '../../src/core/allocation'
import { indicatorCompletion, type IndicatorCompletion } from '../../src/core/completion'
import type { Aggregates } from '../../src/core/figures'
import type { Indicator } from '../../src/core/indicator'
import type { OrgLevel, OrgUnit } from '../../src/core/org'
import { readRollup, type RolledUp } from '../../src/core/rollup'
import type { RollupPort } from './port'

/** What the roll-ups say about one indicator at one unit, as `progress` and the 自查表 both show it. */
export interface UnitReading {
  /** The roll-up key read; null when the indicator has none for the request. */
  key: string | null
  rolled: RolledUp
  /** The plan item as this unit is measured against it (its share, 未分解, targets not its own left out). */
  plan: Indicator
  completion: IndicatorCompletion
  /** Units under this one that report the indicator (1 when it reports itself). */
  reportingUnits: number
}

export interface UnitCounter {
  countUnitsUnder(path: string, level: OrgLevel): Promise<number>
}

/**
 * The one read of unit figures. Reads every (indicator, unit) aggregate at
 * the indicator's key in one call per key, fills fixed fields over every
 * unit that should report ("覆盖20%街道" is over all streets, not only
 * those that reported), and measures each unit against its own plan.
 */
export async function readUnits(
  store: Pick<RollupPort, 'rollups'> & UnitCounter,
  indicators: Indicator[],
  units: OrgUnit[],
  keyOf: (ind: Indicator) => string | null
): Promise<(ind: Indicator, unit: OrgUnit) => Promise<UnitReading>> {
  const byKey = new Map<string, Indicator[]>()
  for (const ind of indicators) {
    const key = keyOf(ind)
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), ind])
  }
  const aggs = new Map<string, Map<string, Aggregates>>()
  await Promise.all(
    [...byKey].map(async ([key, inds]) => {
      const got = await store.rollups(inds.map((i) => i.code), units.map((u) => u.id), key)
      for (const [code, m] of got) aggs.set(code, m)
    })
  )
  // Promises, not numbers: readings made in parallel share one count query.
  const counts = new Map<string, Promise<number>>()
  const reportingUnits = (u: OrgUnit, level: OrgLevel): Promise<number> => {
    const ck = `${u.id}|${level}`
    if (!counts.has(ck)) counts.set(ck, u.level === level ? Promise.resolve(1) : store.countUnitsUnder(u.path, level))
    return counts.get(ck)!
  }
  return async (ind, unit) => {
    const key = keyOf(ind)
    const rolled = readRollup(ind, aggs.get(ind.code)?.get(unit.id) ?? {})
    const n = await reportingUnits(unit, ind.reportLevel)
    const figures = { ...rolled.figures }
    for (const f of ind.fields) if (f.fixed !== undefined) figures[f.key] = f.fixed * n
    const plan = unitPlan(ind, unit)
    return { key, rolled: { ...rolled, figures }, plan, completion: indicatorCompletion(plan, figures, rolled.judgements), reportingUnits: n }
  }
}
