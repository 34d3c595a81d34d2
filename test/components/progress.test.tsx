import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ProgressPage from '../../src/pages/progress'
import { indicatorCompletion } from '../../src/core/completion'
import type { Figures } from '../../src/core/figures'
import type { OrgUnit } from '../../src/core/org'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { resetIdentity } from '../../src/hooks/useIdentity'
import type { ProgressData } from '../../src/services/api'
import { installFakeServices, meFor, mockTaro, unit } from './fakeServices'

const community = unit('qk-s01-c01', '古田一社区', 'community', '/qk/qk-s01/')
const g1 = unit('qk-s01-c01-g01', '第一网格', 'grid', community.path)
const g2 = unit('qk-s01-c01-g02', '第二网格', 'grid', community.path)
const ind = (code: string) => SEED_INDICATORS.find((i) => i.code === code)!

function row(code: string, figures: Figures, counts: { expected: number; received: number; onTime: number; returned?: number } = { expected: 12, received: 10, onTime: 9, returned: 1 }) {
  const i = ind(code)
  return { code, seq: i.seq, category: i.category, title: i.title, period: '2021', figures, completion: indicatorCompletion(i, figures), declaredRate: null, approved: 0, returned: 0, unitsReported: 2, unitsExpected: 3, reportLevel: i.reportLevel, splits: [], ...counts }
}

function childRow(u: OrgUnit, figures: Record<string, Figures>) {
  return {
    unit: u,
    indicators: Object.entries(figures).map(([code, f]) => {
      const c = indicatorCompletion(ind(code), f)
      return { code, rate: c.rate, rateOfKnown: c.rateOfKnown, expected: 3, received: 2, onTime: 2, returned: 0, unitsReported: 1, unitsExpected: 1 }
    })
  }
}

// YL-133 at the community: 8 points, 2 of 3 canteens, 2000 trainees → 88.9.
// YL-BED: nothing reported → unknown, never 0.
const COMMUNITY: ProgressData = {
  unit: community,
  period: '2021',
  today: '2021-03-15',
  now: '2021-03-15T02:00:00.000Z',
  indicators: [row('YL-133', { service_points: 8, canteens: 2, trainees: 2000 }), row('YL-BED', {}, { expected: 0, received: 0, onTime: 0 })],
  children: [
    childRow(g1, { 'YL-133': { service_points: 10, canteens: 1, trainees: 500 }, 'YL-BED': {} }),
    childRow(g2, { 'YL-133': {}, 'YL-BED': {} })
  ]
}

const GRID: ProgressData = {
  unit: g1,
  period: '2021',
  today: '2021-03-15',
  now: '2021-03-15T02:00:00.000Z',
  indicators: [row('YL-133', { service_points: 10, canteens: 1, trainees: 500 }, { expected: 3, received: 2, onTime: 2 })],
  children: []
}

let taro: ReturnType<typeof mockTaro>
beforeEach(() => {
  taro = mockTaro()
  resetIdentity(meFor('李审核', 'community_reviewer', community))
})
afterEach(() => taro.restore())

async function renderPage() {
  const api = {
    progress: jest.fn(async (_period: string, orgUnitId?: string) => (orgUnitId === g1.id ? GRID : COMMUNITY)),
    catalog: jest.fn(async () => ({ indicators: SEED_INDICATORS, units: [] }))
  }
  await installFakeServices(api, { now: '2021-03-15T02:00:00Z' })
  render(<ProgressPage />)
  await waitFor(() => expect(screen.getByText('88.9')).toBeTruthy())
  return api
}

test('rates, figures with units, unknown as 未填报, and who reported', async () => {
  const api = await renderPage()
  expect(api.progress).toHaveBeenCalledWith('2021', undefined)
  expect(screen.getByText('古田一社区（社区）· 2021年')).toBeTruthy()
  expect(screen.getByText('1. “133”居家养老品牌打造')).toBeTruthy()
  await waitFor(() => expect(screen.getByText('8个')).toBeTruthy())
  expect(screen.getByText('2个')).toBeTruthy()
  expect(screen.getByText('2000人次')).toBeTruthy()
  // Beside the reports: the units that reported out of those expected, and those sent back (issue 11 point 7).
  expect(screen.getByText('已报 10/12 份 · 按时 9 · 已报 2/3 个网格，退回待改 1')).toBeTruthy()
  // YL-BED has no figures: its rate and its target read 未填报, not 0.
  expect(screen.getAllByText('未填报').length).toBeGreaterThanOrEqual(2)
  expect(screen.queryByText('0')).toBeNull()
  expect(screen.getByText('还没到填报时间')).toBeTruthy()
  // Children with a compact rate per indicator.
  expect(screen.getByText('下级单位（2个），点开看详情')).toBeTruthy()
  expect(screen.getByText('第1项 52.8')).toBeTruthy()
  expect(screen.getAllByText('第1项 未填报')).toHaveLength(1)
})

test('a bar chart of each indicator across the child units', async () => {
  await renderPage()
  fireEvent.click(screen.getAllByText('看各下级对比（2）')[0])
  await waitFor(() => expect(screen.getByText('收起各下级对比')).toBeTruthy())
  const chart = document.querySelector('.gb-bar-chart')!
  expect(chart.textContent).toContain('第一网格')
  expect(chart.textContent).toContain('52.8')
  expect(chart.textContent).toContain('第二网格未填报')
})

test('drill down into a child unit and back', async () => {
  const api = await renderPage()
  fireEvent.click(screen.getByText('第一网格'))
  await waitFor(() => expect(screen.getByText('第一网格（网格）· 2021年')).toBeTruthy())
  expect(api.progress).toHaveBeenLastCalledWith('2021', g1.id)
  expect(screen.getByText('52.8')).toBeTruthy()
  // 10 of 8 service points: over-achieved, shown with the raw ratio.
  expect(screen.getByText('超额 125%')).toBeTruthy()
  expect(screen.getByText('› 第一网格')).toBeTruthy()

  fireEvent.click(screen.getByText('返回上级'))
  await waitFor(() => expect(screen.getByText('88.9')).toBeTruthy())
  expect(api.progress).toHaveBeenLastCalledWith('2021', undefined)
  expect(screen.queryByText('返回上级')).toBeNull()

  // The breadcrumb's first name also leads back up.
  fireEvent.click(screen.getByText('第一网格'))
  await waitFor(() => expect(screen.getByText('返回上级')).toBeTruthy())
  fireEvent.click(screen.getByText('古田一社区'))
  await waitFor(() => expect(screen.getByText('88.9')).toBeTruthy())
  expect(api.progress).toHaveBeenCalledTimes(5)
})

test('period picker: this year by default, quarters so far, and last year', async () => {
  const api = await renderPage()
  expect(screen.getByText('2021年')).toBeTruthy()
  expect(screen.getByText('2020年')).toBeTruthy()
  fireEvent.click(screen.getByText('按季度'))
  await waitFor(() => expect(api.progress).toHaveBeenLastCalledWith('2021-Q1', undefined))
  // 2021-03-15: only the first quarter has begun.
  expect(screen.getByText('第1季度')).toBeTruthy()
  expect(screen.queryByText('第2季度')).toBeNull()
  fireEvent.click(screen.getByText('2020年'))
  await waitFor(() => expect(api.progress).toHaveBeenLastCalledWith('2020-Q1', undefined))
  expect(screen.getByText('第4季度')).toBeTruthy()
  fireEvent.click(screen.getByText('按月'))
  await waitFor(() => expect(api.progress).toHaveBeenLastCalledWith('2020-12', undefined))
  expect(screen.getByText('12月')).toBeTruthy()
})
