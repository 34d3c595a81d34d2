import { pathIds } from '../../src/core/org'
import { countedDeltas } from '../../src/core/rollup'
import type { ApiContext } from '../api/context'
import type { RebuildJob } from './port'
import { requestRebuild } from './rebuild'
import { continueRebuilds } from './jobs'

const MAX_ATTEMPTS = 5

/**
 * Applies a tree edit that moves units, keeping the roll-ups right. The
 * projection adds a unit-year's contribution to the ancestors on its path
 * when it is counted, so a new path alone would leave the old ancestors
 * holding it. In order, so that a run cut short anywhere is repaired by the
 * queued rebuild:
 * 1. queue a rebuild of every indicator-year a moved unit has counted in;
 * 2. take each such unit-year off its old path (counted back to nothing);
 * 3. write the edit (new paths; reports follow their unit);
 * 4. run the rebuilds, which count each unit-year again, now on its new path.
 * Units not moved (`moved` empty) just get `apply`.
 */
export async function applyWithRollups(ctx: ApiContext, moved: { unitId: string; fromPath: string }[], apply: () => Promise<void>): Promise<RebuildJob[]> {
  if (moved.length === 0) {
    await apply()
    return []
  }
  const store = ctx.store
  const at = () => ctx.clock.now().toISOString()
  const indicatorYears: { code: string; year: number }[] = []
  for (const year of await store.planYears()) for (const ind of await store.listIndicators(year)) indicatorYears.push({ code: ind.code, year })

  const affected: { code: string; year: number; unitId: string; fromPath: string }[] = []
  for (const iy of indicatorYears) {
    for (const m of moved) {
      const { counted } = await store.unitYear(iy.code, m.unitId, iy.year)
      if (Object.keys(counted).length) affected.push({ ...iy, ...m })
    }
  }
  const jobs = new Set(affected.map((a) => `${a.code}|${a.year}`))
  for (const key of jobs) {
    const [code, year] = key.split('|')
    await requestRebuild(store, code, Number(year), at())
  }
  for (const a of affected) {
    for (let attempt = 0; ; attempt++) {
      const { stamp, counted } = await store.unitYear(a.code, a.unitId, a.year)
      const deltas = countedDeltas(a.code, counted, {})
      if (deltas.length === 0) break
      const [outcome] = await store.writeRollups([{ indicatorCode: a.code, orgUnitId: a.unitId, year: a.year, expectedYearStamp: stamp, rollupUnitIds: pathIds(a.fromPath), deltas, counted: {} }])
      if (outcome === 'ok') break
      if (attempt >= MAX_ATTEMPTS) throw new Error(`org move: unit-year ${a.code} ${a.unitId} ${a.year} kept changing`)
    }
  }
  await apply()
  return jobs.size ? continueRebuilds(ctx) : []
}
