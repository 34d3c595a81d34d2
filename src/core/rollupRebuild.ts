import type { Indicator } from './indicator'
import { pathIds } from './org'
import { periodYear } from './period'
import { contribution, yearContribution, type ReportFacts } from './rollup'

export interface RollupRow {
  indicatorCode: string
  unitId: string
  period: string
  field: string
  sum: number
  n: number
}

/**
 * The roll-ups from scratch: what the per-write deltas add up to, from the
 * reports alone. Each report contributes to its period in its unit and
 * every ancestor; each unit's reports of a year contribute their year
 * figures to the year key (when the period is not the year itself).
 */
export function rebuildRollups(indicators: Indicator[], reports: (ReportFacts & { indicatorCode: string; orgUnitId: string; unitPath: string })[]): RollupRow[] {
  const byCode = new Map(indicators.map((i) => [i.code, i]))
  const rows = new Map<string, RollupRow>()
  const add = (indicatorCode: string, unitPath: string, period: string, figures: Record<string, number>) => {
    for (const unitId of pathIds(unitPath)) {
      for (const [field, value] of Object.entries(figures)) {
        const key = `${indicatorCode}\u0000${unitId}\u0000${period}\u0000${field}`
        const row = rows.get(key) ?? { indicatorCode, unitId, period, field, sum: 0, n: 0 }
        row.sum += value
        row.n += 1
        rows.set(key, row)
      }
    }
  }
  const unitYears = new Map<string, typeof reports>()
  for (const r of reports) {
    if (!byCode.has(r.indicatorCode)) continue
    add(r.indicatorCode, r.unitPath, r.period, contribution(byCode.get(r.indicatorCode)!, r))
    const year = String(periodYear(r.period))
    if (year === r.period) continue
    const key = `${r.indicatorCode}\u0000${r.orgUnitId}\u0000${year}`
    unitYears.set(key, [...(unitYears.get(key) ?? []), r])
  }
  for (const list of unitYears.values()) {
    const first = list[0]
    add(first.indicatorCode, first.unitPath, String(periodYear(first.period)), yearContribution(byCode.get(first.indicatorCode)!, list))
  }
  return [...rows.values()]
}
