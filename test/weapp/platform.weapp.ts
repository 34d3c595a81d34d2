import type { CloudStandIn } from './harness/cloud'
import { startCloud, startPhone } from './helpers'

/** The base library check at start (src/services/baseLibrary.ts, minimum in src/core/version.ts). */
let cloud: CloudStandIn
beforeAll(async () => {
  cloud = await startCloud()
})
afterAll(() => cloud.stop())

test('below the minimum base library, the app asks once, plainly, to update WeChat', async () => {
  const mp = await startPhone(cloud, { openid: 'o-old', SDKVersion: '2.9.4' })
  expect(mp.wx.modals).toEqual([{ title: '请更新微信', content: expect.stringContaining('请到应用商店把微信更新到最新版本') }])
})

test('at or above the minimum, nothing is asked', async () => {
  for (const SDKVersion of ['2.32.3', '3.3.4']) {
    const mp = await startPhone(cloud, { openid: 'o-new', SDKVersion })
    expect(mp.wx.modals).toEqual([])
  }
})

test('large text follows WeChat’s text size: every page root carries gb-large at fontSizeSetting 24', async () => {
  const mp = await startPhone(cloud, { openid: 'o-big', fontSizeSetting: 24 }, 'packages/login/index')
  await mp.waitForText('用邀请码登录')
  expect(mp.view().children[0].cl.split(' ')).toContain('gb-large')
  const normal = await startPhone(cloud, { openid: 'o-std', fontSizeSetting: 17 }, 'packages/login/index')
  await normal.waitForText('用邀请码登录')
  expect(normal.view().children[0].cl.split(' ')).not.toContain('gb-large')
})
