import type { CloudStandIn } from './harness/cloud'
import { expectAllInTap, inputNode, startCloud, startPhone, TEST_ENV } from './helpers'

/**
 * Flow 1: invite sign-in on a fresh phone. The built app opens on 对话,
 * finds no session and goes to the login subpackage; the invite code goes
 * to the built `api` function over wx.cloud.callFunction; the person is
 * bound to this phone's OPENID (set by the platform, never by the app).
 */
let cloud: CloudStandIn
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud.stop())

test('cloud.init names the build’s environment and traces the user', async () => {
  expect(TEST_ENV).toMatch(/^[a-z][a-z0-9-]+$/)
  const mp = await startPhone(cloud, { openid: 'o-init' })
  const inits = mp.wx.calls.filter((c) => c.api === 'cloud.init')
  expect(inits).toEqual([{ api: 'cloud.init', args: { env: TEST_ENV, traceUser: true } }])
})

test('a fresh phone signs in with an invite code and lands on 对话 as that person', async () => {
  const now = new Date().toISOString()
  await cloud.store.createInvite({ code: 'ZXM2026A', personId: 'u-grid-1', createdBy: 'u-admin', createdAt: now, expiresAt: new Date(Date.now() + 86400_000).toISOString(), usedAt: null })
  const mp = await startPhone(cloud, { openid: 'o-zhang' })
  await mp.waitFor(() => mp.current.route === 'packages/login/index', 'the login page')
  await mp.waitForText('用邀请码登录')

  // A wrong code: a plain message, nothing bound.
  await mp.type(inputNode(mp, '邀请码'), 'WRONG99')
  await mp.tap('用邀请码登录')
  await mp.waitForText('邀请码无效或已过期，请核对后再输入')
  expect(await cloud.store.personByOpenid('o-zhang')).toBeNull()

  await mp.type(inputNode(mp, '邀请码'), 'zxm2026a')
  await mp.tap('用邀请码登录')
  await mp.waitFor(() => mp.current.route === 'pages/chat/index', 'the chat page after reLaunch')
  await mp.waitForText('张晓梅，你好')
  expect((await cloud.store.personByOpenid('o-zhang'))?.id).toBe('u-grid-1')

  // Every call reached the built function as this phone, with the action in data.
  const actions = cloud.calls.filter((c) => c.openid === 'o-zhang').map((c) => c.data.action)
  expect(actions).toEqual(expect.arrayContaining(['me', 'bind', 'catalog']))
  expect(cloud.sdkCalls.find((c) => c.op === 'init')).toBeTruthy()
  expectAllInTap(mp)
})

test('the used code cannot bind a second phone', async () => {
  const mp = await startPhone(cloud, { openid: 'o-other' })
  await mp.waitForText('用邀请码登录')
  await mp.type(inputNode(mp, '邀请码'), 'ZXM2026A')
  await mp.tap('用邀请码登录')
  await mp.waitForText('邀请码无效或已过期，请核对后再输入')
  expect(await cloud.store.personByOpenid('o-other')).toBeNull()
})
