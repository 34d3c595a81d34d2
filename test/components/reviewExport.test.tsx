import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ExportPage from '../../src/packages/review/export'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { ApiResult } from '../../src/core/errors'
import { resetIdentity } from '../../src/hooks/useIdentity'
import type { Api, MeData } from '../../src/services/api'
import type { ExportRow, ExportTable } from '../../src/services/reviewApi'
import { deliverFile } from '../../src/packages/review/download'
import { installFakeServices, meFor, mockTaro } from './fakeServices'
import { community, district, g1, street, street2 } from './reviewFixtures'

configure({ asyncUtilTimeout: 3000 })

// The file hand-off (browser download, or WeChat's document viewer) is not
// this page's business under test: only what it is handed.
jest.mock('../../src/packages/review/download', () => ({ ...jest.requireActual('../../src/packages/review/download'), deliverFile: jest.fn(async () => undefined) }))
const deliver = deliverFile as jest.MockedFunction<typeof deliverFile>

function row(over: Partial<ExportRow> & Pick<ExportRow, 'seq' | 'code'>): ExportRow {
  return {
    category: '全面小康基本指标',
    indicatorText: '指标内容',
    narrative: '',
    narrativeSource: 'draft',
    computedRate: '88.9',
    declaredRate: null,
    rateDiffers: false,
    rateText: '88.9',
    evidence: [],
    coverage: null,
    ...over
  }
}

const DRAFT_1 = '新建服务网点8个，食堂2个，培训2000人次。'
const DRAFT_2 = '每千名老人床位52张。'

function table(unitName: string, year: number, narratives: Record<string, string | null>): ExportTable {
  return {
    title: `${year}年度硚口区民政局目标考核自查表`,
    unitName,
    signer: '王主任',
    year,
    rows: [
      row({ seq: 1, code: 'YL-133', indicatorText: '“133”居家养老品牌打造：新建网点8个', narrative: narratives['YL-133'] ?? DRAFT_1, narrativeSource: narratives['YL-133'] ? 'editor' : 'draft', rateText: '88.9（自报100）', declaredRate: '100', rateDiffers: true, evidence: ['网点挂牌.jpg'] }),
      row({ seq: 2, code: 'YL-BED', indicatorText: '养老床位：每千名老人50张以上', narrative: narratives['YL-BED'] ?? DRAFT_2, narrativeSource: narratives['YL-BED'] ? 'editor' : 'draft', computedRate: '100', rateText: '100' })
    ],
    groups: [],
    warnings: [{ kind: 'long_narrative', code: 'YL-BED', seq: 2, length: 912 }],
    version: 'all',
    versionLine: '数据口径：已报送数据（含待审核），工作稿',
    attachmentLine: ''
  }
}

/**
 * A server for the three export actions: narratives saved per unit and
 * year, tables that show them. `fail` makes an action answer a refusal.
 */
function exportServer(fail: Record<string, { code: 'FORBIDDEN'; message: string }> = {}) {
  const saved: Record<string, Record<string, string | null>> = {}
  const names: Record<string, string> = { [district.id]: '硚口区民政局', [street.id]: '古田街道', [street2.id]: '宝丰街道' }
  const units = Object.fromEntries([district, street, street2].map((u) => [u.id, u]))
  const call = jest.fn(async (action: string, payload?: unknown): Promise<ApiResult<unknown>> => {
    const p = payload as { orgUnitId?: string; year: number; indicatorCode?: string; text?: string | null; format?: string }
    if (fail[action]) return { ok: false, error: fail[action] }
    const unitId = p.orgUnitId ?? self
    const key = `${unitId}|${p.year}`
    switch (action) {
      case 'export.table': {
        const edited = Object.entries(saved[key] ?? {}).filter(([, text]) => text !== null)
        const edits = edited.map(([code]) => ({ code, byId: 'p1', byName: '陈街道', at: '2021-01-05T01:30:00.000Z' }))
        return { ok: true, data: { unit: units[unitId], table: table(names[unitId], p.year, saved[key] ?? {}), edits } }
      }
      case 'export.narrative':
        saved[key] = { ...saved[key], [p.indicatorCode!]: p.text ?? null }
        return { ok: true, data: { narrative: null } }
      case 'export.file':
        return { ok: true, data: { url: `/exports/${p.year}.${p.format}`, name: `自查表.${p.format}`, expiresAt: '2021-01-05T03:00:00Z' } }
    }
    return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个操作' } }
  })
  let self = street.id
  return { call, setSelf: (id: string) => (self = id) }
}

