import type { Indicator } from '../../src/core/indicator'
import { pathIds } from '../../src/core/org'
import { countedDeltas, unitYearCounted } from '../../src/core/rollup'
import { setBasedPlan } from '../../src/core/rollupSetBased'
import type { RebuildJob, RollupPort, RollupWrite } from './port'

const MAX_ATTEMPTS = 5

/**
 * Re-derives one unit-year's contribution from its reports under `ind` (the
 * plan of that year) and moves the roll-ups by the difference from what was
 * counted. A concurrent report write bumps the stamp; we then read again.
 * Returns whether anything changed.
 */
export async function reconcileUnitYear(port: RollupPort, ind: Indicator, unitId: string, year: number): Promise<boolean> {
  const unit = await port.getOrgUnit(unitId)
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { stamp, counted } = await port.unitYear(ind.code, unitId, year)
    const reports = await port.reportsInYear(ind.code, unitId, year)
    // A unit gone from the tree counts for nothing; its reports stay stored.
    const after = unit ? unitYearCounted(ind, unit.level, reports) : {}
    const deltas = countedDeltas(ind.code, counted, after)
    if (deltas.length === 0) return false
    const path = unit?.path ?? reports[0]?.unitPath
    if (!path) return false
    const [outcome] = await port.writeRollups([{ indicatorCode: ind.code, orgUnitId: unitId, year, expectedYearStamp: stamp, rollupUnitIds: pathIds(path), deltas, counted: after }])
    if (outcome === 'ok') return true
  }
  throw new Error(`rebuild: unit-year ${ind.code} ${unitId} ${year} kept changing`)
}

/**
 * Reconciles a page of unit-years with one batched write (the store may
 * sum the deltas of shared ancestors); any that went stale meanwhile are
 * done again one by one.
 */
async function reconcilePage(port: RollupPort, ind: Indicator, year: number, unitIds: string[]): Promise<void> {
  const writes: RollupWrite[] = []
  for (const unitId of unitIds) {
    const unit = await port.getOrgUnit(unitId)
    const { stamp, counted } = await port.unitYear(ind.code, unitId, year)
    const reports = await port.reportsInYear(ind.code, unitId, year)
    const after = unit ? unitYearCounted(ind, unit.level, reports) : {}
    const deltas = countedDeltas(ind.code, counted, after)
    const path = unit?.path ?? reports[0]?.unitPath
    if (deltas.length === 0 || !path) continue
    writes.push({ indicatorCode: ind.code, orgUnitId: unitId, year, expectedYearStamp: stamp, rollupUnitIds: pathIds(path), deltas, counted: after })
  }
  const outcomes = writes.length ? await port.writeRollups(writes) : []
  for (const [i, o] of outcomes.entries()) if (o === 'stale') await reconcileUnitYear(port, ind, writes[i].orgUnitId, year)
}

/** Queues a rebuild of one indicator-year (or restarts one already queued). */
export async function requestRebuild(port: RollupPort, indicatorCode: string, year: number, at: string): Promise<RebuildJob> {
  const job: RebuildJob = { indicatorCode, year, state: 'pending', cursor: null, done: 0, total: await port.countUnitYears(indicatorCode, year), requestedAt: at, updatedAt: at }
  await port.putRebuildJob(job)
  return job
}

export interface RebuildOptions {
  /** Take the paged core path even where the store can rebuild in SQL (tests, bench). */
  paged?: boolean
  pageSize?: number
}

export interface StepResult {
  job: RebuildJob
  /** Unit-years reconciled in this run. */
  reconciled: number
}

/**
 * Runs one job on from its cursor, for at most `budget` unit-years, saving
 * the cursor after each page so a run cut short (a cloud function's time
 * limit) loses at most one page of work, which the next run redoes
 * harmlessly: reconciling twice changes nothing the second time.
 */
export async function runRebuildJob(
  port: RollupPort,
  job: RebuildJob,
  ind: Indicator | null,
  budget: number,
  now: () => string,
  opts: RebuildOptions = {}
): Promise<StepResult> {
  const pageSize = opts.pageSize ?? 100
  let cur = job
  let reconciled = 0
  if (!ind) {
    // The plan item is gone: nothing to derive from.
    cur = { ...cur, state: 'done', updatedAt: now() }
    await port.putRebuildJob(cur)
    return { job: cur, reconciled }
  }
  // A store that can do it in SQL does the whole indicator-year at once, in one transaction.
  const plan = opts.paged ? null : setBasedPlan(ind, job.year)
  if (plan && port.rebuildSetBased) {
    const n = await port.rebuildSetBased(plan)
    cur = { ...cur, cursor: null, done: n, total: n, state: 'done', updatedAt: now() }
    const stored = await port.rebuildJob(job.indicatorCode, job.year)
    if (stored && stored.requestedAt !== job.requestedAt) return { job: stored, reconciled: n }
    await port.putRebuildJob(cur)
    return { job: cur, reconciled: n }
  }
  while (reconciled < budget) {
    const want = Math.min(pageSize, budget - reconciled)
    const ids = await port.unitYearsOf(ind.code, job.year, cur.cursor, want)
    await reconcilePage(port, ind, job.year, ids)
    reconciled += ids.length
    const finished = ids.length < want
    cur = { ...cur, cursor: ids.length ? ids[ids.length - 1] : cur.cursor, done: cur.done + ids.length, state: finished ? 'done' : 'pending', updatedAt: now() }
    // A job restarted meanwhile (another edit) must not be overwritten as done.
    const stored = await port.rebuildJob(job.indicatorCode, job.year)
    if (stored && stored.requestedAt !== job.requestedAt) return { job: stored, reconciled }
    await port.putRebuildJob(cur)
    if (finished) break
  }
  return { job: cur, reconciled }
}

/**
 * Runs pending jobs, oldest first, within `budget` unit-years in all.
 * `planOf` reads the indicator's plan for the job's year.
 */
export async function runPendingRebuilds(
  port: RollupPort,
  planOf: (code: string, year: number) => Promise<Indicator | null>,
  budget: number,
  now: () => string
): Promise<RebuildJob[]> {
  const out: RebuildJob[] = []
  let left = budget
  for (const job of await port.pendingRebuildJobs()) {
    if (left <= 0) {
      out.push(job)
      continue
    }
    const r = await runRebuildJob(port, job, await planOf(job.indicatorCode, job.year), left, now)
    left -= r.reconciled
    out.push(r.job)
  }
  return out
}

/** Rebuilds one indicator-year to the end now (local server, CLI, tests). */
export async function rebuild(port: RollupPort, ind: Indicator, year: number, now: () => string, opts: RebuildOptions = {}): Promise<RebuildJob> {
  const job = await requestRebuild(port, ind.code, year, now())
  return (await runRebuildJob(port, job, ind, Number.POSITIVE_INFINITY, now, opts)).job
}
