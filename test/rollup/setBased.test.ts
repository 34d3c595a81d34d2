import { rebuild } from '../../cloud/rollup/rebuild'
import { unitYearCounted } from '../../src/core/rollup'
import { setBasedPlan } from '../../src/core/rollupSetBased'
import { prng, step } from './steps'
import { STORES, UNITS, YL133, makeWorld, rebuiltFromReports, rounded, storedRollups, KEYS_2020, type World } from './world'

/**
 * The set-based rebuild (SQL in the SQLite and PostgreSQL stores) gives
 * what core's rebuild gives, on random histories of submits, edits,
 * reviews with verdicts, accumulation changes and reassignments:
 * - its roll-ups equal the roll-ups computed from the reports with core's
 *   `unitYearCounted` (and the incremental ones, which equal those too);
 * - every unit-year's counted contribution equals core's, so the
 *   incremental writes that follow it stay exact (the steps go on after
 *   each rebuild and are checked again);
 * - the paged core rebuild over the same store answers the same.
 * Under `npm run test:pg` this runs on PostgreSQL; otherwise on SQLite.
 * (The CloudBase adapter has no SQL: it always takes the paged path.)
 */
const SQL_STORES = STORES.filter(([name]) => name === 'SQLite' || name === 'PostgreSQL')

/** YL-133 with a qualitative target too, so verdict ratios are part of the contributions. */
const PLAN = { ...YL133, targets: [...YL133.targets, { id: 'quality', kind: 'qualitative' as const, label: '服务质量达标' }] }

async function countedMatchesCore(w: World, log: string[]): Promise<void> {
  const ind = (await w.store.getIndicator('YL-133', 2020))!
  for (const unit of UNITS) {
    const reports = (await w.store.queryReports({ underPath: unit.path, indicatorCode: 'YL-133', limit: 1000 })).filter((r) => r.orgUnitId === unit.id)
    const want = rounded(unitYearCounted(ind, unit.level, reports))
    const got = rounded((await w.store.unitYear('YL-133', unit.id, 2020)).counted)
    if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`counted of ${unit.id} after:\n${log.join('\n')}\nset-based ${JSON.stringify(got)}\ncore ${JSON.stringify(want)}`)
  }
}

describe.each(SQL_STORES)('set-based rebuild == core rebuild == incremental, on %s', (_name, make) => {
  test.each([1, 2, 3, 4, 5])('random history %i', async (seed) => {
    const w = await makeWorld(make, [PLAN])
    const rand = prng(seed * 104729)
    const log: string[] = []
    let rebuilds = 0
    for (let n = 0; n < 36; n++) {
      await step(w, rand, n, log)
      const core = rounded(await rebuiltFromReports(w.store, 'YL-133', 2020))
      expect(rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))).toEqual(core)
      if (n % 3 !== 2) continue
      const ind = (await w.store.getIndicator('YL-133', 2020))!
      const unitYears = await w.store.rebuildSetBased!(setBasedPlan(ind, 2020)!)
      rebuilds++
      expect(unitYears).toBe(await w.store.countUnitYears('YL-133', 2020))
      const after = rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))
      if (JSON.stringify(after) !== JSON.stringify(core)) throw new Error(`set-based differs after:\n${log.join('\n')}\nset-based ${JSON.stringify(after)}\ncore ${JSON.stringify(core)}`)
      await countedMatchesCore(w, log)
      // The paged core path over the same store changes nothing now.
      await rebuild(w.store, ind, 2020, () => w.clock.now().toISOString(), { paged: true })
      expect(rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))).toEqual(core)
    }
    expect(rebuilds).toBe(12)
    expect(log.some((l) => l.includes('"quality"'))).toBe(true)
    await w.store.close()
  })

  test('a set-based rebuild repairs roll-ups that drifted, and bumps every stamp', async () => {
    const w = await makeWorld(make, [PLAN])
    await w.call('d-s1-c1-g1', 'submit', { report: { clientId: 'setbased-1', indicatorCode: 'YL-133', orgUnitId: 'd-s1-c1-g1', period: '2020-11', values: { service_points: 2, canteens: 1, trainees: 9 } } })
    await w.call('d-s2-c1-g1', 'submit', { report: { clientId: 'setbased-2', indicatorCode: 'YL-133', orgUnitId: 'd-s2-c1-g1', period: '2020-12', values: { service_points: 1, canteens: 0, trainees: 4 } } })
    const want = rounded(await rebuiltFromReports(w.store, 'YL-133', 2020))
    const before = await w.store.unitYear('YL-133', 'd-s1-c1-g1', 2020)
    // Drift: a roll-up row nobody's reports explain, and one gone missing.
    await w.store.writeRollups([
      { indicatorCode: 'YL-133', orgUnitId: 'd-s1-c1-g1', year: 2020, expectedYearStamp: before.stamp, rollupUnitIds: ['d', 'd-s1'], deltas: [{ indicatorCode: 'YL-133', period: '2020', field: 'canteens', dSum: 40, dN: 1 }], counted: before.counted }
    ])
    expect(rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))).not.toEqual(want)
    await w.store.rebuildSetBased!(setBasedPlan((await w.store.getIndicator('YL-133', 2020))!, 2020)!)
    expect(rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))).toEqual(want)
    expect((await w.store.unitYear('YL-133', 'd-s1-c1-g1', 2020)).stamp).toBe(before.stamp + 2)
    await w.store.close()
  })
})
