import { readCompleteness } from '../../cloud/completeness/read'
import type { Store } from '../../cloud/store/types'
import { makeWorld, STORES, type World } from '../rollup/world'

/**
 * The completeness grid on every store behind the port (SQLite and the
 * CloudBase adapter here; PostgreSQL under `npm run test:pg`): the page
 * read (each unit's own reports) and the file read (the indicator's reports
 * under the path at once) give the same cells, and those cells say on
 * time, late, returned, missing with its late window, and not yet due.
 */
const report = (unitId: string, period: string, n = 1) => ({ report: { clientId: `cmp-${unitId}-${period}`, indicatorCode: 'YL-133', orgUnitId: unitId, period, values: { service_points: n, canteens: 0, trainees: 1 } } })

/** The real store, counting each call by method name (not a mock: every call goes through). */
function counting(store: Store) {
  const calls: Record<string, number> = {}
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const v = Reflect.get(target, name, receiver)
      if (typeof v !== 'function') return v
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1
        return v.apply(target, args)
      }
    }
  })
  return { store: wrapped, calls }
}

describe.each(STORES)('%s', (_name, make) => {
  let w: World
  beforeAll(async () => {
    w = await makeWorld(make)
    await w.call('d-s1-c1-g1', 'submit', report('d-s1-c1-g1', '2020-12'))
    await w.call('d-s1-c1-g1', 'submit', report('d-s1-c1-g1', '2020-11'))
    const r = await w.call('d-s1-c1-g2', 'submit', report('d-s1-c1-g2', '2020-12'))
    await w.call('d-s1-c1', 'review', { reportId: r.report.id, version: r.report.version, decision: 'return', comment: '请核对' })
    await w.call('d-s1-c1', 'period.open', { indicatorCode: 'YL-133', orgUnitId: 'd-s1-c1-g1', period: '2020-09', until: '2020-12-31', reason: '补报' })
  })
  afterAll(async () => {
    await w.store.close()
  })

  test('paged and whole reads agree, cell by cell', async () => {
    const ind = (await w.store.getIndicator('YL-133', 2020))!
    const whole = await readCompleteness(w.store, ind, 2020, { underPath: '/d/', today: '2020-12-20' })
    const paged: typeof whole.rows = []
    let after: string | null = null
    for (;;) {
      const page: Awaited<ReturnType<typeof readCompleteness>> = await readCompleteness(w.store, ind, 2020, { underPath: '/d/', today: '2020-12-20', after, limit: 1 })
      paged.push(...page.rows)
      if (!page.next) break
      after = page.next
    }
    expect(paged).toEqual(whole.rows)
    expect(whole.rows.map((r) => r.unit.id)).toEqual(['d-s1-c1-g1', 'd-s1-c1-g2', 'd-s1-c2-g1', 'd-s2-c1-g1'])
    const g1 = Object.fromEntries(whole.rows[0].cells.map((c) => [c.period, c.openUntil ? `${c.status}>${c.openUntil}` : c.status]))
    expect(g1).toMatchObject({ '2020-12': 'on_time', '2020-11': 'late', '2020-10': 'missing', '2020-09': 'missing>2020-12-31' })
    expect(whole.rows[1].cells[11].status).toBe('returned')
    expect(whole.rows[0].street).toEqual({ id: 'd-s1', name: '长丰街' })
  })

  test('a whole grid is a fixed handful of store reads, however many units (no per-unit reads)', async () => {
    const ind = (await w.store.getIndicator('YL-133', 2020))!
    const plain = await readCompleteness(w.store, ind, 2020, { underPath: '/d/', today: '2020-12-20' })
    const c = counting(w.store)
    const whole = await readCompleteness(c.store, ind, 2020, { underPath: '/d/', today: '2020-12-20' })
    expect(whole).toEqual(plain)
    // Grids, streets and communities under the path; the indicator's reports; its late windows of the year.
    expect(c.calls).toEqual({ unitsUnder: 3, reportsInYearUnder: 1, periodOpeningsIn: 1 })
    // A page reads its units' reports in one read, the late windows and the names once.
    const p = counting(w.store)
    const page = await readCompleteness(p.store, ind, 2020, { underPath: '/d/', today: '2020-12-20', limit: 2 })
    expect(page.rows).toEqual(plain.rows.slice(0, 2))
    expect(p.calls).toEqual({ unitsUnder: 3, reportsInYearOf: 1, periodOpeningsIn: 1 })
    // A status filter that leaves the page short reads the next `limit` units' reports, one read each time.
    const f = counting(w.store)
    const returned = await readCompleteness(f.store, ind, 2020, { underPath: '/d/', today: '2020-12-20', status: 'returned', limit: 1 })
    expect(returned.rows.map((r) => r.unit.id)).toEqual(['d-s1-c1-g2'])
    expect(f.calls).toEqual({ unitsUnder: 3, reportsInYearOf: 2, periodOpeningsIn: 1 })
  })

  test('the action over this store: the community sees its grids, filtered by status', async () => {
    const d = await w.call('d-s1-c1', 'completeness', { indicatorCode: 'YL-133', year: 2020, status: 'returned' })
    expect(d.rows.map((r: any) => r.unit.id)).toEqual(['d-s1-c1-g2'])
  })
})
