import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CloudStandIn } from './harness/cloud'
import { FakeWx } from './harness/fakeWx'
import { bindPerson, chip, DIST, freezeDate, send, startCloud, startPhone } from './helpers'

/**
 * The chat's conversation engine lives in the packages/chatengine
 * subpackage and arrives with require.async after the chat has painted
 * (config/asyncSubpackages.ts). The harness's module system fails a
 * synchronous require into a subpackage that is not downloaded, and an
 * offline download, as a phone does.
 */
let cloud: CloudStandIn

beforeAll(async () => {
  freezeDate('2020-12-20T02:00:00.000Z')
  cloud = await startCloud()
  await bindPerson(cloud, 'u-grid-1', 'o-engine')
})
afterAll(() => {
  cloud.stop()
  jest.useRealTimers()
})

const ENGINE = './packages/chatengine/engine.js'

test('the engine is an async chunk in its own subpackage, preloaded with the chat, and not in the main package', () => {
  const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'))
  expect(app.subPackages).toContainEqual({ root: 'packages/chatengine', pages: ['index'] })
  expect(app.preloadRule['pages/chat/index']).toEqual({ network: 'all', packages: ['packages/chatengine'] })
  // A question only the report engine asks: in the engine's file, in no file the main package runs.
  const marker = '有上次没填完的内容'
  expect(readFileSync(join(DIST, 'packages/chatengine/engine.js'), 'utf8')).toContain(marker)
  for (const f of ['app.js', 'common.js', 'vendors.js', 'taro.js', 'runtime.js', 'pages/chat/index.js']) expect(readFileSync(join(DIST, f), 'utf8')).not.toContain(marker)
})

test('online, the chat loads the engine with require.async and talks', async () => {
  const mp = await startPhone(cloud, { openid: 'o-engine' })
  await mp.waitForText(/你好！你有\d+项待填报/)
  expect(mp.wx.calls.filter((c) => c.api === 'require.async').map((c) => c.args)).toEqual([ENGINE])
  expect([...mp.wx.downloaded]).toEqual(['packages/chatengine'])
  expect(mp.errors).toEqual([])
})

test('offline after an update, before the engine was downloaded: the chat says so, the draft waits, and 重试 online resumes it', async () => {
  const wx = new FakeWx()
  let mp = await startPhone(cloud, { openid: 'o-engine', wx })
  await mp.waitForText(/你好！你有\d+项待填报/)
  await chip(mp, '“133”居家养老品牌打造 2020年12月')
  await mp.waitForText('请填「新建服务网点」')
  await send(mp, '4')
  await mp.waitForText('请填「新建幸福食堂」')

  // A new version: WeChat has the new main package, not yet its subpackages; the phone is offline.
  wx.downloaded.clear()
  wx.restart()
  wx.setOnline(false)
  mp = await startPhone(cloud, { openid: 'o-engine', wx })
  await mp.waitForText('对话功能还没有下载到手机上')
  expect(mp.text()).toContain('已填的内容都还在')
  await chip(mp, '重试')
  await mp.waitForText('对话功能还没有下载到手机上')
  expect(wx.downloaded.size).toBe(0)

  wx.setOnline(true)
  await chip(mp, '重试')
  // The engine is here now. Who is signed in is asked again on the next
  // show (an offline cold start knows nobody yet: see useIdentity).
  await mp.waitFor(() => wx.downloaded.has('packages/chatengine'), 'the engine downloaded')
  await mp.switchTab('/pages/me/index')
  await mp.switchTab('/pages/chat/index')
  await mp.waitForText(/你好！你有\d+项待填报/)
  await chip(mp, '“133”居家养老品牌打造 2020年12月')
  await mp.waitForText('有上次没填完的内容。继续上次填写？')
  await chip(mp, '继续')
  await mp.waitForText('请填「新建幸福食堂」')
  expect(mp.errors).toEqual([])
})
