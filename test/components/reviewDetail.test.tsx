import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import ReviewDetailPage from '../../src/packages/review/detail'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { resetIdentity } from '../../src/hooks/useIdentity'
import { ApiFailure, type Api, type HistoryData, type MeData, type ReviewContextData } from '../../src/services/api'
import { installFakeServices, meFor, mockTaro } from './fakeServices'
import { community, district, entry, g1, report, street, type StoredReport } from './reviewFixtures'

configure({ asyncUtilTimeout: 3000 })

type ReviewInput = Parameters<Api['review']>[0]

// YL-133 from 第一网格 for December: edited once (5000 → 500 trainees,
// with a reason for the low figure), two photos.
const GRID_REPORT = report({
  indicatorCode: 'YL-133',
  orgUnitId: g1.id,
  period: '2020-12',
  version: 2,
  values: { service_points: 2, canteens: 1, trainees: 500 },
  reasons: { trainees: '本月只办了一期培训' },
  narrative: '本月新建网点2个，食堂1个。',
  evidence: [
    { id: 'local:0f8fad5b-d9cb-469f-a165-70867728950e.jpg', name: '网点挂牌', kind: 'image' },
    { id: 'cloud://env-1.abc/evidence/x.jpg', name: '食堂照片', kind: 'image' }
  ],
  updatedAt: '2021-01-04T03:05:00.000Z'
})
const GRID_ENTRIES = [
  entry({
    action: 'submit',
    version: 1,
    at: '2021-01-03T01:00:00.000Z',
    changes: [
      { field: 'canteens', from: null, to: 1 },
      { field: 'service_points', from: null, to: 2 },
      { field: 'trainees', from: null, to: 5000 }
    ]
  }),
  entry({ action: 'edit', version: 2, at: '2021-01-04T03:05:00.000Z', changes: [{ field: 'trainees', from: 5000, to: 500 }] })
]

// YL-COVID (qualitative) from 古田街道 for Q4, reviewed by the bureau.
const STREET_REPORT = report({ indicatorCode: 'YL-COVID', orgUnitId: street.id, period: '2020-Q4', version: 1, narrative: '常态防控机制已建立。' })

let taro: ReturnType<typeof mockTaro>
let toast: jest.Mock
const taroApi = Taro as unknown as Record<string, unknown>
const savedToast = taroApi.showToast
beforeEach(() => {
  taro = mockTaro()
  // Taro's H5 APIs are not on the object a page imports under jest.
  toast = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }))
  taroApi.showToast = toast
})
afterEach(() => {
  taro.restore()
  taroApi.showToast = savedToast
  ;(Current as { router: unknown }).router = null
})

/**
 * Opens the detail page for `r` as `me`. `history` answers the report's
 * versions in turn (the last one repeats); `review` is the fake decision.
 */
async function openDetail(me: MeData, versions: HistoryData[], review: (input: ReviewInput) => Promise<unknown> = async () => ({})) {
  resetIdentity(me)
  ;(Current as { router: unknown }).router = { params: { id: encodeURIComponent(versions[0].report.id) }, path: '/packages/review/detail' }
  let n = 0
  const api = {
    history: jest.fn(async () => versions[Math.min(n++, versions.length - 1)]),
    catalog: jest.fn(async () => ({ indicators: SEED_INDICATORS, units: [district, street, community, g1] })),
    review: jest.fn(review) as unknown as Api['review'],
    reviewContext: jest.fn(async () => CONTEXT),
    // The server's signed links for local uploads (an <Image> sends no session).
    fileLinks: jest.fn(async (ids: string[]) => ({
      links: Object.fromEntries(ids.map((id) => [id, { url: `/files/${id.slice('local:'.length)}?exp=1&sig=s`, expiresAt: '2021-01-05T02:10:00Z' }]))
    }))
  }
  await installFakeServices(api, { now: '2021-01-05T02:00:00Z' })
  render(<ReviewDetailPage />)
  await waitFor(() => expect(screen.getByText('修改记录')).toBeTruthy())
  return api as typeof api & { review: jest.Mock }
}

