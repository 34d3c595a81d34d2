import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage, { APP_VERSION } from '../../src/pages/me'
import { resetIdentity } from '../../src/hooks/useIdentity'
import Taro from '@tarojs/taro'
import { installFakeServices, meFor, mockTaro, unit } from './fakeServices'
import { SubmissionQueue } from '../../src/services/queue'
import { memoryStorage } from '../../src/services/storage/memoryStorage'
import { UploadRefused } from '../../src/services/transport/types'

const grid = unit('qk-s01-c01-g01', '第一网格', 'grid', '/qk/qk-s01/qk-s01-c01/')

let taro: ReturnType<typeof mockTaro>
beforeEach(() => {
  taro = mockTaro()
  resetIdentity(meFor('王小红', 'grid_worker', grid))
})
afterEach(() => taro.restore())

test('name, role, unit, unsynced reports and reminders', async () => {
  await installFakeServices({})
  render(<MePage />)
  await waitFor(() => expect(screen.getByText('王小红')).toBeTruthy())
  expect(screen.getByText('网格员')).toBeTruthy()
  expect(screen.getByText('第一网格（网格）')).toBeTruthy()
  expect(screen.getByText('待同步 0 条')).toBeTruthy()
  expect(screen.getByText('提醒：未开启')).toBeTruthy()
  expect(screen.getByText(/已存 0 次提醒/)).toBeTruthy()
  expect(screen.getByText('开启提醒')).toBeTruthy()
})

test('关于格报 shows the version of package.json', async () => {
  await installFakeServices({})
  render(<MePage />)
  fireEvent.click(await screen.findByText('关于格报'))
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
  expect(APP_VERSION).toBe(pkg.version)
  await waitFor(() => expect(screen.getByText(`版本 ${pkg.version}`)).toBeTruthy())
})

test('退出登录 clears the session and the identity, then opens login', async () => {
  const { storage, session } = await installFakeServices({}, { storage: { 'gebao.session': 'tok-123' } })
  expect(session.token()).toBe('tok-123')
  render(<MePage />)
  fireEvent.click(await screen.findByText('退出登录'))
  await waitFor(() => expect(taro.reLaunch).toHaveBeenCalledWith({ url: '/packages/login/index' }))
  expect(session.token()).toBeNull()
  expect(storage.dump()).not.toHaveProperty('gebao.session')
  // A page that shows next starts from nobody.
  const { unmount } = render(<MePage />)
  expect(screen.getAllByText('未登录').length).toBeGreaterThan(0)
  unmount()
})

describe('stuck reports and signing out with unsynced ones', () => {
  const t = Taro as unknown as Record<string, unknown>
  let saved: unknown
  let answers: boolean[]
  let asked: { title: string; content: string }[]
  beforeEach(() => {
    saved = t.showModal
    answers = []
    asked = []
    t.showModal = jest.fn(async (o: { title: string; content: string }) => {
      asked.push(o)
      return { confirm: answers.shift() ?? false, cancel: false }
    })
  })
  afterEach(() => {
    t.showModal = saved
  })

  async function withStuckReport(storage: Record<string, unknown> = {}) {
    const { services, session } = await installFakeServices({}, { storage })
    // A report whose photo the server refused: 需处理, with its photo still on the phone.
    const queue = new SubmissionQueue({
      storage: memoryStorage(),
      backend: {
        sync: async (drafts) => ({ ok: true, data: { results: drafts.map((d) => ({ clientId: d.clientId, status: 'accepted' as const, report: { id: 'r', version: 1, status: 'submitted' } })) } }),
        upload: () => Promise.reject(new UploadRefused('BAD_INPUT', '只能上传照片（jpg、png、webp、heic）或 PDF、Word、Excel、PPT 文件', 400))
      },
      newId: () => 'c-000099'
    })
    await queue.enqueue({ clientId: 'c-000001', indicatorCode: 'YL-133', orgUnitId: grid.id, period: '2020-12', values: { trainees: 1 } }, [{ localPath: 'idb:1', name: '表.exe' }])
    await queue.flush()
    ;(services as { queue: SubmissionQueue }).queue = queue
    return { queue, session }
  }

  test('a refused photo shows the server’s reason; 删除 says what is lost and does nothing when cancelled', async () => {
    const { queue } = await withStuckReport()
    render(<MePage />)
    await screen.findByText(/只能上传照片/)
    fireEvent.click(await screen.findByText('删除'))
    await waitFor(() => expect(asked).toHaveLength(1))
    expect(asked[0].content).toContain('1 个附件')
    expect(asked[0].content).toContain('不能恢复')
    expect(await queue.entries()).toHaveLength(1)
    answers.push(true)
    fireEvent.click(screen.getByText('删除'))
    await waitFor(async () => expect(await queue.entries()).toHaveLength(0))
  })

  test('不带附件发送 sends the report without the refused photo after confirming', async () => {
    const { queue } = await withStuckReport()
    render(<MePage />)
    answers.push(true)
    fireEvent.click(await screen.findByText('不带附件发送'))
    await waitFor(async () => expect((await queue.entries()).map((e) => [e.id, e.status, e.files.length])).toEqual([['c-000099', 'synced', 0]]))
    expect(asked[0].content).toContain('不带那 1 个没传上的附件')
  })

  test('退出登录 with unsynced reports warns first and stays signed in when cancelled', async () => {
    const { queue, session } = await withStuckReport({ 'gebao.session': 'tok-123' })
    expect(await queue.unsyncedCount()).toBe(1)
    render(<MePage />)
    await screen.findByText('待同步 1 条')
    fireEvent.click(await screen.findByText('退出登录'))
    await waitFor(() => expect(asked).toHaveLength(1))
    expect(asked[0].content).toContain('1 份填报没发出')
    expect(asked[0].content).toContain('下次登录时会自动发送')
    expect(taro.reLaunch).not.toHaveBeenCalled()
    expect(session.token()).toBe('tok-123')
  })
})