let taro: ReturnType<typeof mockTaro>
const taroApi = Taro as unknown as Record<string, unknown>
const savedToast = taroApi.showToast
beforeEach(() => {
  taro = mockTaro()
  taroApi.showToast = jest.fn(() => Promise.resolve({ errMsg: 'showToast:ok' }))
  deliver.mockClear()
})
afterEach(() => {
  taro.restore()
  taroApi.showToast = savedToast
})

async function openExport(me: MeData, server = exportServer()) {
  resetIdentity(me)
  server.setSelf(me.unit.id)
  const api = {
    catalog: jest.fn(async () => ({ indicators: SEED_INDICATORS, units: [district, street, street2, community, g1] })),
    transport: { kind: 'http' as const, call: server.call as unknown as Api['transport']['call'], upload: async () => ({ id: 'x', name: 'x' }) }
  }
  await installFakeServices(api, { now: '2021-01-05T02:00:00Z' })
  render(<ExportPage />)
  return server
}

const box = (seq: number) => document.querySelector(`taro-textarea-core[aria-label="第${seq}项完成情况"] textarea`) as HTMLTextAreaElement
const card = (seq: number) => document.querySelectorAll('.gb-row-editor')[seq - 1]
const buttonIn = (el: Element, text: string) => Array.from(el.querySelectorAll('.nut-button')).find((b) => b.textContent === text)!

test('the table for the reviewer’s unit and this year, row by row', async () => {
  const server = await openExport(meFor('陈街道', 'street_reviewer', street))
  await waitFor(() => expect(screen.getByText('2021年度硚口区民政局目标考核自查表')).toBeTruthy())
  expect(server.call).toHaveBeenCalledWith('export.table', { year: 2021 })
  expect(screen.getByText('单位名称：古田街道')).toBeTruthy()
  expect(screen.getByText('责任人（签字）：王主任')).toBeTruthy()
  expect(screen.getByText('完成率（%）：88.9（自报100）')).toBeTruthy()
  expect(screen.getByText('支撑材料：网点挂牌.jpg')).toBeTruthy()
  expect(screen.getByText('支撑材料：无')).toBeTruthy()
  expect(screen.getByText('第2项完成情况有912字，打印时一格可能放不下')).toBeTruthy()
  await waitFor(() => expect(box(1).value).toBe(DRAFT_1))
  expect(box(2).value).toBe(DRAFT_2)
  // Reviewers export their own unit: no unit chips.
  expect(screen.queryByText('宝丰街道')).toBeNull()

  fireEvent.click(screen.getByText('2020年'))
  await waitFor(() => expect(server.call).toHaveBeenLastCalledWith('export.table', { year: 2020 }))
  await waitFor(() => expect(screen.getByText('2020年度硚口区民政局目标考核自查表')).toBeTruthy())
})

test('an editor rewrites a 完成情况 (text sent), then restores the draft (null sent)', async () => {
  const server = await openExport(meFor('陈街道', 'street_reviewer', street))
  await waitFor(() => expect(box(1)).toBeTruthy())
  expect(screen.queryByText('恢复草稿')).toBeNull()
  expect(card(1).textContent).toContain('自动草稿')

  fireEvent.input(box(1), { target: { value: '全年新建网点8个，食堂3个。' } })
  await waitFor(() => expect(card(1).textContent).toContain('未保存'))
  expect(screen.getByText('还有1项修改没保存，下载的文件里不会有')).toBeTruthy()
  fireEvent.click(buttonIn(card(1), '保存'))
  await waitFor(() =>
    expect(server.call).toHaveBeenCalledWith('export.narrative', { indicatorCode: 'YL-133', orgUnitId: street.id, year: 2021, text: '全年新建网点8个，食堂3个。' })
  )
  // The table is read again and shows the editor's text as stored.
  await waitFor(() => expect(card(1).textContent).toContain('已改写'))
  expect(card(1).textContent).toContain('陈街道 1月5日 09:30改写')
  expect(box(1).value).toBe('全年新建网点8个，食堂3个。')
  expect(card(1).textContent).not.toContain('未保存')
  expect(screen.getByText('已保存')).toBeTruthy()

  fireEvent.click(buttonIn(card(1), '恢复草稿'))
  await waitFor(() => expect(server.call).toHaveBeenCalledWith('export.narrative', { indicatorCode: 'YL-133', orgUnitId: street.id, year: 2021, text: null }))
  await waitFor(() => expect(box(1).value).toBe(DRAFT_1))
  expect(card(1).textContent).toContain('自动草稿')
  expect(screen.getByText('已恢复草稿')).toBeTruthy()
})

