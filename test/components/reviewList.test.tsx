import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import ReviewListPage from '../../src/packages/review'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { resetIdentity } from '../../src/hooks/useIdentity'
import type { ReportsData } from '../../src/services/api'
import { installFakeServices, meFor, mockTaro } from './fakeServices'
import { community, district, g1, g2, report, street } from './reviewFixtures'

// Thirty rows of Taro web components take a while to settle in jsdom.
configure({ asyncUtilTimeout: 5000 })
jest.setTimeout(20000)

type Query = Parameters<import('../../src/services/api').Api['reports']>[0]

/** 30 submitted reports, newest first, one minute apart; then 2 more on the next page. */
const submitted = Array.from({ length: 32 }, (_, i) =>
  report({
    indicatorCode: i % 2 === 0 ? 'YL-133' : 'YL-BED',
    orgUnitId: i % 2 === 0 ? g1.id : g2.id,
    period: i % 2 === 0 ? `2020-${String(12 - (i % 12)).padStart(2, '0')}` : '2020-Q4',
    updatedAt: new Date(Date.UTC(2021, 0, 4, 2, 59 - i)).toISOString(),
    id: `r${i}`
  })
)
const returned = [report({ indicatorCode: 'YL-133', orgUnitId: g2.id, period: '2020-11', status: 'returned', updatedAt: '2020-12-30T09:30:00.000Z' })]
const own = report({ indicatorCode: 'SQ-GOV', orgUnitId: community.id, period: '2020-Q4', updatedAt: '2021-01-03T01:00:00.000Z' })

function fakeReports() {
  return jest.fn(async (q: Query): Promise<ReportsData> => ({ labels: {}, ...page(q) }))
}

function page(q: Query): Omit<ReportsData, 'labels'> {
  {
    if (q.status === 'submitted') {
      if (q.indicatorCode === 'YL-BED') return { reports: submitted.filter((r) => r.indicatorCode === 'YL-BED').slice(0, 3), next: null }
      if (q.period === '2021-01') return { reports: [], next: null }
      if (q.indicatorCode || q.period) return { reports: [own], next: null }
      return q.before ? { reports: submitted.slice(30), next: null } : { reports: submitted.slice(0, 30), next: submitted[29].updatedAt }
    }
    if (q.status === 'returned') return { reports: returned, next: null }
    return { reports: [], next: null }
  }
}

let taro: ReturnType<typeof mockTaro>
beforeEach(() => {
  taro = mockTaro()
  resetIdentity(meFor('李审核', 'community_reviewer', community))
})
afterEach(() => taro.restore())

async function renderPage() {
  const api = { reports: fakeReports(), catalog: jest.fn(async () => ({ indicators: SEED_INDICATORS, units: [district, street, community, g1, g2] })) }
  await installFakeServices(api, { now: '2021-01-05T02:00:00Z' })
  render(<ReviewListPage />)
  await waitFor(() => expect(screen.getAllByText('古田街道 · 古田一社区 · 第一网格').length).toBeGreaterThan(0))
  return api
}

/** Counted, not matched: a failing match would pretty-print 30 web components. */
const rowCount = () => document.querySelectorAll('.gb-review-row').length
// By selector: role queries walk the accessibility tree of 30 rows and are slow.
const tab = (name: RegExp) => Array.from(document.querySelectorAll('.gb-review > .gb-chips [role="radio"]')).find((el) => name.test(el.textContent ?? ''))!

test('待审核 first: newest first, unit and indicator names, period, time and status; 加载更多 pages on with before', async () => {
  const api = await renderPage()
  expect(api.reports).toHaveBeenCalledWith({ status: 'submitted', limit: 30 })
  const rows = document.querySelectorAll('.gb-review-row')
  expect(rows.length).toBe(30)
  // The newest: 第一网格, YL-133, December 2020, updated 4 Jan 10:59 China time.
  // By name with its parents, never an id.
  expect(rows[0].textContent).toContain('古田街道 · 古田一社区 · 第一网格')
  expect(rows[0].textContent).not.toContain('qk-')
  expect(rows[0].textContent).toContain('“133”居家养老品牌打造')
  expect(rows[0].textContent).toContain('2020年12月')
  expect(rows[0].textContent).toContain('1月4日 10:59更新')
  expect(rows[0].textContent).toContain('待审核')
  expect(rows[1].textContent).toContain('第二网格')
  expect(rows[1].textContent).toContain('养老床位')
  expect(rows[1].textContent).toContain('2020年第4季度')
  // More pages remain: the count says so.
  expect(tab(/待审核/).textContent).toBe('待审核 30+')

  fireEvent.click(screen.getByText('加载更多'))
  await waitFor(() => expect(rowCount()).toBe(32))
  expect(api.reports).toHaveBeenLastCalledWith({ status: 'submitted', before: submitted[29].updatedAt, limit: 30 })
  expect(tab(/待审核/).textContent).toBe('待审核 32')
  expect(screen.queryByText('加载更多')).toBeNull()
})

