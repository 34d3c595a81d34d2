import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from './browser'
import { H5_DIR } from './server'
import { login, post, spawnServer, type ServerProcess } from '../server/process'
import { expectNewestVisible } from './visible'

/**
 * Evidence through the offline queue, as a grid worker in a basement:
 * a photo picked through the browser's file chooser (and, for a second
 * worker, a PDF) is bound to one figure, the report is confirmed while the
 * server is down, the page is reloaded (the service worker opens the app,
 * the report is there), the server comes back and the report syncs once,
 * and the community reviewer sees the file beside its figure.
 *
 * "Offline" is the server stopped: Playwright's setOffline does not block
 * a service worker's fetches in Chromium.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ITEM = '“133”居家养老品牌打造 2020年12月'

let dataDir: string
let files: string
let server: ServerProcess | null = null
let port = 0
let browser: Awaited<ReturnType<typeof launchBrowser>>

async function startServer() {
  server = await spawnServer(dataDir, { STATIC_DIR: H5_DIR, GEBAO_CLOCK: NOW, PORT: String(port) })
  port = Number(new URL(server.base).port)
}
async function stopServer() {
  await server?.kill('SIGTERM')
  server = null
}
const base = () => `http://127.0.0.1:${port}`

/**
 * A phone whose clock starts at the demo time and runs on: the queue's
 * backoff needs time to pass (a fixed clock would keep every retry due in
 * the future).
 */
async function phone(b: import('playwright-core').Browser, at: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await b.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  await context.clock.install({ time: new Date(at) })
  return { context, page: await context.newPage() }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gebao-evidence-'))
  files = mkdtempSync(join(tmpdir(), 'gebao-picked-'))
  await startServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await stopServer()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(files, { recursive: true, force: true })
})

async function signIn(page: Page, name: string) {
  await page.goto(base())
  await page.locator('.gb-cell', { hasText: name }).click()
  await page.getByText(new RegExp(`${name}，你好`)).waitFor()
  // The service worker has taken over this page: a reload works offline.
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20000 })
}

const send = async (page: Page, text: string) => {
  await page.locator('.input-bar__field input').fill(text)
  await page.getByRole('button', { name: '发送' }).click()
}

const uploads = () => readdirSync(join(dataDir, 'uploads'))

/** The worker's part, from the open item to 待同步 after a reload with the server down. */
async function reportOffline(page: Page, attach: (page: Page) => Promise<void>) {
  await page.locator('.quick-replies__chip', { hasText: ITEM }).click()
  await page.getByText('请填「新建服务网点」').waitFor()
  await expectNewestVisible(page)
  await send(page, '网点2个，食堂1个，培训300人次')
  const card = page.locator('.summary').last()
  await card.locator('.summary__row', { hasText: '培训护理人员' }).getByText('300人次').waitFor()
  await expectNewestVisible(page)

  // 1. The server is unreachable from here on.
  await stopServer()
  await attach(page)
  await expectNewestVisible(page)
  await page.locator('.summary').last().getByRole('button', { name: '确认提交' }).click()
  await page.getByText(/网络恢复后自动上传/).waitFor()
  await expectNewestVisible(page)

  // 2. Reload: the service worker opens the app, the report is there.
  await page.reload()
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.locator('.outbox__row', { hasText: '“133”居家养老品牌打造' }).getByText('待同步').waitFor()
  await page.getByText('待同步 1 条').waitFor()
}

/** 3. The server is back: the timer flush sends the file and the report, once. */
async function comesBack(page: Page, worker: string, before: number) {
  await startServer()
  await page.locator('.outbox__row', { hasText: '“133”居家养老品牌打造' }).getByText('已同步').waitFor({ timeout: 60000 })
  await page.getByText('待同步 0 条').waitFor()
  expect(uploads()).toHaveLength(before + 1)
  const token = await login(base(), worker)
  const unit = worker === 'u-grid-1' ? 'qk-s11-c01-g1' : 'qk-s11-c01-g2'
  const history = await post(base(), 'history', { reportId: `YL-133~${unit}~2020-12` }, token)
  expect(history.body.data.report.version).toBe(1)
  return history.body.data.report.evidence as { id: string; name: string; kind: string; field?: string }[]
}

/** 4. The community reviewer sees the file beside its figure. */
async function reviewerSees(unitName: string, figure: string): Promise<Page> {
  const { page } = await phone(browser.browser, NOW)
  await page.goto(base())
  await page.locator('.gb-cell', { hasText: '王芳' }).click()
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.locator('.gb-cell', { hasText: '审核填报' }).click()
  await page.locator('.gb-review-row', { hasText: unitName }).first().click()
  await page.locator('.gb-review-detail__title', { hasText: '“133”居家养老品牌打造' }).waitFor()
  const row = page.locator('.gb-figures__row', { hasText: figure })
  await row.locator('.gb-review-detail__attached').waitFor()
  return page
}

