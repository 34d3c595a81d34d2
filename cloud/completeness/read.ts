import { completenessRow, missingPeriods, rowHas, type CompletenessCell, type CompletenessStatus } from '../../src/core/completeness'
import type { Indicator } from '../../src/core/indicator'
import { ORG_LEVELS, pathIds, type OrgUnit } from '../../src/core/org'
import { periodsOfYear } from '../../src/core/period'
import type { Store, StoredReport } from '../store/types'

/**
 * Reads the completeness grid (units × periods) of one indicator in one
 * plan year from the store: the reporting units under a path, their reports
 * of the year and the indicator's late windows of the year, each in bulk (a
 * fixed handful of store calls per file, a few per page: on CloudBase every
 * call is a round trip); the cells come from the one rule in
 * src/core/completeness.ts. The `completeness` action, its xlsx download and
 * the 自查表's second sheet all read through here.
 */

export interface CompletenessRow {
  unit: Pick<OrgUnit, 'id' | 'name' | 'level' | 'path'>
  /** The street the unit lies in (null for the district or a street itself). */
  street: { id: string; name: string } | null
  /** The community, for grids. */
  community: { id: string; name: string } | null
  cells: CompletenessCell[]
}

export interface GridPage {
  periods: string[]
  rows: CompletenessRow[]
  /** The path of the last unit looked at, to continue from; null when done. */
  next: string | null
}

export interface GridQuery {
  /** Units under this path (the caller's unit, or a street of it). */
  underPath: string
  today: string
  status?: CompletenessStatus
  /** Continue after the unit with this path (units are in path order, which never changes for a unit). */
  after?: string | null
  /** At most this many rows; unbounded when absent (files). */
  limit?: number
}

/**
 * Names of ancestors: the streets and communities under the path in two
 * reads, anything else (an ancestor above the path, a retired unit) by id,
 * once per request.
 */
async function nameBook(store: Store, underPath: string) {
  const cache = new Map<string, Promise<OrgUnit | null>>()
  for (const level of ['street', 'community'] as const) for (const u of await store.unitsUnder(underPath, level)) cache.set(u.id, Promise.resolve(u))
  return (id: string) => {
    let p = cache.get(id)
    if (!p) cache.set(id, (p = store.getOrgUnit(id)))
    return p
  }
}

/** The indicator's still-open late windows of the year, by unit: one read for the whole grid. */
async function openingsByUnit(store: Store, code: string, year: number, today: string) {
  const out = new Map<string, { period: string; until: string }[]>()
  for (const o of await store.periodOpeningsIn(code, year, today)) {
    const list = out.get(o.orgUnitId) ?? []
    list.push({ period: o.period, until: o.until })
    out.set(o.orgUnitId, list)
  }
  return out
}

type UnitReports = Map<string, { period: string; status: StoredReport['status']; onTime: boolean }[]>

function byUnit(reports: StoredReport[]): UnitReports {
  const out: UnitReports = new Map()
  for (const r of reports) {
    const list = out.get(r.orgUnitId) ?? []
    list.push({ period: r.period, status: r.status, onTime: r.onTime })
    out.set(r.orgUnitId, list)
  }
  return out
}

export async function readCompleteness(store: Store, ind: Indicator, year: number, q: GridQuery): Promise<GridPage> {
  const periods = periodsOfYear(ind.period, year)
  const all = await store.unitsUnder(q.underPath, ind.reportLevel)
  const units = q.after ? all.filter((u) => u.path > q.after!) : all
  const unitOf = await nameBook(store, q.underPath)
  const ref = async (ids: string[], level: number) => {
    const id = ids[level]
    const u = id ? await unitOf(id) : null
    return u ? { id: u.id, name: u.name } : null
  }
  const streetLevel = ORG_LEVELS.indexOf('street')
  const communityLevel = ORG_LEVELS.indexOf('community')
  const rows: CompletenessRow[] = []
  let next: string | null = null
  // A whole grid (a file) reads the indicator's reports under the path at once; a page reads those of the next
  // `limit` units in one read, and of `limit` more while a status filter leaves the page short.
  let reportsOf = q.limit ? null : byUnit(await store.reportsInYearUnder(ind.code, year, q.underPath))
  let readUpTo = q.limit ? 0 : units.length
  const openingsOf = await openingsByUnit(store, ind.code, year, q.today)
  for (let i = 0; i < units.length; i++) {
    const u = units[i]
    if (i >= readUpTo) {
      readUpTo = i + q.limit!
      reportsOf = byUnit(await store.reportsInYearOf(ind.code, year, units.slice(i, readUpTo).map((x) => x.id)))
    }
    const reports = reportsOf!.get(u.id) ?? []
    // Late windows matter only where a past-due period has no report.
    const openings = missingPeriods(periods, ind.due, q.today, reports).length ? (openingsOf.get(u.id) ?? []) : []
    const cells = completenessRow(periods, ind.due, q.today, reports, openings)
    if (!rowHas(cells, q.status)) continue
    const ids = pathIds(u.path)
    rows.push({
      unit: { id: u.id, name: u.name, level: u.level, path: u.path },
      street: u.level === 'street' ? null : await ref(ids, streetLevel),
      community: u.level === 'grid' ? await ref(ids, communityLevel) : null,
      cells
    })
    if (q.limit && rows.length >= q.limit) {
      next = i < units.length - 1 ? u.path : null
      break
    }
  }
  return { periods, rows, next }
}
