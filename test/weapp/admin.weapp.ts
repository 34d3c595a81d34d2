import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CloudStandIn } from './harness/cloud'
import type { MiniProgram } from './harness/runtime'
import { bindPerson, expectAllInTap, freezeDate, startCloud, startPhone } from './helpers'

/**
 * Flow 5 (a subscribe request from a tap on 我的) and flow 6 (the admin's
 * 自查表 export: made by the built function, answered as a cloud file id,
 * fetched with wx.cloud.downloadFile under the storage rule, opened with
 * wx.openDocument).
 */
/** Reads a cell of the opened file with exceljs in a plain Node process (as a person's Excel would, outside this one). */
function xlsxCell(bytes: Buffer, cell: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gebao-xlsx-'))
  try {
    const file = join(dir, 'f.xlsx')
    writeFileSync(file, bytes)
    const script = `const E=require('exceljs');const b=new E.Workbook();b.xlsx.readFile(${JSON.stringify(file)}).then(()=>console.log(String(b.worksheets[0].getCell(${JSON.stringify(cell)}).value)))`
    return execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '../..'), encoding: 'utf8' }).trim()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

let cloud: CloudStandIn
let mp: MiniProgram
const TEMPLATE = 'tmpl-pending-0001'

beforeAll(async () => {
  freezeDate('2020-12-20T02:00:00.000Z')
  // The api function reads its reminder templates from the environment at load.
  process.env.REMIND_TEMPLATE_ID = TEMPLATE
  cloud = await startCloud()
  await bindPerson(cloud, 'u-admin', 'o-tian')
  await bindPerson(cloud, 'u-comm-1', 'o-wang')
  mp = await startPhone(cloud, { openid: 'o-tian' }, 'pages/me/index')
})
afterAll(() => {
  delete process.env.REMIND_TEMPLATE_ID
  cloud.stop()
  jest.useRealTimers()
})

test('开启提醒: the subscribe panel opens straight from the tap, and the grant is banked with the server', async () => {
  await mp.waitForText('田莉莉')
  await mp.waitForText('提醒：未开启')
  mp.wx.script.subscribe = (ids) => Object.fromEntries(ids.map((id) => [id, 'accept']))
  await mp.tap('开启提醒')
  await mp.waitForText('提醒：已开启')
  const asked = mp.wx.calls.filter((c) => c.api === 'requestSubscribeMessage')
  expect(asked.map((c) => c.args.tmplIds)).toEqual([[TEMPLATE]])
  expect(mp.wx.taps).toEqual([{ api: 'requestSubscribeMessage', inTap: true }])
  expect(cloud.calls.map((c) => c.data.action)).toContain('reminders.grant')
  await mp.waitForText('已存 1 次提醒')
})

test('the stand-in refuses a subscribe request outside a tap, as WeChat does', async () => {
  // The check the previous test passed is real: the same call without a tap fails.
  await expect((globalThis as any).wx.requestSubscribeMessage({ tmplIds: [TEMPLATE] })).rejects.toMatchObject({ errMsg: expect.stringMatching(/TAP gesture/) })
  mp.wx.taps.pop()
})

test('自查表导出: the xlsx comes as a cloud file id, downloads with wx.cloud.downloadFile and opens', async () => {
  await mp.tap('自查表导出')
  await mp.waitFor(() => mp.current.route === 'packages/review/export', 'the export page')
  await mp.waitForText('下载 Excel')
  await mp.waitForText('“133”居家养老品牌打造')
  await mp.tap('下载 Excel')
  await mp.waitFor(() => mp.wx.opened.length === 1, 'openDocument')

  const exported = cloud.calls.find((c) => c.data.action === 'export.file')
  expect(exported?.data.payload).toMatchObject({ format: 'xlsx', year: 2020 })
  const downloads = mp.wx.calls.filter((c) => c.api === 'cloud.downloadFile' || c.api === 'downloadFile')
  expect(downloads.map((c) => c.api)).toEqual(['cloud.downloadFile'])
  const fileID: string = downloads[0].args.fileID
  expect(fileID).toMatch(/^cloud:\/\/.+\/exports\/2020-12-20\/[0-9a-f]{24}\/2020年度.+自查表\.xlsx$/)
  expect(mp.wx.opened[0]).toMatchObject({ fileType: 'xlsx' })

  expect(xlsxCell(mp.wx.files.get(mp.wx.opened[0].filePath)!, 'A2')).toBe('单位名称：硚口区民政局')

  // Only the person who asked for it may read it from a phone.
  await expect(cloud.backend('o-wang').download(fileID)).rejects.toMatchObject({ errCode: -403003 })
  expect(await cloud.backend('o-tian').download(fileID)).toBeInstanceOf(Buffer)
  expectAllInTap(mp)
})

test('a refused download keeps WeChat’s reason and tells the admin plainly', async () => {
  cloud.canRead = () => false
  await mp.tap('下载 Excel')
  await mp.waitForText('没能下载Excel文件，请稍后再试')
  expect(mp.wx.opened).toHaveLength(1)
  // What WeChat said is kept on the error (here: the rule refused the read).
  const failed = mp.wx.calls.filter((c) => c.api === 'cloud.downloadFile')
  expect(failed).toHaveLength(2)
})
