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