/** What review.context answers for GRID_REPORT (computed by the server from core). */
const CONTEXT: ReviewContextData = {
  label: '古田街道 · 古田一社区 · 第一网格',
  targets: [{ id: 'canteens', label: '新建老年幸福食堂', required: 3, unallocated: false, share: true, actual: '2个', rate: '66.7' }],
  rate: '66.7',
  previous: { period: '2020-11', status: 'approved', figures: [{ key: 'trainees', label: '培训护理人员', value: '480人次' }] },
  warnings: [{ key: 'trainees', label: '培训护理人员', messages: ['比上期多了约10倍'], reason: '本月只办了一期培训' }],
  chain: null,
  signedOff: false
}

const reviewer = meFor('李审核', 'community_reviewer', community)
const bureau = meFor('周局', 'admin', district)
const after = (r: StoredReport, over: Partial<StoredReport>, entries = GRID_ENTRIES): HistoryData => ({ report: { ...r, ...over }, entries })

test('figures with units, the reason beside its figure, narrative, photos and the history in Chinese', async () => {
  const api = await openDetail(reviewer, [{ report: GRID_REPORT, entries: GRID_ENTRIES }])
  expect(api.history).toHaveBeenCalledWith(GRID_REPORT.id)
  expect(screen.getByText('“133”居家养老品牌打造')).toBeTruthy()
  await waitFor(() => expect(screen.getByText('古田街道 · 古田一社区 · 第一网格 · 2020年12月')).toBeTruthy())
  // The unit's own target (its share), the rate, last period and the warning with its reason.
  const context = screen.getByLabelText('本单位目标与完成率')
  expect(context.textContent).toContain('目标 3（分解到本单位）')
  expect(context.textContent).toContain('完成率 66.7%')
  expect(screen.getByText('本年综合完成率：66.7%')).toBeTruthy()
  expect(screen.getByText('培训护理人员：480人次')).toBeTruthy()
  expect(screen.getByLabelText('需要留意').textContent).toContain('比上期多了约10倍')
  expect(screen.getByText('第2版 · 1月4日 11:05更新')).toBeTruthy()
  await waitFor(() => expect(screen.getByText('500人次')).toBeTruthy())
  expect(screen.getByText('2个')).toBeTruthy()
  expect(screen.getByText('1个')).toBeTruthy()
  // The reason sits with its figure.
  const trainees = screen.getByText('培训护理人员').closest('.gb-figures__row')!
  expect(trainees.textContent).toContain('说明：本月只办了一期培训')
  expect(screen.getByText('本月新建网点2个，食堂1个。')).toBeTruthy()
  // The local upload shows through its signed link on this origin; a cloud
  // fileID cannot show in a browser and falls back to its name.
  expect(api.fileLinks).toHaveBeenCalledWith(['local:0f8fad5b-d9cb-469f-a165-70867728950e.jpg'])
  const img = document.querySelector('.gb-evidence__photo')!
  expect(img.getAttribute('src')).toBe('/files/0f8fad5b-d9cb-469f-a165-70867728950e.jpg?exp=1&sig=s')
  expect(screen.getByText('食堂照片')).toBeTruthy()
  // History, newest first, in Chinese.
  const items = Array.from(document.querySelectorAll('.gb-timeline__item')).map((e) => e.textContent)
  expect(items[0]).toBe('修改张晓梅1月4日 11:05培训护理人员 5000→500')
  expect(items[1]).toContain('提交张晓梅1月3日 09:00')
  expect(items[1]).toContain('培训护理人员 5000')
  // A submitted report below the reviewer: 通过 and 退回, nothing else.
  expect(screen.getByText('通过')).toBeTruthy()
  expect(screen.getByText('退回')).toBeTruthy()
  expect(screen.queryByText('重新打开')).toBeNull()
})