test('tabs: 已退回 and 已通过 list their own status, with counts once known', async () => {
  const api = await renderPage()
  fireEvent.click(tab(/已退回/))
  await waitFor(() => expect(rowCount()).toBe(1))
  expect(api.reports).toHaveBeenLastCalledWith({ status: 'returned', limit: 30 })
  const row = document.querySelector('.gb-review-row')!
  expect(row.textContent).toContain('第二网格')
  expect(row.textContent).toContain('已退回')
  expect(row.textContent).toContain('2020年12月30日 17:30更新')
  expect(tab(/已退回/).textContent).toBe('已退回 1')
  // The 待审核 count stays known.
  expect(tab(/待审核/).textContent).toBe('待审核 30+')

  fireEvent.click(tab(/已通过/))
  await waitFor(() => expect(screen.getByText('没有已通过的填报')).toBeTruthy())
  expect(api.reports).toHaveBeenLastCalledWith({ status: 'approved', limit: 30 })
  expect(tab(/已通过/).textContent).toBe('已通过 0')
})

test('filter by indicator and by period; the reviewer’s own unit is marked', async () => {
  const api = await renderPage()
  fireEvent.click(screen.getByText(/指标：全部指标/))
  fireEvent.click(screen.getByText('2. 养老床位'))
  await waitFor(() => expect(api.reports).toHaveBeenLastCalledWith({ status: 'submitted', indicatorCode: 'YL-BED', limit: 30 }))
  await waitFor(() => expect(rowCount()).toBe(3))
  expect(screen.getByText(/指标：养老床位/)).toBeTruthy()
  // A filter change forgets counts made without it.
  expect(tab(/待审核/).textContent).toBe('待审核 3')

  fireEvent.click(screen.getByText(/指标：养老床位/))
  fireEvent.click(screen.getByText('全部指标'))
  fireEvent.click(screen.getByText(/期次：全部期次/))
  // This year (2021) by default; 按月 offers January so far.
  fireEvent.click(screen.getByText('按月'))
  await waitFor(() => expect(api.reports).toHaveBeenLastCalledWith({ status: 'submitted', period: '2021-01', limit: 30 }))
  await waitFor(() => expect(screen.getByText('没有待审核的填报')).toBeTruthy())
  expect(screen.getByText(/期次：2021年1月/)).toBeTruthy()
  fireEvent.click(screen.getByText('2020年'))
  await waitFor(() => expect(api.reports).toHaveBeenLastCalledWith({ status: 'submitted', period: '2020-01', limit: 30 }))
  await waitFor(() => expect(screen.getByText('本单位填报，由上级审核')).toBeTruthy())
  expect(screen.getByText('古田街道 · 古田一社区')).toBeTruthy()

  fireEvent.click(screen.getByText('全部期次'))
  await waitFor(() => expect(api.reports).toHaveBeenLastCalledWith({ status: 'submitted', limit: 30 }))
})

test('tapping a row opens its detail page', async () => {
  await renderPage()
  fireEvent.click(document.querySelectorAll('.gb-review-row')[1])
  await waitFor(() => expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/review/detail?id=r1' }))
})

test('offline: a plain message, and a tap tries again', async () => {
  let fail = true
  const reports = fakeReports()
  await installFakeServices(
    { reports: jest.fn(async (q: Query) => (fail ? Promise.reject(new Error('timeout')) : reports(q))), catalog: async () => ({ indicators: SEED_INDICATORS, units: [district, street, community, g1, g2] }) },
    { now: '2021-01-05T02:00:00Z' }
  )
  render(<ReviewListPage />)
  await waitFor(() => expect(screen.getByText('网络不通，请稍后再试（点这里重试）')).toBeTruthy())
  fail = false
  fireEvent.click(screen.getByText('网络不通，请稍后再试（点这里重试）'))
  await waitFor(() => expect(rowCount()).toBe(30))
})

test('批量通过: tick rows, a confirmation lists each by name, then one review.batch with the versions shown', async () => {
  const api = await renderPage()
  const reviewBatch = jest.fn(async (items: { reportId: string; version: number }[]) => ({ results: items.map((i) => ({ reportId: i.reportId, status: 'done' as const, report: submitted[0] })), approved: items.length }))
  await installFakeServices({ ...api, reviewBatch: reviewBatch as never }, { now: '2021-01-05T02:00:00Z' })
  fireEvent.click(screen.getByText('批量通过'))
  const boxes = Array.from(document.querySelectorAll('.gb-review__check'))
  expect(boxes.length).toBe(30)
  fireEvent.click(boxes[0])
  fireEvent.click(boxes[1])
  fireEvent.click(screen.getByText('通过所选（2）'))
  const dialog = screen.getByRole('dialog')
  const lines = Array.from(dialog.querySelectorAll('[role="listitem"]')).map((l) => l.textContent)
  expect(lines).toHaveLength(2)
  expect(lines[0]).toMatch(/^古田街道 · 古田一社区 · 第.网格 · .+ · 20\d\d年\d+月/)
  expect(lines.join('')).not.toContain('qk-')
  expect(reviewBatch).not.toHaveBeenCalled()
  fireEvent.click(screen.getByText('确认通过 2 份'))
  await waitFor(() => expect(reviewBatch).toHaveBeenCalledWith([
    { reportId: submitted[0].id, version: submitted[0].version },
    { reportId: submitted[1].id, version: submitted[1].version }
  ]))
})
