import ExcelJS from 'exceljs'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { login, post } from '../server/process'
import { describeViolations, isSevere, runAxe } from './a11y/axe'
import { launchBrowser } from './browser'
import { startProduct } from './server'

/**
 * The completeness view and the export page at a desk (1280×800), in
 * Debian's chromium against the real server: filter the grid by status,
 * remind a unit from its cell (once a day: the second click sends
 * nothing), download the grid; on the export page fill in the signer and
 * "附件N", switch to the approved-only version, and download the xlsx,
 * read back with exceljs. axe-core finds no serious or critical issue.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let desk: { context: BrowserContext; page: Page }

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  product = await startProduct(NOW)
  browser = await launchBrowser()
  const base = product.server.base
  // 张晓梅's grid reports December on time; 刘洋's is returned by 王芳.
  await post(base, 'submit', { report: { clientId: 'tbl-000001', indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01-g1', period: '2020-12', values: { service_points: 1, canteens: 0, trainees: 10 } } }, await login(base, 'u-grid-1'))
  const r = await post(base, 'submit', { report: { clientId: 'tbl-000002', indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01-g2', period: '2020-12', values: { service_points: 1, canteens: 0, trainees: 10 } } }, await login(base, 'u-grid-2'))
  const rep = r.body.data.report
  await post(base, 'review', { reportId: rep.id, version: rep.version, decision: 'return', comment: '请核对' }, await login(base, 'u-comm-1'))
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', acceptDownloads: true })
  await context.clock.setFixedTime(new Date(NOW))
  desk = { context, page: await context.newPage() }
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

async function signIn(page: Page, name: string) {
  await page.goto(`${product.server.base}/#/packages/login/index`)
  await page.locator('.gb-cell', { hasText: name }).click()
  await page.locator('.weui-tabbar__item').first().waitFor()
}

async function expectAxeClean(page: Page, name: string) {
  await page.waitForTimeout(300)
  const severe = (await runAxe(page)).filter(isSevere)
  expect(describeViolations(name, severe)).toBe('')
}

async function readXlsx(page: Page, click: () => Promise<void>, file: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const path = join(ARTIFACTS, file)
  await download.saveAs(path)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  return book
}

const texts = (ws: ExcelJS.Worksheet) => {
  const out: string[] = []
  ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? ''))))
  return out
}

test('completeness: the community reviewer filters by status and reminds a grid from its cell, once', async () => {
  const { page } = desk
  await signIn(page, '王芳')
  await page.goto(`${product.server.base}/#/packages/review/completeness`)
  // The desk layout: side navigation and a real table.
  await page.getByRole('navigation', { name: '工作台导航' }).waitFor()
  const table = page.getByRole('table')
  await table.waitFor()
  await expect(table.getByRole('columnheader', { name: /12月/ }).count()).resolves.toBe(1)
  await table.getByRole('button', { name: /园博北社区第1网格 12月 按时/ }).first().waitFor()
  await expectAxeClean(page, 'completeness')

  // Only units with a returned report: 刘洋's grid.
  await page.getByRole('radio', { name: '有退回' }).click()
  await table.getByRole('button', { name: /12月 退回/ }).first().waitFor()
  await expect(table.getByRole('row').count()).resolves.toBe(2) // header + one unit
  await page.getByRole('radio', { name: '全部' }).first().click()

  // A missing cell of 张晓梅's grid: remind now; another click sends nothing more (one message a day).
  const cell = table.getByRole('button', { name: /园博北社区第1网格 11月 未报/ })
  await cell.click()
  await page.getByRole('region', { name: '选中的单元格' }).getByText('11月：未报').waitFor()
  const remind = page.locator('.gb-complete__picked .gb-complete__btn', { hasText: '立即提醒' })
  // The server's morning job (catching up at start, 10:00) may have reminded her already: then the click says so.
  await remind.click()
  await page.getByRole('status').getByText(/已提醒.*的1人|今天已经提醒过/).waitFor()
  await remind.click()
  await page.getByRole('status').getByText(/今天已经提醒过/).waitFor()
  const outbox = await post(product.server.base, 'reminders.outbox', { personId: 'u-grid-1' }, await login(product.server.base, 'u-admin'))
  expect(outbox.body.data.entries.filter((e: any) => e.status === 'sent')).toHaveLength(1)
  await page.screenshot({ path: join(ARTIFACTS, 'completeness-desk.png') })

  // The grid as Excel, made by the server.
  const book = await readXlsx(page, () => page.locator('.gb-complete__btn:visible', { hasText: '下载 Excel' }).first().click(), 'completeness.xlsx')
  const t = texts(book.worksheets[0])
  expect(t).toContain('2020年度园博北社区填报完成情况')
  expect(t).toContain('按时')
  expect(t).toContain('退回')
})

test('export: signer, 附件N, approved-only, and the xlsx with its completeness sheet', async () => {
  const { page } = desk
  await page.goto(`${product.server.base}/#/packages/review/export`)
  const table = page.getByRole('table')
  await table.waitFor()
  await table.getByText('“133”居家养老品牌打造', { exact: false }).first().waitFor()
  // A bad 附件 number is refused next to the field and kept as typed.
  await page.getByLabel('附件编号').locator('input').fill('0')
  await page.locator('.gb-export__apply').click()
  await page.getByRole('alert').getByText('附件编号请填1到99的整数').waitFor()
  await expect(page.getByLabel('附件编号').locator('input').inputValue()).resolves.toBe('0')

  await page.getByLabel('附件编号').locator('input').fill('2')
  await page.getByLabel('责任人（签字）').locator('input').fill('王芳')
  await page.locator('.gb-export__apply').click()
  await page.getByText('责任人（签字）：王芳').waitFor()
  await page.getByText('附件2：').waitFor()
  await page.getByRole('radio', { name: '正式版（仅审核通过）' }).click()
  await page.getByText('数据口径：仅审核通过的数据，正式版').waitFor()
  await expectAxeClean(page, 'export')
  await page.screenshot({ path: join(ARTIFACTS, 'export-desk.png') })

  const book = await readXlsx(page, () => page.locator('.gb-export__btn', { hasText: '下载 Excel' }).click(), 'export-official.xlsx')
  const first = texts(book.worksheets[0])
  expect(first[0]).toBe('附件2：')
  expect(first.some((x) => x.includes('责任人（签字）：王芳'))).toBe(true)
  expect(first).toContain('数据口径：仅审核通过的数据，正式版')
  expect(book.worksheets[1].name).toBe('填报完成情况')
  expect(texts(book.worksheets[1])).toContain('退回')
})

test('export: the narrative editor keeps its history', async () => {
  const { page } = desk
  const box = page.getByLabel('第1项完成情况').locator('textarea')
  await box.fill('本年度新建服务网点情况见附件。')
  await page.locator('.gb-row-editor').first().locator('.gb-row-editor__btn', { hasText: '保存' }).click()
  await page.getByText('已保存').first().waitFor()
  await page.getByRole('button', { name: '第1项修改记录' }).click()
  const history = page.getByRole('list', { name: '第1项完成情况的修改记录' })
  await history.getByText('本年度新建服务网点情况见附件。').waitFor()
  await history.getByText(/王芳/).first().waitFor()
  await expectAxeClean(page, 'export-history')
})