test('a photo picked through the file chooser, bound to one figure, survives the server being down and a reload, and reaches the reviewer beside its figure', async () => {
  const { context, page } = await phone(browser.browser, NOW)
  await signIn(page, '张晓梅')
  // A real image: a screenshot of the page itself, as a camera would save a PNG.
  const photo = join(files, '网点门牌.png')
  writeFileSync(photo, await page.screenshot())

  await reportOffline(page, async (p) => {
    const chooser = p.waitForEvent('filechooser')
    await p.getByRole('button', { name: '给新建服务网点加照片' }).click()
    await (await chooser).setFiles(photo)
    await p.locator('.summary').last().locator('.summary__item', { hasText: '新建服务网点' }).locator('img, .summary__photo').first().waitFor()
  })
  const evidence = await comesBack(page, 'u-grid-1', 0)
  expect(evidence).toEqual([expect.objectContaining({ kind: 'image', field: 'service_points' })])

  const reviewer = await reviewerSees('第1网格', '新建服务网点')
  const img = reviewer.locator('.gb-figures__row', { hasText: '新建服务网点' }).locator('.gb-review-detail__attached img').first()
  await img.waitFor()
  await reviewer.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle())
  await context.close()
  await reviewer.context().close()
}, 240000)

test('the same path for a document: a PDF asked for in the chat ("给培训护理人员加个签到表")', async () => {
  const { context, page } = await phone(browser.browser, NOW)
  await signIn(page, '刘洋')
  const pdf = join(files, '培训签到表.pdf')
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

  await reportOffline(page, async (p) => {
    await send(p, '给培训护理人员加个签到表')
    await p.locator('.quick-replies__chip', { hasText: '选文件' }).waitFor()
    await expectNewestVisible(p)
    const chooser = p.waitForEvent('filechooser')
    await p.locator('.quick-replies__chip', { hasText: '选文件' }).click()
    await (await chooser).setFiles(pdf)
    await p.locator('.summary').last().locator('.summary__item', { hasText: '培训护理人员' }).getByText('培训签到表.pdf').waitFor()
  })
  const evidence = await comesBack(page, 'u-grid-2', 1)
  expect(evidence).toEqual([expect.objectContaining({ kind: 'file', name: '培训签到表.pdf', field: 'trainees' })])

  const reviewer = await reviewerSees('第2网格', '培训护理人员')
  await reviewer.locator('.gb-figures__row', { hasText: '培训护理人员' }).getByText('培训签到表.pdf').waitFor()
  await context.close()
  await reviewer.context().close()
}, 240000)

test('two people on one phone: logging out with an unsynced report warns and keeps it; the next person sees none of it and their own badge; it goes out when its owner signs in again', async () => {
  // The service worker stays out of this one: failing one API route is enough offline here.
  const context = await browser.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', serviceWorkers: 'block' })
  await context.clock.install({ time: new Date(NOW) })
  const page = await context.newPage()
  const login = async (name: string) => {
    await page.locator('.gb-cell', { hasText: name }).click()
    await page.getByText(new RegExp(`${name}，你好`)).waitFor()
  }
  const logout = async () => {
    await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
    await page.getByText('退出登录').click()
  }
  await page.route('**/api/sync', (route) => route.abort())
  await page.goto(base())
  await login('张晓梅')
  await send(page, '床位 9133')
  await page.locator('.quick-replies__chip', { hasText: '确认提交' }).click()
  await page.getByText(/网络恢复后自动上传/).waitFor()
  await expectNewestVisible(page)

  await logout()
  await page.getByText('你还有 1 份填报没发出').waitFor()
  await page.locator('.taro-modal__foot div', { hasText: '退出' }).click()
  await login('刘洋')
  const liu = await post(base(), 'pending', {}, await loginToken('u-grid-2'))
  const badge = page.locator('.weui-tabbar__item', { hasText: '待办' }).locator('.weui-badge')
  expect(liu.body.data.actionable).toBeGreaterThan(0)
  await badge.filter({ hasText: new RegExp(`^${liu.body.data.actionable}$`) }).waitFor()
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.getByText('待同步 0 条').waitFor()
  expect(await page.locator('.outbox__row', { hasText: '养老床位' }).count()).toBe(0)

  await page.unroute('**/api/sync')
  await logout() // nothing unsynced: no warning
  await login('张晓梅')
  await page.locator('.weui-tabbar__item', { hasText: '我的' }).click()
  await page.locator('.outbox__row', { hasText: '养老床位' }).getByText('已同步').waitFor({ timeout: 30000 })
  const history = await post(base(), 'history', { reportId: 'YL-BED~qk-s11-c01-g1~2020-Q4' }, await loginToken('u-grid-1'))
  expect(history.body.data.report).toMatchObject({ submittedBy: 'u-grid-1', values: { beds: 9133 } })
  await context.close()
}, 120000)

const loginToken = (personId: string) => login(base(), personId)
