import type { CloudStandIn } from './harness/cloud'
import type { MiniProgram } from './harness/runtime'
import { USER_DATA_PATH } from './harness/fakeFs'
import { walk } from './harness/tree'
import { bindPerson, chip, expectAllInTap, freezeDate, send, startCloud, startPhone } from './helpers'

/**
 * Flow 2: a report with a photo, by a street reviewer (the level that reports it). The
 * qualitative indicator asks for evidence; 照片 is tapped; WeChat's privacy
 * check holds chooseMedia until the app's own prompt is agreed to (the
 * agreePrivacyAuthorization button); the photo waits on the phone with its
 * report and is uploaded with wx.cloud.uploadFile (under the storage write
 * rule) just before the report is synced. The photo is kept (compressed)
 * under wx.env.USER_DATA_PATH, so it survives the app being killed while
 * offline, when chooseMedia's temp file is gone. An upload that fails keeps
 * WeChat's errMsg and errCode in the queue's record.
 */
let cloud: CloudStandIn
let mp: MiniProgram
let kept: [string, Buffer][] = []
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2048, 7)])

beforeAll(async () => {
  freezeDate('2020-12-20T02:00:00.000Z')
  cloud = await startCloud()
  await bindPerson(cloud, 'u-street-1', 'o-chen')
  mp = await startPhone(cloud, { openid: 'o-chen' })
  mp.wx.script.needPrivacy = true
  mp.wx.script.chooseMedia = () => [{ tempFilePath: mp.wx.tempFile(JPEG), size: JPEG.length, fileType: 'image' }]
})
afterAll(() => {
  cloud.stop()
  jest.useRealTimers()
})

test('照片 → privacy prompt → 同意 → chooseMedia; the photo joins the report', async () => {
  await mp.waitForText(/你好！你有\d+项待填报/)
  await chip(mp, /养老机构疫情防控/)
  await mp.waitForText('请说说「养老机构疫情防控」的完成情况')
  await send(mp, '全区12家养老机构建立常态防控机制，全年零感染。')
  await mp.waitForText('有照片或文件能证明吗')
  await mp.tap(mp.find('照片', { cls: 'input-bar__button' }))
  await mp.waitForText('隐私保护提示')
  // The agree button is WeChat's own (open-type="agreePrivacyAuthorization"): its event, not a tap, answers.
  mp.dispatch(mp.find('同意', { cls: 'gb-privacy__btn--agree' }), 'agreeprivacyauthorization')
  await mp.waitForText('已收到1个附件')
  expect(mp.text()).not.toContain('隐私保护提示')
  expect(mp.wx.taps).toEqual([{ api: 'chooseMedia', inTap: true }])
})

test('offline at confirm: the upload fails with WeChat’s reason kept, nothing is lost', async () => {
  mp.wx.setOnline(false)
  await chip(mp, '好了')
  await mp.waitForText('确认提交')
  await mp.tap(mp.find('确认提交', { cls: 'summary__confirm' }))
  await mp.waitForText(/网络恢复后自动上传/)
  const queue = JSON.stringify([...mp.wx.storage.values()])
  expect(queue).toContain('cloud.uploadFile:fail network error')
  expect(queue).toContain('errCode -1')
  expect(cloud.files.size).toBe(0)
  kept = [...mp.wx.files.entries()].filter(([k]) => k.startsWith(`${USER_DATA_PATH}/evidence/`))
  expect(kept).toHaveLength(1)
})

test('killed while offline: the temp file is gone, the kept photo and its report are not', async () => {
  const wx = mp.wx
  wx.restart()
  expect([...wx.files.keys()].some((k) => k.startsWith('wxfile://tmp_'))).toBe(false)
  mp = await startPhone(cloud, { openid: 'o-chen', wx })
  await mp.switchTab('/pages/me/index')
  await mp.waitForText('待同步 1 条')
})

test('back online: the photo is uploaded as this worker, then the report goes out with its cloud file id', async () => {
  mp.wx.setOnline(true)
  await mp.waitForText('待同步 0 条')
  const [report] = await cloud.store.reportsInYear('YL-COVID', 'qk-s11', 2020)
  expect(report.evidence).toHaveLength(1)
  const fileID = report.evidence[0].id
  expect(fileID).toMatch(/^cloud:\/\/.+\/evidence\/\d+-[0-9a-z]+\.jpg$/)
  expect(cloud.files.get(fileID)).toMatchObject({ owner: 'o-chen' })
  expect(cloud.files.get(fileID)!.bytes.equals(kept[0][1])).toBe(true)
  expectAllInTap(mp)
})

/**
 * The storage rule lets only the uploader's phone read the photo, so a
 * reviewer's phone gets it through `evidence.links`: the api function checks the
 * report is in the reviewer's area and names the file, then hands out
 * CloudBase's 10-minute temp link (getTempFileURL).
 */
test('the district reviewer sees the photo through a scoped temp link; the file itself stays the uploader’s', async () => {
  await bindPerson(cloud, 'u-admin', 'o-tian')
  const [report] = await cloud.store.reportsInYear('YL-COVID', 'qk-s11', 2020)
  const fileID = report.evidence[0].id
  await expect(cloud.backend('o-tian').download(fileID)).rejects.toMatchObject({ errCode: -403003 })
  const reviewer = await startPhone(cloud, { openid: 'o-tian' }, `/packages/review/detail?id=${report.id}`)
  await reviewer.waitForText('填报数据')
  await reviewer.settle(100)
  const link = `https://6765-gebao-test-1a2b3c.tcb.qcloud.la/${cloud.pathOf(fileID)}?sign=x`
  const shown: unknown[] = []
  walk(reviewer.view(), (n) => shown.push(...Object.values(n.props)))
  expect(shown).toContain(link)
  expect(shown).not.toContain(fileID)
  expect(cloud.sdkCalls.filter((c) => c.op === 'getTempFileURL').map((c) => c.args)).toContainEqual([{ fileID, maxAge: 600 }])
})

test('evidence.links: nothing for a report out of scope, nor for a file id the report does not name', async () => {
  await bindPerson(cloud, 'u-comm-1', 'o-wang')
  const [report] = await cloud.store.reportsInYear('YL-COVID', 'qk-s11', 2020)
  const fileID = report.evidence[0].id
  // A community reviewer sits beneath the street: its report answers like a missing one.
  const below = await cloud.backend('o-wang').call('api', { action: 'evidence.links', payload: { reportId: report.id, ids: [fileID] } })
  expect(below).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这份填报' } })
  const other = cloud.fileId('exports/2020-12-20/9f1c2a7be0d54c3a8e61b2f4/自查表.xlsx')
  cloud.files.set(other, { bytes: Buffer.from('x'), owner: 'o-tian' })
  const stray = await cloud.backend('o-tian').call('api', { action: 'evidence.links', payload: { reportId: report.id, ids: [other] } })
  expect(stray).toEqual({ ok: true, data: { links: {} } })
  const bad = await cloud.backend('o-tian').call('api', { action: 'evidence.links', payload: { reportId: report.id, ids: [] } })
  expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
})
