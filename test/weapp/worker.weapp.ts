import type { CloudStandIn } from './harness/cloud'
import type { MiniProgram } from './harness/runtime'
import { bindPerson, chip, expectAllInTap, freezeDate, inputNode, send, startCloud, startPhone } from './helpers'

/**
 * A grid worker on the weapp build, against the built api function:
 * flow 3 (offline, then back online through wx.onNetworkStatusChange) and
 * flow 4 (a report the reviewer returned, fixed in the chat), with the
 * digit keyboard of the InputBar on the way. The date is frozen at
 * 2020-12-20 10:00 China time (the seed's year); timers run for real.
 */
let cloud: CloudStandIn
let mp: MiniProgram

beforeAll(async () => {
  freezeDate('2020-12-20T02:00:00.000Z')
  cloud = await startCloud()
  await bindPerson(cloud, 'u-grid-1', 'o-zhang')
  await bindPerson(cloud, 'u-comm-1', 'o-wang')
  mp = await startPhone(cloud, { openid: 'o-zhang' })
})
afterAll(() => {
  cloud.stop()
  jest.useRealTimers()
})

test('the chat greets the bound worker with what is due', async () => {
  expect(mp.current.route).toBe('pages/chat/index')
  await mp.waitForText(/张晓梅，你好！你有\d+项待填报/)
})

test('a number question opens the digit keyboard; 中 switches to the full one for Chinese numerals', async () => {
  await chip(mp, '“133”居家养老品牌打造 2020年12月')
  await mp.waitForText('请填「新建服务网点」')
  expect(Object.values(inputNode(mp, '输入回答').props)).toContain('digit')
  await mp.tap(mp.find('中', { cls: 'input-bar__button' }))
  expect(Object.values(inputNode(mp, '输入回答').props)).not.toContain('digit')
  await send(mp, '两个')
  await mp.waitForText('请填「新建幸福食堂」')
  await send(mp, '1')
  await mp.waitForText('请填「培训护理人员」')
  await send(mp, '三百人次')
  await mp.waitForText('确认提交')
  await mp.tap(mp.find('确认提交', { cls: 'summary__confirm' }))
  await mp.waitForText(/已提交 ✓/)
  const [report] = await cloud.store.reportsInYear('YL-133', 'qk-s11-c01-g1', 2020)
  expect(report).toMatchObject({ indicatorCode: 'YL-133', values: { service_points: 2, canteens: 1, trainees: 300 } })
})

// The offline queue delivers through the `sync` action.
const submits = () => cloud.calls.filter((c) => c.openid === 'o-zhang' && c.data.action === 'sync').length

test('offline: a quick check-in waits on the phone, then goes out when wx reports the network back', async () => {
  const before = submits()
  mp.wx.setOnline(false)
  await send(mp, '床位 9133')
  await mp.waitForText(/快速更新：养老床位/)
  await chip(mp, '确认提交')
  await mp.waitForText(/网络恢复后自动上传/)
  await mp.switchTab('/pages/me/index')
  await mp.waitForText('待同步 1 条')
  expect(submits()).toBe(before)

  // The platform's network-status event, nothing else, brings it out: with
  // the date frozen, the backoff timer never finds the entry due.
  mp.wx.setOnline(true)
  await mp.waitForText('待同步 0 条')
  expect(submits()).toBe(before + 1)
  const queue = JSON.stringify([...mp.wx.storage.values()])
  expect(queue).toContain('9133')
})

test('a returned report is fixed from 待办 in the chat and goes back for review', async () => {
  const [report] = await cloud.store.reportsInYear('YL-133', 'qk-s11-c01-g1', 2020)
  const reviewer = cloud.backend('o-wang')
  expect(await reviewer.call('api', { action: 'review', payload: { reportId: report.id, version: report.version, decision: 'return', comment: '培训人次偏低，请核对', fields: ['trainees'] } })).toMatchObject({ ok: true })

  await mp.switchTab('/pages/inbox/index')
  await mp.waitForText('培训人次偏低，请核对')
  await mp.tap('去修改')
  await mp.waitFor(() => mp.current.route === 'pages/chat/index', 'the chat')
  await mp.waitForText('审核意见：培训人次偏低，请核对')
  await mp.waitForText('请填「培训护理人员」')
  await send(mp, '320')
  await mp.waitForText('320人次')
  await mp.tap(mp.find('确认提交', { cls: 'summary__confirm' }))
  await mp.waitFor(() => (mp.text().match(/已提交 ✓/g) ?? []).length >= 2, 'the second 已提交 ✓')
  const fixed = await cloud.store.getReport(report.id)
  expect(fixed).toMatchObject({ status: 'submitted', values: { trainees: 320, service_points: 2, canteens: 1 } })
  expectAllInTap(mp)
})
