import type { Indicator } from '../../src/core/indicator'
import { DB15, STORES, UNITS, YL133, makeWorld, rebuiltFromReports, rounded, storedRollups, KEYS_2020, type World } from './world'

/**
 * Property: for random sequences of submits, edits, reviews, indicator
 * edits and reassignments, made through the actions, the incremental
 * roll-ups equal the roll-ups computed from scratch from the stored
 * reports, after every step, on both stores.
 */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PERIODS = ['2020-10', '2020-11', '2020-12']
const LEVELS = ['grid', 'community', 'street'] as const

/** Random figures for an indicator's fields: whole counts, amounts to one decimal. */
function valuesFor(ind: Indicator, rand: () => number): Record<string, number> {
  if (ind.code === 'YL-133') return { service_points: Math.floor(rand() * 4), canteens: Math.floor(rand() * 4), trainees: Math.floor(rand() * 50) }
  const cases = Math.floor(rand() * 6)
  return { cases, late_cases: Math.floor(rand() * (cases + 1)), avg_days: Math.round(rand() * 250) / 10, max_days: Math.floor(rand() * 30) }
}

async function step(w: World, code: string, rand: () => number, n: number, log: string[]): Promise<void> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const ind = (await w.store.getIndicator(code, 2020))!
  const kind = pick(['submit', 'submit', 'submit', 'review', 'review', 'put', 'assign'] as const)
  if (kind === 'submit') {
    const unit = pick(UNITS.filter((u) => u.level === ind.reportLevel))
    const period = pick(PERIODS)
    const existing = await w.store.getReport(`${code}~${unit.id}~${period}`)
    if (existing?.status === 'approved') return
    const values = valuesFor(ind, rand)
    log.push(`${n} submit ${unit.id} ${period} ${JSON.stringify(values)}`)
    await w.call(unit.id, 'submit', {
      report: { clientId: `prop-${n}-${Math.floor(rand() * 1e9)}`, indicatorCode: code, orgUnitId: unit.id, period, values, ...(existing ? { baseVersion: existing.version } : {}) }
    })
  } else if (kind === 'review') {
    const all = await w.store.queryReports({ underPath: '/d/', indicatorCode: code, limit: 1000 })
    if (all.length === 0) return
    const r = pick(all)
    const decision = r.status === 'approved' ? 'reopen' : pick(['approve', 'return'] as const)
    log.push(`${n} review ${r.id} ${decision}`)
    await w.call('d', 'review', { reportId: r.id, version: r.version, decision, comment: decision === 'return' ? '请核对' : '' })
  } else if (kind === 'put') {
    const accumulation = ind.accumulation === 'per_period' ? 'cumulative' : 'per_period'
    log.push(`${n} put ${accumulation}`)
    await w.call('d', 'indicator.put', { indicator: { ...ind, accumulation } })
  } else {
    const reportLevel = pick(LEVELS)
    log.push(`${n} assign ${reportLevel}`)
    await w.call('d', 'indicator.assign', { code, reportLevel, year: 2020 })
  }
}

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
      await step(w, code, rand, n, log)
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
