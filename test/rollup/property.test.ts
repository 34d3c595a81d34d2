import { STORES, YL133, makeWorld, rebuiltFromReports, rounded, storedRollups, KEYS_2020 } from './world'
import { prng, step } from './steps'

/**
 * Property: for random sequences of submits, edits, reviews, indicator
 * edits and reassignments, made through the actions, the incremental
 * roll-ups equal the roll-ups computed from scratch from the stored
 * reports, after every step, on both stores.
 */
describe.each(STORES)('incremental roll-ups == rebuild from the reports, on %s', (_name, make) => {
  test.each([1, 2, 3, 4, 5, 6])('random sequence %i', async (seed) => {
    const w = await makeWorld(make, [YL133])
    const rand = prng(seed * 7919)
    const log: string[] = []
    for (let n = 0; n < 30; n++) {
      await step(w, rand, n, log)
      const stored = rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))
      const rebuilt = rounded(await rebuiltFromReports(w.store, 'YL-133', 2020))
      if (JSON.stringify(stored) !== JSON.stringify(rebuilt)) throw new Error(`diverged after:\n${log.join('\n')}\nstored ${JSON.stringify(stored)}\nrebuilt ${JSON.stringify(rebuilt)}`)
    }
    expect(log.length).toBeGreaterThan(10)
    // A full rebuild from the admin action changes nothing.
    const before = await storedRollups(w.store, 'YL-133', KEYS_2020)
    const res = await w.call('d', 'rollups.rebuild', {})
    expect(res.pending).toBe(0)
    expect(rounded(await storedRollups(w.store, 'YL-133', KEYS_2020))).toEqual(rounded(before))
    await w.store.close()
  })
})
