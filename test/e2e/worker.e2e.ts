import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { ActionLog, launchBrowser, phone } from './browser'
import { login, post } from '../server/process'
import { startProduct } from './server'
import { expectNewestVisible } from './visible'

/**
 * A grid worker's day, in Debian's chromium against `npm start`'s server:
 * log in, report the first seed indicator by typing Chinese numbers,
 * correct the first answer by typing "不对，是九个" at the next question,
 * give one figure as an estimate (大概两千人次 → 约2000人次), correct one
 * answer from the summary card, submit, and see progress move.
 * Then an offline quick check-in waits as 待同步 and goes out when the
 * network is back.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let page: Page
let context: import('playwright-core').BrowserContext
const log = new ActionLog()

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  product = await startProduct(NOW)
  browser = await launchBrowser()
  ;({ page, context } = await phone(browser.browser, NOW))
})

afterAll(async () => {
  await browser?.close()
  await product?.stop()
})

const send = async (text: string) => {
  await page.locator('.input-bar__field input').fill(text)
  await page.getByRole('button', { name: '发送' }).click()
  log.record(`send ${text}`)
}

const tapChip = async (label: string) => {
  await page.locator('.quick-replies__chip', { hasText: label }).first().click()
  log.record(`tap ${label}`)
}

const lastBot = () => page.locator('.bubble--bot').last()

const countCalls = (p: Page) => {
  const calls: string[] = []
  const onRequest = (r: import('playwright-core').Request) => {
    const m = /\/api\/(me|pending|catalog)$/.exec(new URL(r.url()).pathname)
    if (m) calls.push(m[1])
  }
  p.on('request', onRequest)
  return { calls, stop: () => p.off('request', onRequest) }
}

test('log in as a demo grid worker and see what is due; the chat asks for me, pending and catalog once each', async () => {
  await page.goto(product.server.base)
  // The login page is up (the unsigned `me` that led here has been answered).
  await page.locator('.gb-cell', { hasText: '张晓梅' }).waitFor()
  const counted = countCalls(page)
  await page.locator('.gb-cell', { hasText: '张晓梅' }).click()
  await page.getByText(/张晓梅，你好！你有\d+项待填报/).waitFor()
  await expectNewestVisible(page)
  // The 待办 badge is there from the login on.
  await page.locator('.weui-tabbar__item', { hasText: '待办' }).locator('.weui-badge').filter({ hasText: /^\d+$/ }).waitFor()
  await page.waitForTimeout(1000)
  counted.stop()
  expect(counted.calls.sort()).toEqual(['catalog', 'me', 'pending'])
})

test('reloading the chat asks for me, pending and catalog once each', async () => {
  const counted = countCalls(page)
  await page.reload()
  await page.getByText(/张晓梅，你好！你有\d+项待填报/).waitFor()
  await page.waitForTimeout(1000)
  counted.stop()
  expect(counted.calls.sort()).toEqual(['catalog', 'me', 'pending'])
})

test('the progress page shows the first indicator as not reported yet', async () => {
  await page.locator('.weui-tabbar__item', { hasText: '进度' }).click()
  const card = page.locator('.gb-indicator:visible', { hasText: '“133”居家养老品牌打造' }).first()
  await card.waitFor()
  await card.getByText('未填报').first().waitFor()
  await page.locator('.weui-tabbar__item', { hasText: '对话' }).click()
})

test('report the three figures in Chinese numbers, correct by typing and from the summary, one estimate, submit', async () => {
  const start = log.count
  await tapChip('“133”居家养老品牌打造 2020年12月')
  await page.getByText('请填「新建服务网点」').waitFor()
  await send('八个')
  await page.getByText('请填「新建幸福食堂」').waitFor()
  await expectNewestVisible(page)
  // A typed correction at the next question changes 网点, never 食堂.
  await send('不对，是九个')
  await page.getByText('已改：新建服务网点 8个 → 9个').waitFor()
  await expect(lastBot().textContent()).resolves.toContain('请填「新建幸福食堂」')
  await send('两个')
  await page.getByText('请填「培训护理人员」').waitFor()
  await expectNewestVisible(page)
  await send('大概两千人次')
  const card = page.locator('.summary').last()
  await card.waitFor()
  await card.locator('.summary__row', { hasText: '新建服务网点' }).getByText('9个').waitFor()
  await card.locator('.summary__row', { hasText: '培训护理人员' }).getByText('约2000人次').waitFor()
  await expectNewestVisible(page)

  // The third canteen opened after all: change it from the card.
  await card.getByRole('button', { name: '修改新建幸福食堂' }).click()
  log.record('tap 改 新建幸福食堂')
  await lastBot().waitFor()
  await send('三个')
  const corrected = page.locator('.summary').last()
  await corrected.locator('.summary__row', { hasText: '新建幸福食堂' }).getByText('3个').waitFor()
  await expectNewestVisible(page)
  await page.screenshot({ path: join(ARTIFACTS, 'chat-summary.png') })

  await corrected.getByRole('button', { name: '确认提交' }).click()
  log.record('tap 确认提交')
  await page.getByText(/已提交 ✓/).waitFor()
  await expectNewestVisible(page)
  expect(await page.getByText('好的，正在提交…').count()).toBe(1)
  await page.screenshot({ path: join(ARTIFACTS, 'chat.png') })
  const used = log.actions.slice(start)
  console.log(`user actions to submit the three figures (with two corrections): ${used.length}: ${used.join(' | ')}`)
  expect(used).toHaveLength(8)
  // The estimate reached the server with its mark.
  const token = await login(product.server.base, 'u-comm-1')
  const history = await post(product.server.base, 'history', { reportId: 'YL-133~qk-s11-c01-g1~2020-12' }, token)
  expect(history.body.data.report).toMatchObject({ values: { service_points: 9, canteens: 3, trainees: 2000 }, approx: ['trainees'] })
})

test('progress now shows the figures (the grid has no share of the targets, so no rate)', async () => {
  await page.locator('.weui-tabbar__item', { hasText: '进度' }).click()
  const card = page.locator('.gb-indicator:visible', { hasText: '“133”居家养老品牌打造' }).first()
  await card.getByText('2000人次').first().waitFor()
  await card.getByText('9个').first().waitFor()
  await card.getByText(/已报 1\//).first().waitFor()
  await page.screenshot({ path: join(ARTIFACTS, 'progress.png') })
})

test('offline: a quick check-in waits as 待同步, then goes out as 已同步 when the network is back', async () => {
  await page.locator('.weui-tabbar__item', { hasText: '对话' }).click()
  await context.setOffline(true)
  await send('床位 9133')
  await page.getByText(/快速更新：养老床位/).waitFor()
  await expectNewestVisible(page)
  await tapChip('确认提交')
  await page.getByText(/网络恢复后自动上传/).waitFor()
  await expectNewestVisible(page)
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.locator('.outbox__row', { hasText: '养老床位' }).getByText('待同步').waitFor()
  await page.getByText('待同步 1 条').waitFor()
  await context.setOffline(false)
  await page.locator('.outbox__row', { hasText: '养老床位' }).getByText('已同步').waitFor({ timeout: 20000 })
  await page.getByText('待同步 0 条').waitFor()
  await page.screenshot({ path: join(ARTIFACTS, 'me-synced.png') })
})
