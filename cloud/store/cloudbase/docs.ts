import type { DocData, DocumentRef, Query } from './sdk'

/**
 * Collection names. Create them in the CloudBase console before the first
 * deploy (writes and transactions on a missing collection fail), with the
 * permission "仅管理端可读写": only the cloud function touches them.
 */
export const C = {
  units: 'org_units',
  people: 'people',
  /** Doc id = openid → `{ personId }`: lets a transaction find who holds an openid without a query. */
  bindings: 'openid_bindings',
  invites: 'invites',
  /** Before plans per year: one document per code with activeFrom/activeTo; read only by the migration. */
  indicators: 'indicators',
  /** One indicator definition per plan year: `_id` = code~year. */
  plans: 'plans',
  /** Roll-up rebuild jobs: `_id` = code~~year. */
  rollupJobs: 'rollup_jobs',
  /** Late reports: `_id` = code~unit~period; index (orgUnitId, until). */
  periodOpenings: 'period_openings',
  /** Sign-offs and 未报 marks: `_id` = code~period~unit, with `version`. */
  signOffs: 'signoffs',
  /** `schema` → `{ version }`: which one-time migrations ran (migrate.ts). */
  meta: 'meta',
  reports: 'reports',
  submissions: 'submissions',
  unitYears: 'unit_years',
  rollups: 'rollups',
  history: 'history'
} as const

export const planId = (code: string, year: number) => `${code}~${year}`
export const unitYearId = (code: string, unitId: string, year: number) => `${code}~${unitId}~${year}`
export const rollupId = (code: string, unitId: string, period: string) => `${code}~${unitId}~${period}`
/** One history entry per write; the unit-year stamp after the write is unique per write to that report. */
export const historyId = (reportId: string, stamp: number) => `${reportId}~${String(stamp).padStart(9, '0')}`

/** Page size for list reads: the cloud-function default, well under the 1000 cap. */
export const PAGE = 100

/**
 * The SDK's "no such document" failure from `doc(id).get()` when the
 * database throws on not-found (its default): an error whose errMsg reads
 * `document.get:fail document with _id <id> does not exist`. Matched
 * narrowly: any other failure (network, permission, timeout) must surface,
 * not read as "missing".
 */
export function isNotFoundError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false
  const { errMsg, message } = e as { errMsg?: unknown; message?: unknown }
  const text = typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : ''
  return /document with _id .* does not exist/.test(text)
}

/** A document's data, or null when it does not exist, whichever way the SDK says so. */
export async function readDoc(ref: DocumentRef): Promise<DocData | null> {
  try {
    const { data } = await ref.get()
    return data ?? null
  } catch (e) {
    if (isNotFoundError(e)) return null
    throw e
  }
}

/**
 * Every record of a query, `PAGE` at a time, up to `max`. A bare `get()`
 * silently stops at 100 records, so list reads always come through here.
 * `query` must carry an `orderBy` that totally orders the records (end
 * with `_id`), or pages could overlap or skip.
 */
export async function fetchAll(query: Query, max = Number.POSITIVE_INFINITY): Promise<DocData[]> {
  const out: DocData[] = []
  while (out.length < max) {
    const want = Math.min(PAGE, max - out.length)
    const { data } = await query.skip(out.length).limit(want).get()
    out.push(...data)
    if (data.length < want) break
  }
  return out
}

export function chunks<T>(items: readonly T[], size = PAGE): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** A regexp matching strings that start with `prefix` literally. */
export function prefixPattern(prefix: string): string {
  return '^' + prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** JSON-shaped copy without `undefined` members: what a write may carry. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** A stored document back as a domain object: `_id` becomes `idKey`, listed bookkeeping fields go. */
export function fromDoc<T>(doc: DocData, idKey: string, drop: readonly string[] = []): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_id') out[idKey] = v
    else if (!drop.includes(k)) out[k] = v
  }
  return out as T
}
