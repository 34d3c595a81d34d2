import type { CloudStandIn } from './harness/cloud'
import type { MiniProgram } from './harness/runtime'
import { bindPerson, chip, expectAllInTap, freezeDate, inputNode, startCloud, startPhone } from './helpers'

/**
 * Flow 7: voice input through a FAKE of the WechatSI plugin, handed to the
 * built app by the harness's requirePlugin. The fake keeps the plugin's
 * shape as src/services/voice/wechatSI.ts uses it (getRecordRecognitionManager
 * with start/stop and onRecognize/onStop/onError); it is not the plugin.
 * Hold 说话 (touchstart), the partial and final text land in the field,
 * release (touchend), and the answer counts only after 发送.
 */
function fakeWechatSI(heard: string[]) {
  const starts: unknown[] = []
  const manager: Record<string, any> = {
    start(o: unknown) {
      starts.push(o)
      setTimeout(() => manager.onStart?.(), 0)
      heard.slice(0, -1).forEach((t, i) => setTimeout(() => manager.onRecognize?.({ result: t }), 5 + i))
    },
    stop() {
      setTimeout(() => manager.onStop?.({ result: heard[heard.length - 1] }), 5)
    }
  }
  return { plugin: { getRecordRecognitionManager: () => manager }, starts }
}

let cloud: CloudStandIn
let mp: MiniProgram
const si = fakeWechatSI(['八', '八个'])

beforeAll(async () => {
  freezeDate('2020-12-20T02:00:00.000Z')
  cloud = await startCloud()
  await bindPerson(cloud, 'u-grid-1', 'o-zhang')
  mp = await startPhone(cloud, { openid: 'o-zhang', plugins: { WechatSI: si.plugin } })
})
afterAll(() => {
  cloud.stop()
  jest.useRealTimers()
})

test('hold 说话, say 八个, release: the text waits in the field and counts after 发送', async () => {
  await mp.waitForText(/张晓梅，你好/)
  await chip(mp, '“133”居家养老品牌打造 2020年12月')
  await mp.waitForText('请填「新建服务网点」')
  const talk = mp.find('说话', { cls: 'input-bar__button' })
  expect(mp.dispatch(talk, 'touchstart')).toBeGreaterThan(0)
  await mp.waitFor(() => si.starts.length === 1, 'the recognizer to start')
  expect(si.starts[0]).toEqual({ duration: 60000, lang: 'zh_CN' })
  expect(mp.wx.calls.some((c) => c.api === 'authorize' && c.args.scope === 'scope.record')).toBe(true)
  mp.dispatch(mp.find('松开', { cls: 'input-bar__button' }), 'touchend')
  await mp.waitFor(() => Object.values(inputNode(mp, '输入回答').props).includes('八个'), 'the heard text in the field')
  // Nothing was answered yet.
  expect(mp.text()).not.toContain('请填「新建幸福食堂」')
  await mp.tap(mp.find('发送', { cls: 'input-bar__button' }))
  await mp.waitForText('请填「新建幸福食堂」')
  expect(mp.wx.calls.filter((c) => c.api === 'requirePlugin').map((c) => c.args)).toEqual(['WechatSI'])
  expectAllInTap(mp)
})
