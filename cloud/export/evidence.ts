import type { Indicator } from '../../src/core/indicator'
import type { OrgUnit } from '../../src/core/org'
import { periodsOfYear } from '../../src/core/period'
import type { Store, StoredReport } from '../store/types'

/** Reports read per period when collecting evidence: a bounded read even for the whole district. */
export const EVIDENCE_SCAN = 200
/** Names the 支撑材料 cell lists before summing up the rest. */
export const EVIDENCE_LIMIT = 20

/**
 * 支撑材料 for one indicator of a unit's table: the names of the evidence
 * attached to the reports of the unit and every unit beneath it (what its
 * reviewers see) in the year, each name once, in period then unit order.
 * A name bound to a figure is prefixed by the figure's label.
 * Unnamed photos carry no information for the table and are left out. The
 * district sees hundreds of grid reports, so a long list is cut to
 * EVIDENCE_LIMIT names plus "等共N项".
 */
export async function evidenceNames(store: Store, unit: OrgUnit, ind: Indicator, year: number): Promise<string[]> {
  return namesIn(await reportsOfYear(store, unit, ind, year), ind)
}

/** The reports of the unit and every unit beneath it in the year, in period then unit order (bounded per period). */
export async function reportsOfYear(store: Store, unit: OrgUnit, ind: Indicator, year: number): Promise<StoredReport[]> {
  const perPeriod = await Promise.all(
    periodsOfYear(ind.period, year).map((period) => store.queryReports({ underPath: unit.path, indicatorCode: ind.code, period, limit: EVIDENCE_SCAN }))
  )
  return perPeriod.flatMap((rs) => [...rs].sort((a, b) => (a.unitPath < b.unitPath ? -1 : a.unitPath > b.unitPath ? 1 : 0)))
}

/** 支撑材料 from reports already read; a name bound to a figure of `ind` is prefixed by the figure's label. */
export function namesIn(reports: StoredReport[], ind?: Indicator): string[] {
  // Evidence bound to one figure is listed beside it: "新建服务网点：签到表.pdf".
  const labelOf = (key: string | undefined) => (key ? ind?.fields.find((f) => f.key === key)?.label : undefined)
  const names: string[] = []
  for (const r of reports) {
    for (const e of r.evidence ?? []) {
      const base = e.name.trim()
      const label = labelOf(e.field)
      const name = base && label ? `${label}：${base}` : base
      if (name && !names.includes(name)) names.push(name)
    }
  }
  return names.length <= EVIDENCE_LIMIT ? names : [...names.slice(0, EVIDENCE_LIMIT), `等共${names.length}项`]
}
