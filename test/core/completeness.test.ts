import { cellText, completenessRow, countCells, missingPeriods, rowHas } from '../../src/core/completeness'
import { periodsOfYear } from '../../src/core/period'

const months = periodsOfYear('month', 2020)
const rule = { daysAfterEnd: 10 }
const rep = (period: string, status: 'submitted' | 'approved' | 'returned', onTime = true) => ({ period, status, onTime })

describe('completenessRow', () => {
  test('each cell says on time, late, returned, missing or not yet due', () => {
    const today = '2020-12-05'
    const row = completenessRow(months, rule, today, [rep('2020-01', 'approved'), rep('2020-02', 'submitted', false), rep('2020-03', 'returned'), rep('2020-11', 'submitted')])
    const by = Object.fromEntries(row.map((c) => [c.period, c.status]))
    expect(by['2020-01']).toBe('on_time')
    expect(by['2020-02']).toBe('late')
    expect(by['2020-03']).toBe('returned')
    expect(by['2020-04']).toBe('missing')
    // October is due on 11-10: past. November is due 12-10: not yet.
    expect(by['2020-10']).toBe('missing')
    expect(by['2020-11']).toBe('on_time')
    expect(by['2020-12']).toBe('not_due')
    expect(row.find((c) => c.period === '2020-12')!.begun).toBe(true)
  })

  test('the due day itself is still on time for a missing report: not_due until the day after', () => {
    expect(completenessRow(['2020-10'], rule, '2020-11-10', [])[0].status).toBe('not_due')
    expect(completenessRow(['2020-10'], rule, '2020-11-11', [])[0].status).toBe('missing')
  })

  test('a period not begun is not due and not begun', () => {
    const [cell] = completenessRow(['2021-01'], rule, '2020-12-05', [])
    expect(cell).toMatchObject({ status: 'not_due', begun: false, due: '2021-02-10' })
  })

  test('a late window opened for a missing period is shown while it lasts', () => {
    const openings = [{ period: '2020-04', until: '2020-12-31' }, { period: '2020-05', until: '2020-12-01' }]
    const row = completenessRow(months, rule, '2020-12-05', [], openings)
    expect(row.find((c) => c.period === '2020-04')).toMatchObject({ status: 'missing', openUntil: '2020-12-31' })
    // Ended: nothing to show.
    expect(row.find((c) => c.period === '2020-05')!.openUntil).toBeUndefined()
    expect(cellText(row.find((c) => c.period === '2020-04')!)).toBe('未报（补开至12-31）')
    // A report that came in through the window is late, not missing.
    const after = completenessRow(months, rule, '2020-12-05', [rep('2020-04', 'submitted', false)], openings)
    expect(after.find((c) => c.period === '2020-04')).toMatchObject({ status: 'late' })
    expect(after.find((c) => c.period === '2020-04')!.openUntil).toBeUndefined()
  })

  test('quarterly and yearly indicators', () => {
    const q = completenessRow(periodsOfYear('quarter', 2020), { daysAfterEnd: 15 }, '2020-10-16', [rep('2020-Q1', 'approved')])
    expect(q.map((c) => c.status)).toEqual(['on_time', 'missing', 'missing', 'not_due'])
    const y = completenessRow(['2020'], { daysAfterEnd: 15 }, '2021-01-16', [])
    expect(y[0].status).toBe('missing')
  })
})

test('missingPeriods lists only past-due periods without a report (where late windows matter)', () => {
  expect(missingPeriods(months, rule, '2020-04-20', [rep('2020-01', 'approved')])).toEqual(['2020-02', '2020-03'])
})

test('counts and the status filter', () => {
  const a = completenessRow(['2020-01', '2020-02'], rule, '2020-03-20', [rep('2020-01', 'returned')])
  const b = completenessRow(['2020-01', '2020-02'], rule, '2020-03-20', [rep('2020-01', 'approved'), rep('2020-02', 'approved', false)])
  expect(countCells([a, b])).toEqual({ on_time: 1, late: 1, returned: 1, missing: 1, not_due: 0 })
  expect(rowHas(a, 'returned')).toBe(true)
  expect(rowHas(b, 'returned')).toBe(false)
  expect(rowHas(b, undefined)).toBe(true)
})
