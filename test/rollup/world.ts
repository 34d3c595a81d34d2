import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiConfig, type ApiContext, type Caller } from '../../cloud/api/context'
import { dispatch, useChineseMessages } from '../../cloud/api/router'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { PgStore } from '../../cloud/store/pg/PgStore'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import type { Store } from '../../cloud/store/types'
import type { Aggregates } from '../../src/core/figures'
import type { Indicator } from '../../src/core/indicator'
import { IndicatorSchema } from '../../src/core/schema/indicator'
import type { OrgUnit } from '../../src/core/org'
import type { Person } from '../../src/core/person'
import { approvedKey, projectRollups, withoutEmpty } from '../../src/core/rollup'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { freshDatabase } from '../pg/db'
import { StandInDatabase } from '../store/cloudbaseStandIn'

/**
 * The stores the projection must be right on: real SQLite, and the
 * CloudBase adapter over the stand-in; under `npm run test:pg`
 * (DATABASE_URL set) real PostgreSQL instead, a fresh database each.
 */
export const STORES: [string, () => Store | Promise<Store>][] = process.env.DATABASE_URL
  ? [['PostgreSQL', async () => PgStore.connect(await freshDatabase('rollup'))]]
  : [
      ['SQLite', () => new SqliteStore(':memory:')],
      ['CloudBase adapter (stand-in)', () => new CloudBaseStore(new StandInDatabase({ throwOnNotFound: false }))]
    ]

/** A small district: two streets, three communities, four grids. */
export const UNITS: OrgUnit[] = [
  { id: 'd', name: '硚口区', level: 'district', parentId: null, path: '/d/' },
  { id: 'd-s1', name: '长丰街', level: 'street', parentId: 'd', path: '/d/d-s1/' },
  { id: 'd-s2', name: '宗关街', level: 'street', parentId: 'd', path: '/d/d-s2/' },
  { id: 'd-s1-c1', name: '园博北社区', level: 'community', parentId: 'd-s1', path: '/d/d-s1/d-s1-c1/' },
  { id: 'd-s1-c2', name: '团结社区', level: 'community', parentId: 'd-s1', path: '/d/d-s1/d-s1-c2/' },
  { id: 'd-s2-c1', name: '公安社区', level: 'community', parentId: 'd-s2', path: '/d/d-s2/d-s2-c1/' },
  { id: 'd-s1-c1-g1', name: '第1网格', level: 'grid', parentId: 'd-s1-c1', path: '/d/d-s1/d-s1-c1/d-s1-c1-g1/' },
  { id: 'd-s1-c1-g2', name: '第2网格', level: 'grid', parentId: 'd-s1-c1', path: '/d/d-s1/d-s1-c1/d-s1-c1-g2/' },
  { id: 'd-s1-c2-g1', name: '第1网格', level: 'grid', parentId: 'd-s1-c2', path: '/d/d-s1/d-s1-c2/d-s1-c2-g1/' },
  { id: 'd-s2-c1-g1', name: '第1网格', level: 'grid', parentId: 'd-s2-c1', path: '/d/d-s2/d-s2-c1/d-s2-c1-g1/' }
]
export const UNIT_BY_ID = new Map(UNITS.map((u) => [u.id, u]))

const roleOf: Record<OrgUnit['level'], Person['role']> = { district: 'admin', street: 'street_reviewer', community: 'community_reviewer', grid: 'grid_worker' }
export const PEOPLE: Person[] = UNITS.map((u) => ({ id: `p-${u.id}`, name: `${u.name}人员`, role: roleOf[u.level], orgUnitId: u.id }))

export const YL133 = SEED_INDICATORS.find((i) => i.code === 'YL-133')!

/**
 * A ceiling indicator whose fields combine by every rule: 审核件数 and
 * 超时件数 add up, 平均审核时限 is a mean weighted by 审核件数, 最长审核时限
 * is the largest of any unit. Ceilings on the mean, the maximum and the
 * share of late cases.
 */
