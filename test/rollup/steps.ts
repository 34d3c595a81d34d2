import type { Indicator } from '../../src/core/indicator'
import { VERDICTS } from '../../src/core/target'
import type { World } from './world'
import { UNITS } from './world'

/** Random histories for the roll-up property tests: submits, edits, reviews (with verdicts), indicator edits and reassignments. */
export function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const PERIODS = ['2020-10', '2020-11', '2020-12']
export const LEVELS = ['grid', 'community', 'street'] as const

/** Random figures for an indicator's fields: whole counts, amounts to one decimal (YL-133, or the DB-15 ceiling indicator). */
function valuesFor(ind: Indicator, rand: () => number): Record<string, number> {
  if (ind.code === 'YL-133') return { service_points: Math.floor(rand() * 4), canteens: Math.floor(rand() * 4), trainees: Math.floor(rand() * 50) }
  const cases = Math.floor(rand() * 6)
  return { cases, late_cases: Math.floor(rand() * (cases + 1)), avg_days: Math.round(rand() * 250) / 10, max_days: Math.floor(rand() * 30) }
}

export async function step(w: World, rand: () => number, n: number, log: string[], code = 'YL-133'): Promise<void> {
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
    // Verdicts on qualitative targets when the plan has any (the set-based test's plan does).
    const qualitative = ind.targets.filter((t) => t.kind === 'qualitative').map((t) => t.id)
    const verdicts = decision === 'approve' && qualitative.length ? Object.fromEntries(qualitative.map((id) => [id, pick(VERDICTS)])) : undefined
    log.push(`${n} review ${r.id} ${decision}${verdicts ? ` ${JSON.stringify(verdicts)}` : ''}`)
    await w.call('d', 'review', { reportId: r.id, version: r.version, decision, comment: decision === 'return' ? '请核对' : '', ...(verdicts ? { verdicts } : {}) })
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

