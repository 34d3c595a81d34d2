import { C, fetchAll, planId, plain, readDoc, unitYearId } from './docs'
import type { Database, DocData } from './sdk'

/** The schema version this adapter expects; kept in `meta/schema`. */
export const SCHEMA_VERSION = 1

/**
 * Brings a database written before plans per year up to date, once
 * (version 1), the CloudBase counterpart of SQLite migration 5:
 * - every old `indicators` document (activeFrom/activeTo) becomes one
 *   `plans` document per year it was active (open-ended: up to the latest
 *   year it has reports in, at least activeFrom), unless that plan exists;
 * - roll-ups were kept by deltas whose basis was not stored: a rebuild job
 *   is queued for every indicator-year with reports, every roll-up document
 *   is removed and every unit-year's counted contribution starts empty,
 *   which is consistent; the jobs (run with `rollups.rebuild`) fill them.
 * Run it with the `api` function not serving writes (deploy window): a
 * report written between the removal and the reset would be counted twice.
 * Re-running after a cut-off run is safe: each step only repeats itself.
 */
export async function migrateCloudBase(db: Database, now: string): Promise<boolean> {
  const meta = await readDoc(db.collection(C.meta).doc('schema'))
  if (((meta?.version as number | undefined) ?? 0) >= SCHEMA_VERSION) return false

  const unitYears = await fetchAll(db.collection(C.unitYears).orderBy('_id', 'asc'))
  const lastYear = new Map<string, number>()
  for (const u of unitYears) lastYear.set(String(u.indicatorCode), Math.max(lastYear.get(String(u.indicatorCode)) ?? 0, Number(u.year)))

  for (const old of await fetchAll(db.collection(C.indicators).orderBy('_id', 'asc'))) {
    const { _id, activeFrom, activeTo, ...rest } = old as DocData & { activeFrom?: number; activeTo?: number }
    if (typeof activeFrom !== 'number') continue
    const code = String(_id)
    const last = activeTo ?? Math.max(activeFrom, lastYear.get(code) ?? 0)
    for (let year = activeFrom; year <= last; year++) {
      const ref = db.collection(C.plans).doc(planId(code, year))
      if (!(await readDoc(ref))) await ref.set({ data: plain({ ...rest, code, year }) })
    }
  }

  const jobs = new Set(unitYears.map((u) => `${u.indicatorCode}|${u.year}`))
  for (const key of jobs) {
    const [indicatorCode, year] = key.split('|')
    const total = unitYears.filter((u) => u.indicatorCode === indicatorCode && String(u.year) === year).length
    await db
      .collection(C.rollupJobs)
      .doc(unitYearId(indicatorCode, '', Number(year)))
      .set({ data: { indicatorCode, year: Number(year), state: 'pending', cursor: null, done: 0, total, requestedAt: now, updatedAt: now } })
  }
  for (const r of await fetchAll(db.collection(C.rollups).orderBy('_id', 'asc'))) await db.collection(C.rollups).doc(String(r._id)).remove()
  for (const u of unitYears) await db.collection(C.unitYears).doc(String(u._id)).update({ data: { counted: '{}' } })
  await db.collection(C.meta).doc('schema').set({ data: { version: SCHEMA_VERSION, at: now } })
  return true
}
