import { indicatorCompletion } from '../../src/core/completion'
import type { Figures } from '../../src/core/figures'
import { isActiveIn, type Indicator } from '../../src/core/indicator'
import { levelIndex, type OrgLevel, type OrgUnit } from '../../src/core/org'
import { readRollup } from '../../src/core/rollup'
import { buildSelfInspectionTable, DEFAULT_TITLE_UNIT, type SelfInspectionTable, type TableEntry } from '../../src/core/table'
import type { Store } from '../store/types'
import { estimatedFields } from './estimates'
import { namesIn, reportsOfYear } from './evidence'

/** Who last replaced a row's draft, for the editing page ("王芳 12月20日改写"). */
export interface NarrativeEdit {
  code: string
  byId: string
  byName: string
  at: string
}

export interface AssembledTable {
  unit: OrgUnit
  table: SelfInspectionTable
  edits: NarrativeEdit[]
}

/**
 * The indicators in a unit's 自查表 for a year: active that year and
 * reported at the unit's level or beneath it (a street's table has no
 * district projects).
 */
export async function tableIndicators(store: Store, unit: OrgUnit, year: number): Promise<Indicator[]> {
  return (await store.listIndicators()).filter((i) => inTable(i, unit, year))
}

export function inTable(ind: Indicator, unit: OrgUnit, year: number): boolean {
  return isActiveIn(ind, year) && levelIndex(ind.reportLevel) >= levelIndex(unit.level)
}

/**
 * The header the seed uses: the bureau signs as "硚口区民政局" under a title
 * naming "区民政局"; any other unit is named as it is in the org tree.
 */
export function tableHeader(unit: OrgUnit): { unitName: string; titleUnit: string } {
  return unit.level === 'district' ? { unitName: `${unit.name}民政局`, titleUnit: DEFAULT_TITLE_UNIT } : { unitName: unit.name, titleUnit: unit.name }
}

/**
 * Reads everything one 自查表 needs from the store and builds it:
 * - figures from the unit's year roll-ups (the same numbers `progress`
 *   shows for the year), fixed fields counted over every unit that should
 *   report, and reviewers' verdicts for qualitative targets;
 * - a breakdown by child unit (streets of the district) for the draft's
 *   "（长丰街2个、…）", where the indicator is reported beneath them;
 * - the declared 完成率 and milestone dates from the unit's own reports of
 *   the year, where the unit itself reports the indicator (the latest
 *   period that states a rate wins);
 * - evidence names and the editors' narratives.
 * Nothing here judges the caller: the handler checks scope first.
 */
export async function assembleTable(store: Store, unit: OrgUnit, year: number, opts: { signer?: string } = {}): Promise<AssembledTable> {
  const indicators = await tableIndicators(store, unit, year)
  const children = await store.childUnits(unit.id)
  const aggs = await store.rollups(
    indicators.map((i) => i.code),
    [unit.id, ...children.map((c) => c.id)],
    String(year)
  )

  // Promises, not numbers: rows read in parallel share one count query.
  const counts = new Map<string, Promise<number>>()
  const reportingUnits = (u: OrgUnit, level: OrgLevel): Promise<number> => {
    const key = `${u.id}|${level}`
    if (!counts.has(key)) counts.set(key, u.level === level ? Promise.resolve(1) : store.countUnitsUnder(u.path, level))
    return counts.get(key)!
  }
  const rolledUp = async (u: OrgUnit, ind: Indicator) => {
    const rolled = readRollup(ind, aggs.get(ind.code)?.get(u.id) ?? {})
    const figures: Figures = { ...rolled.figures }
    // As in `progress`: "覆盖20%街道" is over all streets, not only those that reported.
    for (const f of ind.fields) if (f.fixed !== undefined) figures[f.key] = f.fixed * (await reportingUnits(u, ind.reportLevel))
    return { figures, judgements: rolled.judgements }
  }

  // Indicators are independent: in the cloud their reads overlap instead of queueing.
  const rows = await Promise.all(
    indicators.map(async (ind) => {
      const { figures, judgements } = await rolledUp(unit, ind)
      const below = levelIndex(ind.reportLevel) > levelIndex(unit.level)
      const breakdown = below ? await Promise.all(children.map(async (child) => ({ unitName: child.name, figures: (await rolledUp(child, ind)).figures }))) : []
      const [own, scanned, edited] = await Promise.all([
        ind.reportLevel === unit.level ? store.reportsInYear(ind.code, unit.id, year) : [],
        reportsOfYear(store, unit, ind, year),
        store.getNarrative(ind.code, unit.id, year)
      ])
      const evidence = namesIn(scanned, ind)
      const declared = [...own].reverse().find((r) => typeof r.declaredRate === 'number')?.declaredRate ?? null
      const dates = Object.assign({}, ...own.map((r) => r.dates ?? {})) as Record<string, string>
      const entry: TableEntry = {
        indicator: ind,
        figures,
        completion: indicatorCompletion(ind, figures, judgements),
        breakdown,
        declaredRate: declared,
        narrative: edited?.text ?? null,
        evidence,
        dates,
        approx: estimatedFields(ind, scanned)
      }
      return { entry, edit: edited ? { code: ind.code, byId: edited.byId, byName: edited.byName, at: edited.at } : null }
    })
  )
  const entries = rows.map((r) => r.entry)
  const edits = rows.flatMap((r) => (r.edit ? [r.edit] : []))

  const table = buildSelfInspectionTable({ year, ...tableHeader(unit), signer: opts.signer ?? '', entries })
  return { unit, table, edits }
}
