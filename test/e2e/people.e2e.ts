import type { BrowserContext, Page } from 'playwright-core'
import { describeViolations, isSevere, runAxe } from './a11y/axe'
import { launchBrowser, phone } from './browser'
import { startProduct } from './server'

/**
 * The bureau at a desk (1280×800) invites one community's grid workers on
 * the people screen, sees the QR sheet (one card per person with its code
 * and expiry), and one invited worker signs in on a phone with a code.
 * Both new pages are axe-clean (no serious or critical violation).
 */
const NOW = '2020-12-20T10:00:00+08:00'

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let desk: { context: BrowserContext; page: Page }

beforeAll(async () => {
  product = await startProduct(NOW)
  browser = await launchBrowser()
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  await context.clock.setFixedTime(new Date(NOW))
  desk = { context, page: await context.newPage() }
  await desk.page.goto(product.server.base)
  await desk.page.locator('.gb-cell', { hasText: '田莉莉' }).click()
  await desk.page.locator('.weui-tabbar__item').first().waitFor()
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

const severe = async (page: Page, name: string) => describeViolations(name, (await runAxe(page)).filter(isSevere))

let codes: string[] = []

test('the admin lists people, and a bad unit is refused beside its field with what was typed kept', async () => {
  const { page } = desk
  await page.goto(`${product.server.base}/#/packages/people/index`)
  await page.getByText('张晓梅').first().waitFor()
  await page.locator('input[placeholder="姓名"]').fill('孙七')
  await page.locator('input[placeholder^="单位编号"]').fill('qk-s11-c01')
  await page.locator('.nut-button', { hasText: /^添加$/ }).click()
  await page.getByText(/网格员只能设在网格一级/).waitFor()
  expect(await page.locator('input[placeholder^="单位编号"]').inputValue()).toBe('qk-s11-c01')
  expect(await severe(page, 'packages/people/index')).toBe('')
})

test('the admin invites one community’s grid workers and sees the QR sheet', async () => {
  const { page } = desk
  await page.locator('input[placeholder^="社区名称"]').fill('qk-s11-c01')
  await page.locator('.nut-button', { hasText: '生成邀请码并打印' }).click()
  await page.getByText(/网格员邀请码/).waitFor()
  const cards = page.locator('.sheet__card')
  await cards.first().waitFor()
  const n = await cards.count()
  expect(n).toBeGreaterThanOrEqual(2)
  await cards.first().getByText(/有效期至 2021-01-03/).waitFor()
  expect(await page.locator('.sheet__qr img, img.sheet__qr, .sheet__qr').count()).toBeGreaterThanOrEqual(n)
  codes = (await page.locator('.sheet__code').allTextContents()).map((t) => t.replace('邀请码：', '').trim())
  expect(codes.every((c) => /^[A-Z2-9]{8}$/.test(c))).toBe(true)
  expect(await severe(page, 'packages/people/sheet')).toBe('')
})

test('one invited worker signs in with their code on a phone', async () => {
  const worker = await phone(browser.browser, NOW)
  await worker.page.goto(`${product.server.base}/#/packages/login/index?code=${codes[0]}`)
  const input = worker.page.locator('input[placeholder="请输入邀请码"]')
  await input.waitFor()
  expect(await input.inputValue()).toBe(codes[0])
  await worker.page.locator('.nut-button', { hasText: '用邀请码登录' }).click()
  await worker.page.locator('.weui-tabbar__item').first().waitFor()
  await worker.context.close()
})
