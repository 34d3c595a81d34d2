import ExcelJS from 'exceljs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { launchBrowser, phone } from './browser'
import { startProduct } from './server'

/**
 * Review on the way up, in three phones at once against one server: a grid
 * worker submits, the community reviewer returns it with a comment, the
 * worker fixes it in the chat, the reviewer approves, and the bureau admin
 * downloads the 自查表 as xlsx and it reads back.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
const phones: Record<'worker' | 'reviewer' | 'admin', { context: BrowserContext; page: Page }> = {} as never

async function signIn(page: Page, name: string) {
  await page.goto(product.server.base)
  await page.locator('.gb-cell', { hasText: name }).click()
  await page.locator('.weui-tabbar__item').first().waitFor()
}

const tab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).click()

async function send(page: Page, text: string) {
  await page.locator('.input-bar__field input').fill(text)
  await page.getByRole('button', { name: '发送' }).click()
}

beforeAll(async () => {
  product = await startProduct(NOW)
  browser = await launchBrowser()
  for (const who of ['worker', 'reviewer', 'admin'] as const) phones[who] = await phone(browser.browser, NOW)
  await signIn(phones.worker.page, '张晓梅')
  await signIn(phones.reviewer.page, '王芳')
  await signIn(phones.admin.page, '田莉莉')
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

test('the worker submits three figures in one sentence', async () => {
  const { page } = phones.worker
  await page.locator('.quick-replies__chip', { hasText: '“133”居家养老品牌打造 2020年12月' }).click()
  await page.getByText('请填「新建服务网点」').waitFor()
  await send(page, '网点2个，食堂1个，培训300人次')
  const card = page.locator('.summary').last()
  await card.locator('.summary__row', { hasText: '培训护理人员' }).getByText('300人次').waitFor()
  await card.getByRole('button', { name: '确认提交' }).click()
  await page.getByText(/已提交 ✓/).waitFor()
})

test('the community reviewer returns it with a comment on one figure', async () => {
  const { page } = phones.reviewer
  await tab(page, '我的')
  await page.locator('.gb-cell', { hasText: '审核填报' }).click()
  const row = page.locator('.gb-review-row', { hasText: '“133”居家养老品牌打造' }).first()
  await row.click()
  await page.locator('.gb-review-detail__title', { hasText: '“133”居家养老品牌打造' }).waitFor()
  await page.locator('.gb-review-detail__btn', { hasText: '退回' }).click()
  await page.getByLabel('退回原因').locator('textarea').fill('培训人次偏低，请核对')
  await page.getByRole('checkbox', { name: '培训护理人员' }).click()
  await page.locator('.gb-review-detail__btn', { hasText: '确认退回' }).click()
  await page.locator('.gb-review-detail__comment', { hasText: '培训人次偏低，请核对' }).waitFor()
})

test('the worker sees it returned and fixes only that figure in the chat', async () => {
  const { page } = phones.worker
  await tab(page, '待办')
  const card = page.locator('.gb-pending-card:visible', { hasText: '培训人次偏低，请核对' })
  await card.waitFor()
  await card.getByRole('button', { name: '去修改' }).click()
  await page.locator('.bubble--bot', { hasText: '审核意见：培训人次偏低，请核对' }).waitFor()
  await page.getByText('请填「培训护理人员」').last().waitFor()
  await send(page, '三百二十人次')
  const summary = page.locator('.summary').last()
  await summary.locator('.summary__row', { hasText: '培训护理人员' }).getByText('320人次').waitFor()
  await summary.locator('.summary__row', { hasText: '新建服务网点' }).getByText('2个').waitFor()
  await summary.getByRole('button', { name: '确认提交' }).click()
  // The second confirmation, for the corrected report.
  await page.locator('.bubble--done', { hasText: '已提交 ✓' }).nth(1).waitFor()
  await page.screenshot({ path: join(ARTIFACTS, 'chat-returned-fixed.png') })
})

test('the reviewer approves the corrected report; the history shows every step', async () => {
  const { page } = phones.reviewer
  await page.reload()
  await page.locator('.gb-review-detail__title', { hasText: '“133”居家养老品牌打造' }).waitFor()
  await page.locator('.gb-review-detail__btn', { hasText: '通过' }).first().click()
  await page.locator('.gb-review-detail__btn', { hasText: '确认通过' }).click()
  await page.locator('.gb-review-detail__btn', { hasText: '重新打开' }).waitFor()
  await page.getByText('培训护理人员 300→320').waitFor()
  await page.screenshot({ path: join(ARTIFACTS, 'review-approved.png') })
})

test('the admin downloads the 自查表 as xlsx and it reads back', async () => {
  const { page } = phones.admin
  await tab(page, '我的')
  await page.locator('.gb-cell', { hasText: '自查表导出' }).click()
  await page.getByText('“133”居家养老品牌打造').first().waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.gb-export__btn', { hasText: '下载 Excel' }).click()])
  const file = join(ARTIFACTS, 'zichabiao-2020.xlsx')
  await download.saveAs(file)
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file)
  const sheet = book.worksheets[0]
  const texts: string[] = []
  sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))))
  expect(texts.some((t) => t.includes('2020年度') && t.includes('自查表'))).toBe(true)
  const narrative = texts.find((t) => t.includes('培训护理人员') && t.includes('320人次'))
  expect(narrative).toBeDefined()
  for (let seq = 1; seq <= 9; seq++) expect(texts).toContain(String(seq))
})
