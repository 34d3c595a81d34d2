import type { Indicator } from '../../src/core/indicator'
import { DB15, STORES, YL133, makeWorld, rebuiltFromReports, rounded, storedRollups, KEYS_2020 } from './world'
import { prng, step } from './steps'

/**
 * Property: for random sequences of submits, edits, reviews, indicator
 * edits and reassignments, made through the actions, the incremental
 * roll-ups equal the roll-ups computed from scratch from the stored
 * reports, after every step, on both stores.
 */
// YL-133's fields add up; DB-15 is a ceiling indicator with a sum, a weighted mean and a max field.
const CASES = [1, 2, 3, 4, 5, 6].flatMap((seed) => [
  [seed, YL133.code, YL133],
  [seed, DB15.code, DB15]
]) as [number, string, Indicator][]

describe.each(STORES)('incremental roll-ups == rebuild from the reports, on %s', (_name, make) => {
  test.each(CASES)('random sequence %i of %s', async (seed, _code, indicator) => {
    const code = indicator.code
    const w = await makeWorld(make, [indicator])
    const rand = prng(seed * 7919)
    const log: string[] = []
    for (let n = 0; n < 30; n++) {
      await step(w, rand, n, log, code)
      const stored = rounded(await storedRollups(w.store, code, KEYS_2020))
      const rebuilt = rounded(await rebuiltFromReports(w.store, code, 2020))
      if (JSON.stringify(stored) !== JSON.stringify(rebuilt)) throw new Error(`diverged after:\n${log.join('\n')}\nstored ${JSON.stringify(stored)}\nrebuilt ${JSON.stringify(rebuilt)}`)
    }
    expect(log.length).toBeGreaterThan(10)
    // A full rebuild from the admin action changes nothing.
    const before = await storedRollups(w.store, code, KEYS_2020)
    const res = await w.call('d', 'rollups.rebuild', {})
    expect(res.pending).toBe(0)
    expect(rounded(await storedRollups(w.store, code, KEYS_2020))).toEqual(rounded(before))
    await w.store.close()
  })
})
