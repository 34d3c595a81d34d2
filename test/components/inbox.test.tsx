import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import InboxPage from '../../src/pages/inbox'
import { takePendingChoice } from '../../src/pages/inbox/handoff'
import { resetIdentity } from '../../src/hooks/useIdentity'
import type { PendingData, PendingItem } from '../../src/services/api'
import { installFakeServices, meFor, mockTaro, unit } from './fakeServices'

const grid = unit('qk-s01-c01-g01', '第一网格', 'grid', '/qk/qk-s01/qk-s01-c01/')
const community = unit('qk-s01-c01', '古田一社区', 'community', '/qk/qk-s01/')

function item(over: Partial<PendingItem> & Pick<PendingItem, 'state' | 'period' | 'daysLeft'>): PendingItem {
  return { indicatorCode: 'YL-133', title: '“133”居家养老品牌打造', dueDate: '2021-01-10', reportId: `r-${over.period}-${over.state}`, version: null, ...over }
}

const ITEMS: PendingItem[] = [
  item({ state: 'returned', period: '2020-12', daysLeft: 5, version: 2, reviewComment: '食堂数量请附照片', returnedFields: ['canteens'] }),
  item({ indicatorCode: 'YL-BED', title: '养老床位', state: 'overdue', period: '2020-Q4', dueDate: '2020-12-31', daysLeft: -5 }),
  item({ state: 'due', period: '2021-01', dueDate: '2021-02-10', daysLeft: 36 }),
  item({ indicatorCode: 'YL-BED', title: '养老床位', state: 'due', period: '2021-Q1', dueDate: '2021-04-10', daysLeft: 95 }),
  item({ state: 'submitted', period: '2020-11', dueDate: '2020-12-10', daysLeft: -26, version: 1 })
]

function pending(items: PendingItem[], toReview = 0): PendingData {
  const n = (s: PendingItem['state']) => items.filter((i) => i.state === s).length
  const counts = { due: n('due'), overdue: n('overdue'), returned: n('returned'), toReview }
  const review = Array.from({ length: toReview }, (_, i) => ({ reportId: `x${i}`, indicatorCode: 'YL-133', orgUnitId: grid.id, period: '2020-12', updatedAt: '2021-01-02T00:00:00Z' }))
  return { today: '2021-01-05', now: '2021-01-05T02:00:00.000Z', items, toReview: review, toReviewNext: null, counts, actionable: counts.due + counts.overdue + counts.returned + toReview }
}

/** The text of a section's head: its title and its count. */
function sectionHead(title: string): string {
  return screen.getByText(title).parentElement?.textContent ?? ''
}

let taro: ReturnType<typeof mockTaro>
beforeEach(() => {
  taro = mockTaro()
  resetIdentity(meFor('王小红', 'grid_worker', grid))
})
afterEach(() => {
  taro.restore()
  takePendingChoice()
})

test('sections with counts, periods in Chinese, deadlines and the reviewer comment', async () => {
  const api = { pending: jest.fn(async () => pending(ITEMS)) }
  await installFakeServices(api)
  render(<InboxPage />)
  await waitFor(() => expect(screen.getByText('被退回')).toBeTruthy())
  expect(sectionHead('被退回')).toBe('被退回1')
  expect(sectionHead('已逾期')).toBe('已逾期1')
  expect(sectionHead('待填报')).toBe('待填报2')
  expect(sectionHead('已提交')).toBe('已提交1')
  expect(screen.getByText('食堂数量请附照片')).toBeTruthy()
  expect(screen.getByText('（要改1处）')).toBeTruthy()
  expect(screen.getByText('2020年12月')).toBeTruthy()
  expect(screen.getByText('2020年第4季度')).toBeTruthy()
  expect(screen.getByText('逾期5天')).toBeTruthy()
  expect(screen.getByText('还剩36天')).toBeTruthy()
  expect(screen.getByText('已提交，等审核')).toBeTruthy()
  // Loaded once on mount: useDidShow does not fire for a page rendered alone.
  expect(api.pending).toHaveBeenCalledTimes(1)
  // Not a reviewer: no review row.
  expect(screen.queryByText(/待审核/)).toBeNull()
})

test('the 待办 tab badge shows the actionable count, and is removed at 0', async () => {
  await installFakeServices({ pending: async () => pending(ITEMS) })
  const { unmount } = render(<InboxPage />)
  await waitFor(() => expect(taro.setTabBarBadge).toHaveBeenCalledWith({ index: 1, text: '4' }))
  unmount()
  await installFakeServices({ pending: async () => pending([]) })
  render(<InboxPage />)
  await waitFor(() => expect(screen.getByText('现在没有要填的表')).toBeTruthy())
  await waitFor(() => expect(taro.removeTabBarBadge).toHaveBeenCalledWith({ index: 1 }))
})

test('tapping an item hands it to the chat tab; 同上期 hands it over as a quick check-in', async () => {
  await installFakeServices({ pending: async () => pending(ITEMS) })
  render(<InboxPage />)
  await waitFor(() => expect(screen.getByText('去修改')).toBeTruthy())
  fireEvent.click(screen.getByText('食堂数量请附照片'))
  await waitFor(() => expect(taro.switchTab).toHaveBeenCalledWith({ url: '/pages/chat/index' }))
  expect(takePendingChoice()).toEqual({ item: ITEMS[0], mode: 'fill' })
  expect(takePendingChoice()).toBeNull()

  // 同上期 is offered on the overdue and the two due items only.
  const quick = screen.getAllByText('同上期')
  expect(quick).toHaveLength(3)
  fireEvent.click(quick[0])
  await waitFor(() => expect(taro.switchTab).toHaveBeenCalledTimes(2))
  expect(takePendingChoice()).toEqual({ item: ITEMS[1], mode: 'same-as-last' })
})

test('reviewers see 待审核 N 份; the review page not existing yet is handled', async () => {
  resetIdentity(meFor('李审核', 'community_reviewer', community))
  taro.restore()
  taro = mockTaro({ navigateTo: () => Promise.reject(new Error('navigateTo:fail page not found')) })
  await installFakeServices({ pending: async () => pending([], 3) })
  render(<InboxPage />)
  await waitFor(() => expect(screen.getByText('待审核 3 份')).toBeTruthy())
  fireEvent.click(screen.getByText('待审核 3 份'))
  await waitFor(() => expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/review/index' }))
  await waitFor(() => expect(screen.getByText('审核页面还在准备中，请稍后再试')).toBeTruthy())
  expect(taro.setTabBarBadge).toHaveBeenCalledWith({ index: 1, text: '3' })
})

test('offline: a plain message and a way to try again', async () => {
  let fail = true
  await installFakeServices({ pending: async () => (fail ? Promise.reject(new Error('timeout')) : pending(ITEMS)) })
  render(<InboxPage />)
  await waitFor(() => expect(screen.getByText('网络不通，请稍后再试')).toBeTruthy())
  fail = false
  fireEvent.click(screen.getByText('重新加载'))
  await waitFor(() => expect(screen.getByText('被退回')).toBeTruthy())
  expect(screen.queryByText('网络不通，请稍后再试')).toBeNull()
})