test('下载 Excel / 下载 Word ask export.file for the format and hand the file over', async () => {
  const server = await openExport(meFor('陈街道', 'street_reviewer', street))
  await waitFor(() => expect(screen.getByText('下载 Excel')).toBeTruthy())
  fireEvent.click(screen.getByText('下载 Excel'))
  await waitFor(() => expect(deliver).toHaveBeenCalledTimes(1))
  expect(server.call).toHaveBeenCalledWith('export.file', { year: 2021, format: 'xlsx' })
  expect(deliver).toHaveBeenCalledWith({ url: '/exports/2021.xlsx', name: '自查表.xlsx', expiresAt: '2021-01-05T03:00:00Z' }, 'xlsx')
  await waitFor(() => expect(screen.getByText('已开始下载：自查表.xlsx')).toBeTruthy())

  fireEvent.click(screen.getByText('下载 Word'))
  await waitFor(() => expect(deliver).toHaveBeenCalledTimes(2))
  expect(server.call).toHaveBeenLastCalledWith('export.file', { year: 2021, format: 'docx' })
  expect(deliver).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/exports/2021.docx' }), 'docx')
})

test('the admin: the district by default, a street by chip, for the table, the narrative and the file', async () => {
  const server = await openExport(meFor('周局', 'admin', district))
  await waitFor(() => expect(screen.getByText('单位名称：硚口区民政局')).toBeTruthy())
  expect(server.call).toHaveBeenCalledWith('export.table', { year: 2021 })
  await waitFor(() => expect(screen.getByText('古田街道')).toBeTruthy())
  expect(screen.getByText('宝丰街道')).toBeTruthy()
  // Communities are not offered.
  expect(screen.queryByText('古田一社区')).toBeNull()

  fireEvent.click(screen.getByText('宝丰街道'))
  await waitFor(() => expect(screen.getByText('单位名称：宝丰街道')).toBeTruthy())
  expect(server.call).toHaveBeenLastCalledWith('export.table', { year: 2021, orgUnitId: street2.id })
  await waitFor(() => expect(box(2)).toBeTruthy())
  fireEvent.input(box(2), { target: { value: '床位达标。' } })
  await waitFor(() => expect(card(2).textContent).toContain('未保存'))
  fireEvent.click(buttonIn(card(2), '保存'))
  await waitFor(() => expect(server.call).toHaveBeenCalledWith('export.narrative', { indicatorCode: 'YL-BED', orgUnitId: street2.id, year: 2021, text: '床位达标。' }))
  fireEvent.click(screen.getByText('下载 Word'))
  await waitFor(() => expect(server.call).toHaveBeenLastCalledWith('export.file', { year: 2021, format: 'docx', orgUnitId: street2.id }))

  // Back to the district: no orgUnitId (the caller's own unit).
  fireEvent.click(screen.getByText('硚口区'))
  await waitFor(() => expect(server.call).toHaveBeenLastCalledWith('export.table', { year: 2021 }))
})

test('a refusal shows the server’s words', async () => {
  await openExport(meFor('陈街道', 'street_reviewer', street), exportServer({ 'export.file': { code: 'FORBIDDEN', message: '只有审核人员可以导出' } }))
  await waitFor(() => expect(screen.getByText('下载 Excel')).toBeTruthy())
  fireEvent.click(screen.getByText('下载 Excel'))
  await waitFor(() => expect(screen.getByText('只有审核人员可以导出')).toBeTruthy())
  expect(deliver).not.toHaveBeenCalled()
})

test('a grid worker is told the page is not for them', async () => {
  const server = await openExport(meFor('张晓梅', 'grid_worker', g1))
  expect(screen.getByText('只有审核人员和管理员可以导出自查表')).toBeTruthy()
  expect(screen.queryByText('下载 Excel')).toBeNull()
  expect(server.call).not.toHaveBeenCalled()
})
