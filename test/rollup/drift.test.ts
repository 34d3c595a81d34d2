import { STORES, YL133, makeWorld, rebuiltFromReports, storedRollups, KEYS_2020, type World } from './world'

/**
 * The drift scenario of issue 11, through the actions on both stores: the
 * district's figure must be the truth after every step.
 *
 * | step | truth |
 * | two monthly reports of 1 canteen | 2 |
 * | indicator.put switches YL-133 to cumulative | 1 |
 * | December edited to 3 | 3 |
 * | indicator.assign to communities; one community reports 5 | 5 |
 */
const GRID = 'd-s1-c1-g1'
const COMMUNITY = 'd-s1-c1'

async function district(w: World) {
  const data = await w.call('d', 'progress', { period: '2020' })
  const row = data.indicators.find((i: any) => i.code === 'YL-133')
  return { canteens: row.figures.canteens, received: row.received }
}

const values = (canteens: number) => ({ service_points: 0, canteens, trainees: 0 })

describe.each(STORES)('the drift scenario on %s', (_name, make) => {
  test('the district shows the truth at every step, and equals a rebuild from the reports', async () => {
    const w = await makeWorld(make)
    const nov = await w.call(GRID, 'submit', { report: { clientId: 'drift-0001', indicatorCode: 'YL-133', orgUnitId: GRID, period: '2020-11', values: values(1) } })
    const dec = await w.call(GRID, 'submit', { report: { clientId: 'drift-0002', indicatorCode: 'YL-133', orgUnitId: GRID, period: '2020-12', values: values(1) } })
    expect(nov.status).toBe('accepted')
    expect(await district(w)).toEqual({ canteens: 2, received: 2 })

    const put = await w.call('d', 'indicator.put', { indicator: { ...YL133, accumulation: 'cumulative' } })
    expect(put.rebuild).toEqual([expect.objectContaining({ indicatorCode: 'YL-133', year: 2020, state: 'done', done: 1, total: 1 })])
    expect(await district(w)).toEqual({ canteens: 1, received: 2 })

    await w.call(GRID, 'submit', { report: { clientId: 'drift-0003', indicatorCode: 'YL-133', orgUnitId: GRID, period: '2020-12', values: values(3), baseVersion: dec.report.version } })
    expect(await district(w)).toEqual({ canteens: 3, received: 2 })

    await w.call('d', 'indicator.assign', { code: 'YL-133', reportLevel: 'community', year: 2020 })
    // The grid's reports stop counting the moment the assignment changes…
    expect(await district(w)).toEqual({ canteens: undefined, received: 0 })
    await w.call(COMMUNITY, 'submit', { report: { clientId: 'drift-0004', indicatorCode: 'YL-133', orgUnitId: COMMUNITY, period: '2020-12', values: values(5) } })
    expect(await district(w)).toEqual({ canteens: 5, received: 1 })
    // …and stay stored, with their history.
    expect((await w.call('d', 'history', { reportId: nov.report.id })).entries).toHaveLength(1)
    expect(await storedRollups(w.store, 'YL-133', KEYS_2020)).toEqual(await rebuiltFromReports(w.store, 'YL-133', 2020))
    await w.store.close()
  })
})
