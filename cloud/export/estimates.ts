import type { Indicator } from '../../src/core/indicator'
import type { StoredReport } from '../store/types'

/**
 * Fields whose year figure rests on at least one estimate (约1200人次), so
 * the 自查表 writes 约 in front of it. A per-period figure adds up every
 * period, so any estimate counts; a cumulative one is each unit's latest
 * report, so only those. `reports` are in period order (reportsOfYear).
 */
export function estimatedFields(ind: Indicator, reports: StoredReport[]): string[] {
  const counted =
    ind.accumulation === 'per_period'
      ? reports
      : [...new Map(reports.map((r) => [r.orgUnitId, r] as const)).values()]
  const keys = new Set<string>()
  for (const r of counted) for (const k of r.approx ?? []) if (r.values[k] !== undefined) keys.add(k)
  return ind.fields.filter((f) => keys.has(f.key)).map((f) => f.key)
}