export const DB15 = IndicatorSchema.parse({
  code: 'DB-15',
  seq: 20,
  category: '社会救助',
  title: '低保审核确认时限',
  description: '低保审核确认时限不超过15个工作日，超时率控制在5%以内',
  fields: [
    { key: 'cases', label: '审核件数', kind: 'count', unit: '件', max: 10000, combine: { rule: 'sum' } },
    { key: 'late_cases', label: '超时件数', kind: 'count', unit: '件', max: 10000, combine: { rule: 'sum' } },
    { key: 'avg_days', label: '平均审核时限', kind: 'amount', unit: '个工作日', max: 100, combine: { rule: 'mean', weight: 'cases' } },
    { key: 'max_days', label: '最长审核时限', kind: 'count', unit: '个工作日', max: 100, combine: { rule: 'max' } }
  ],
  targets: [
    { id: 'avg_days', kind: 'ceiling', label: '平均审核确认时限不超过15个工作日', field: 'avg_days', max: 15 },
    { id: 'max_days', kind: 'ceiling', label: '审核确认时限不超过20个工作日', field: 'max_days', max: 20 },
    { id: 'late_share', kind: 'ceiling', label: '超时率控制在5%以内', numerator: 'late_cases', denominator: 'cases', max: 0.05 }
  ],
  period: 'month',
  due: { daysAfterEnd: 5 },
  accumulation: 'per_period',
  reportLevel: 'grid',
  year: 2020
})

export interface World {
  store: Store
  clock: { at: Date; now(): Date }
  as(unitId: string): ApiContext
  call(unitId: string, action: string, payload: unknown): Promise<any>
}

export async function makeWorld(make: () => Store | Promise<Store>, indicators: Indicator[] = [YL133], at = '2020-12-20T02:00:00.000Z', config: Partial<ApiConfig> = {}): Promise<World> {
  useChineseMessages()
  const store = await make()
  await store.putOrgUnits(UNITS)
  await store.putPeople(PEOPLE)
  for (const ind of indicators) await store.putIndicator(ind)
  const clock = { at: new Date(at), now: () => new Date(clock.at) }
  const as = (unitId: string): ApiContext => {
    const person = PEOPLE.find((p) => p.orgUnitId === unitId)!
    const caller: Caller = { person, unit: UNIT_BY_ID.get(unitId)! }
    return { store, clock, caller, text: ALLOW_ALL_TEXT, config: { ...DEFAULT_CONFIG, ...config } }
  }
  return {
    store,
    clock,
    as,
    async call(unitId, action, payload) {
      const res = await dispatch(as(unitId), action, payload, { error: (m, e) => console.error(m, e) })
      if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error)}`)
      return res.data
    }
  }
}

/** Every roll-up key of a monthly indicator in 2020. */
export const KEYS_2020 = [...Array.from({ length: 12 }, (_, i) => `2020-${String(i + 1).padStart(2, '0')}`), '2020', approvedKey(2020)]

/** The store's roll-ups of every unit for the keys, without entries that net to nothing. */
export async function storedRollups(store: Store, code: string, keys: string[]): Promise<Record<string, Record<string, Aggregates>>> {
  const out: Record<string, Record<string, Aggregates>> = {}
  for (const key of keys) {
    const got = await store.rollups([code], UNITS.map((u) => u.id), key)
    for (const [unitId, aggs] of got.get(code) ?? []) {
      const clean = withoutEmpty(aggs)
      if (Object.keys(clean).length) (out[unitId] ??= {})[key] = clean
    }
  }
  return out
}

/** The roll-ups computed from scratch from every stored report under the indicator's current plan. */
export async function rebuiltFromReports(store: Store, code: string, year: number): Promise<Record<string, Record<string, Aggregates>>> {
  const ind = (await store.getIndicator(code, year))!
  const reports = (await store.queryReports({ underPath: '/d/', indicatorCode: code, limit: 1000 })).filter((r) => r.period.startsWith(String(year)))
  const out: Record<string, Record<string, Aggregates>> = {}
  for (const [unitId, perKey] of projectRollups(ind, UNIT_BY_ID, reports)) {
    for (const [key, aggs] of perKey) {
      const clean = withoutEmpty(aggs)
      if (Object.keys(clean).length) (out[unitId] ??= {})[key] = clean
    }
  }
  return out
}

/** Floating sums (verdict ratios) compared to 9 places, keys in order: comparable as JSON. */
export function rounded<T>(x: T): T {
  return JSON.parse(
    JSON.stringify(x, (_k, v) => {
      if (typeof v === 'number') return Math.round(v * 1e9) / 1e9
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      return v
    })
  )
}