test('退回 needs a comment; it sends the ticked figures and the version shown', async () => {
  const returned = after(GRID_REPORT, { status: 'returned', version: 3, reviewComment: '培训人次偏低，请核对', returnedFields: ['trainees'] }, [
    ...GRID_ENTRIES,
    entry({ action: 'return', version: 3, actorName: '李审核', comment: '培训人次偏低，请核对' })
  ])
  const api = await openDetail(reviewer, [{ report: GRID_REPORT, entries: GRID_ENTRIES }, returned])
  fireEvent.click(screen.getByText('退回'))
  await waitFor(() => expect(screen.getByText('退回原因（必填）')).toBeTruthy())
  fireEvent.click(screen.getByText('确认退回'))
  await waitFor(() => expect(screen.getByText('请写明退回原因')).toBeTruthy())
  expect(api.review).not.toHaveBeenCalled()

  await waitFor(() => expect(document.querySelector('textarea')).toBeTruthy())
  fireEvent.input(document.querySelector('textarea')!, { target: { value: '培训人次偏低，请核对' } })
  fireEvent.click(screen.getByText('培训护理人员', { selector: '[role="checkbox"]' }))
  fireEvent.click(screen.getByText('新建服务网点', { selector: '[role="checkbox"]' }))
  fireEvent.click(screen.getByText('✓ 新建服务网点'))
  expect(screen.getByText('✓ 培训护理人员').getAttribute('aria-checked')).toBe('true')
  fireEvent.click(screen.getByText('确认退回'))
  await waitFor(() => expect(api.review).toHaveBeenCalledTimes(1))
  expect(api.review).toHaveBeenCalledWith({ reportId: GRID_REPORT.id, version: 2, decision: 'return', comment: '培训人次偏低，请核对', fields: ['trainees'] })
  // A toast, and the page shows the report as it is now.
  await waitFor(() => expect(screen.getByText('第3版 · 1月4日 11:05更新')).toBeTruthy())
  expect(toast).toHaveBeenCalledWith({ title: '已退回', icon: 'success' })
  expect(api.history).toHaveBeenCalledTimes(2)
  expect(screen.getByText('退回意见：培训人次偏低，请核对')).toBeTruthy()
  expect(screen.getByText('审核要求修改')).toBeTruthy()
  expect(screen.getByText('意见：培训人次偏低，请核对')).toBeTruthy()
  expect(screen.getByText('已退回，等填报人修改后重新提交')).toBeTruthy()
  expect(screen.queryByText('通过')).toBeNull()
})

test('通过 a qualitative indicator asks for the verdict first', async () => {
  const approved = after(STREET_REPORT, { status: 'approved', version: 2, verdicts: { prevention: 'partial' } }, [entry({ action: 'submit', version: 1 }), entry({ action: 'approve', version: 2, actorName: '周局' })])
  const api = await openDetail(bureau, [{ report: STREET_REPORT, entries: [entry({ action: 'submit', version: 1 })] }, approved])
  expect(screen.getByText('养老机构疫情防控')).toBeTruthy()
  expect(screen.getByText('建立养老机构常态防控机制，安全有序恢复服务秩序：待评定')).toBeTruthy()
  fireEvent.click(screen.getByText('通过'))
  await waitFor(() => expect(screen.getByText('部分达到')).toBeTruthy())
  expect(screen.getByText('达到')).toBeTruthy()
  expect(screen.getByText('未达到')).toBeTruthy()
  fireEvent.click(screen.getByText('确认通过'))
  await waitFor(() => expect(screen.getByText('请先评定每一项')).toBeTruthy())
  expect(api.review).not.toHaveBeenCalled()

  fireEvent.click(screen.getByText('部分达到'))
  fireEvent.click(screen.getByText('确认通过'))
  await waitFor(() => expect(api.review).toHaveBeenCalledWith({ reportId: STREET_REPORT.id, version: 1, decision: 'approve', verdicts: { prevention: 'partial' } }))
  await waitFor(() => expect(screen.getByText('建立养老机构常态防控机制，安全有序恢复服务秩序：部分达到')).toBeTruthy())
  expect(toast).toHaveBeenCalledWith({ title: '已通过', icon: 'success' })
  expect(screen.getByText('已通过', { selector: '.gb-status-tag' })).toBeTruthy()
  // Approved: locked; only 重新打开 is offered.
  expect(screen.getByText('重新打开')).toBeTruthy()
  expect(screen.queryByText('退回')).toBeNull()
})

test('通过 without qualitative targets sends no verdicts', async () => {
  const api = await openDetail(reviewer, [{ report: GRID_REPORT, entries: GRID_ENTRIES }])
  fireEvent.click(screen.getByText('通过'))
  await waitFor(() => expect(screen.getByText('通过这份填报')).toBeTruthy())
  fireEvent.click(screen.getByText('确认通过'))
  await waitFor(() => expect(api.review).toHaveBeenCalledWith({ reportId: GRID_REPORT.id, version: 2, decision: 'approve' }))
})

