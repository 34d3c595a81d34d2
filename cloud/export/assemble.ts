import { isActiveIn, type Indicator } from '../../src/core/indicator'
import { levelIndex, type OrgUnit } from '../../src/core/org'
import { approvedKey } from '../../src/core/rollup'
import { readUnits } from '../rollup/read'
import { buildSelfInspectionTable, DEFAULT_TITLE_UNIT, type SelfInspectionTable, type TableEntry, type TableVersion } from '../../src/core/table'
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
  return (await store.listIndicators(year)).filter((i) => inTable(i, unit, year))
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
 * - figures from the unit's year roll-ups through the same read as
 *   `progress` (cloud/rollup/read.ts): fixed fields counted over every unit
 *   that should report, reviewers' verdicts, the unit measured against its
 *   own plan (its share, 未分解), and how many units reported; with
 *   `version: 'approved'`, the year's approved figures only;
 * - a breakdown by child unit (streets of the district) for the draft's
 *   "（长丰街2个、…）", where the indicator is reported beneath them;
 * - the declared 完成率 and milestone dates from the unit's own reports of
 *   the year, where the unit itself reports the indicator (the latest
 *   period that states a rate wins);
 * - evidence names and the editors' narratives.
 * Nothing here judges the caller: the handler checks scope first.
 */
export async function assembleTable(store: Store, unit: OrgUnit, year: number, opts: { signer?: string; version?: TableVersion; attachment?: number } = {}): Promise<AssembledTable> {
  const version = opts.version ?? 'all'
  const indicators = await tableIndicators(store, unit, year)
  const children = await store.childUnits(unit.id)
  // The official version reads the year's approved figures only.
  const key = version === 'approved' ? approvedKey(year) : String(year)
  const read = await readUnits(store, indicators, [unit, ...children], () => key)

  // Indicators are independent: in the cloud their reads overlap instead of queueing.
  const rows = await Promise.all(
    indicators.map(async (ind) => {
      const reading = await read(ind, unit)
      const below = levelIndex(ind.reportLevel) > levelIndex(unit.level)
      const breakdown = below ? await Promise.all(children.map(async (child) => ({ unitName: child.name, figures: (await read(ind, child)).rolled.figures }))) : []
      // The same reports count as in the figures: approved only for the official version, never returned ones.
      const counts = (r: { status: string }) => (version === 'approved' ? r.status === 'approved' : r.status !== 'returned')
      const [own, scanned, edited] = await Promise.all([
        ind.reportLevel === unit.level ? store.reportsInYear(ind.code, unit.id, year).then((rs) => rs.filter(counts)) : [],
        reportsOfYear(store, unit, ind, year),
        store.getNarrative(ind.code, unit.id, year)
      ])
      const evidence = namesIn(scanned, ind)
      const declared = [...own].reverse().find((r) => typeof r.declaredRate === 'number')?.declaredRate ?? null
      const dates = Object.assign({}, ...own.map((r) => r.dates ?? {})) as Record<string, string>
      const entry: TableEntry = {
        // The unit's own plan: its share, 未分解, targets not its own left out; the text is the plan's.
        indicator: reading.plan,
        figures: reading.rolled.figures,
        completion: reading.completion,
        coverage: { reported: reading.rolled.units, expected: reading.reportingUnits, level: ind.reportLevel, returned: reading.rolled.returned },
        breakdown,
        declaredRate: declared,
        narrative: edited?.text ?? null,
        evidence,
        dates,
        approx: estimatedFields(ind, scanned.filter(counts))
      }
      return { entry, edit: edited ? { code: ind.code, byId: edited.byId, byName: edited.byName, at: edited.at } : null }
    })
  )
  const entries = rows.map((r) => r.entry)
  const edits = rows.flatMap((r) => (r.edit ? [r.edit] : []))

  const table = buildSelfInspectionTable({ year, ...tableHeader(unit), signer: opts.signer ?? '', entries, version, ...(opts.attachment ? { attachment: opts.attachment } : {}) })
  return { unit, table, edits }
}
