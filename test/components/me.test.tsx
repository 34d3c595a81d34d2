import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage, { APP_VERSION } from '../../src/pages/me'
import { resetIdentity } from '../../src/hooks/useIdentity'
import { installFakeServices, meFor, mockTaro, unit } from './fakeServices'

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