test('重新打开 an approved report, with an optional reason', async () => {
  const approved = { ...GRID_REPORT, status: 'approved' as const, version: 4 }
  const reopened = after(approved, { status: 'submitted', version: 5 })
  const api = await openDetail(reviewer, [{ report: approved, entries: GRID_ENTRIES }, reopened])
  expect(screen.queryByText('通过')).toBeNull()
  fireEvent.click(screen.getByText('重新打开'))
  await waitFor(() => expect(document.querySelector('textarea')).toBeTruthy())
  fireEvent.input(document.querySelector('textarea')!, { target: { value: '数据有误' } })
  fireEvent.click(screen.getByText('确认重新打开'))
  await waitFor(() => expect(api.review).toHaveBeenCalledWith({ reportId: GRID_REPORT.id, version: 4, decision: 'reopen', comment: '数据有误' }))
  await waitFor(() => expect(screen.getByText('通过')).toBeTruthy())
  expect(toast).toHaveBeenCalledWith({ title: '已重新打开', icon: 'success' })
})

test('CONFLICT: 刚刚有更新, the page reloads and shows the newer version', async () => {
  const newer = after(GRID_REPORT, { version: 3, values: { service_points: 3, canteens: 1, trainees: 500 } })
  const api = await openDetail(reviewer, [{ report: GRID_REPORT, entries: GRID_ENTRIES }, newer], async () => {
    throw new ApiFailure({ code: 'CONFLICT', message: '这份填报刚刚有更新，请刷新后再审核' })
  })
  fireEvent.click(screen.getByText('通过'))
  fireEvent.click(screen.getByText('确认通过'))
  await waitFor(() => expect(screen.getByText('刚刚有更新，已重新加载，请再看一遍')).toBeTruthy())
  expect(toast).toHaveBeenCalledWith({ title: '刚刚有更新', icon: 'none' })
  expect(api.review).toHaveBeenCalledWith(expect.objectContaining({ version: 2 }))
  await waitFor(() => expect(screen.getByText('3个')).toBeTruthy())
  expect(screen.getByText(/^第3版/)).toBeTruthy()
  // A second try carries the new version.
  fireEvent.click(screen.getByText('通过'))
  fireEvent.click(screen.getByText('确认通过'))
  await waitFor(() => expect(api.review).toHaveBeenLastCalledWith(expect.objectContaining({ version: 3 })))
})

test('other refusals stay on the form with the server’s words', async () => {
  const api = await openDetail(reviewer, [{ report: GRID_REPORT, entries: GRID_ENTRIES }], async () => {
    throw new ApiFailure({ code: 'FORBIDDEN', message: '只能审核下级单位的填报' })
  })
  fireEvent.click(screen.getByText('通过'))
  fireEvent.click(screen.getByText('确认通过'))
  await waitFor(() => expect(screen.getByText('只能审核下级单位的填报')).toBeTruthy())
  expect(api.history).toHaveBeenCalledTimes(1)
  expect(screen.getByText('确认通过')).toBeTruthy()
})

test('no actions on the reviewer’s own unit, nor for a grid worker', async () => {
  const own = report({ indicatorCode: 'SQ-GOV', orgUnitId: community.id, period: '2020-Q4' })
  await openDetail(reviewer, [{ report: own, entries: [entry({ action: 'submit', version: 1 })] }])
  expect(screen.getByText('本单位的填报由上级审核')).toBeTruthy()
  expect(screen.queryByText('通过')).toBeNull()
  expect(screen.queryByText('退回')).toBeNull()
})

test('a grid worker sees the report but no review buttons', async () => {
  await openDetail(meFor('张晓梅', 'grid_worker', g1), [{ report: GRID_REPORT, entries: GRID_ENTRIES }])
  expect(screen.getByText('500人次')).toBeTruthy()
  expect(screen.queryByText('通过')).toBeNull()
})

test('an estimate reads 约 for the reviewer, and the worker’s note with a fix shows as 填报人留言', async () => {
  const estimated = { ...GRID_REPORT, approx: ['trainees'] }
  const entries = [GRID_ENTRIES[0], { ...GRID_ENTRIES[1], comment: '已核对签到表，改为500人次' }]
  await openDetail(reviewer, [{ report: estimated, entries }])
  await waitFor(() => expect(screen.getByText('约500人次')).toBeTruthy())
  expect(screen.getByText('2个')).toBeTruthy()
  const items = Array.from(document.querySelectorAll('.gb-timeline__item')).map((e) => e.textContent)
  expect(items[0]).toContain('填报人留言：已核对签到表，改为500人次')
})
