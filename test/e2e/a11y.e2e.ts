import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { login, post } from '../server/process'
import { describeViolations, isSevere, runAxe, type Violation } from './a11y/axe'
import { clippedText, LARGE_MIN_TARGET, LARGE_MIN_TEXT, LARGE_TEXT, MIN_TARGET, REFLOW_TEXT, smallMainText, tapTargets, tooSmall, zoomText, type Clipped, type Target } from './a11y/layout'
import { launchBrowser, phone } from './browser'
import { startProduct } from './server'

/**
 * Accessibility of every page of the H5 build, served by the real server
 * and opened in Debian's chromium on a phone-sized screen:
 * - axe-core (all non-experimental rules): no serious or critical violation;
 * - every tappable element at least 44×44 CSS px;
 * - text readable at WeChat's large font (text zoom 1.3, see zoomText):
 *   nothing clipped, nothing off the screen, no sideways scrolling.
 * Run: npm run build:h5 && npx jest -c jest.e2e.config.js test/e2e/a11y.e2e.ts
 * - with 大字 on (the switch on 我的): main text at least 18 px, every
 *   tappable element at least 60×60 px (WeChat's own tab bar aside), axe
 *   clean, and nothing clipped at 1.5× text on top.
 * Findings per page are written to test-artifacts/a11y.json.
 */
const NOW = '2020-12-20T10:00:00+08:00'
const ARTIFACTS = join(__dirname, '../../test-artifacts')
const H5_SRC = join(__dirname, '../../src')

let product: Awaited<ReturnType<typeof startProduct>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
let worker: { context: BrowserContext; page: Page }
let reviewer: { context: BrowserContext; page: Page }
let reportId = ''

interface PageFindings {
  page: string
  severe: Violation[]
  minor: Violation[]
  small: Target[]
  targets: number
  clippedNormal: Clipped[]
  clippedLarge: Clipped[]
}
const findings: PageFindings[] = []

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  product = await startProduct(NOW)
  browser = await launchBrowser()
  // Something for the reviewer to look at: two reports from grids of 王芳's community.
  const base = product.server.base
  const a = await post(base, 'submit', { report: { clientId: 'a11y-000001', indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01-g1', period: '2020-11', values: { service_points: 7, canteens: 2, trainees: 1800 }, narrative: '新建社区嵌入式服务网点7个，幸福食堂2个。' } }, await login(base, 'u-grid-1'))
  await post(base, 'submit', { report: { clientId: 'a11y-000002', indicatorCode: 'YL-BED', orgUnitId: 'qk-s11-c01-g2', period: '2020-Q4', values: { beds: 120, elderly: 3000 } } }, await login(base, 'u-grid-2'))
  reportId = a.body.data.report.id
})

afterAll(async () => {
  if (findings.length) writeFileSync(join(ARTIFACTS, 'a11y.json'), JSON.stringify(findings, null, 2))
  await browser?.close()
  await product?.stop()
})

/** Waits for the page's content, then measures it at normal and at large text. */
async function check(page: Page, name: string): Promise<PageFindings> {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300) // Taro's web components upgrade after load
  const violations = await runAxe(page)
  const targets = await tapTargets(page)
  const clippedNormal = await clippedText(page)
  await page.screenshot({ path: join(ARTIFACTS, `a11y-${name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true })
  await zoomText(page, LARGE_TEXT)
  await page.waitForTimeout(100)
  const clippedLarge = await clippedText(page)
  await page.screenshot({ path: join(ARTIFACTS, `a11y-${name.replace(/[^a-z0-9]+/gi, '-')}-large.png`), fullPage: true })
  const f: PageFindings = {
    page: name,
    severe: violations.filter(isSevere),
    minor: violations.filter((v) => !isSevere(v)),
    small: targets.filter(tooSmall),
    targets: targets.length,
    clippedNormal,
    clippedLarge
  }
  findings.push(f)
  return f
}

function findingsOf(f: PageFindings): string[] {
  return [
    ...f.severe.flatMap((v) => v.nodes.map((n) => `axe ${v.id} ${n.target} — [${v.impact}] ${v.help}: ${n.summary.replace(/\s+/g, ' ')}`)),
    ...f.small.map((t) => `target ${t.what} "${t.text}" is ${t.width}×${t.height}px (< ${MIN_TARGET})`),
    ...f.clippedLarge.map((c) => `clip ${c.what} "${c.text}" at ${LARGE_TEXT}× text: ${c.how}`)
  ]
}

function expectClean(f: PageFindings) {
  // Every serious or critical axe finding, small target and clipped text
  // fails the page: there is no list of accepted ones.
  const open = findingsOf(f).map((line) => `${f.page}: ${line}`)
  if (f.minor.length) console.log(`${f.page}: minor/moderate axe findings (not failing):\n${describeViolations(f.page, f.minor)}`)
  expect(open.join('\n')).toBe('')
  expect(f.targets).toBeGreaterThan(0)
}

/** Opens a route of the H5 app (hash router) in a fresh tab of the context. */
async function open(ctx: { context: BrowserContext; page: Page }, route: string): Promise<Page> {
  await ctx.page.close()
  ctx.page = await ctx.context.newPage()
  await ctx.page.goto(`${product.server.base}/#${route}`)
  return ctx.page
}

const contextFor = async (b: Browser) => phone(b, NOW)

async function signIn(ctx: { context: BrowserContext; page: Page }, name: string) {
  const page = await open(ctx, '/packages/login/index')
  await page.locator('.gb-cell', { hasText: name }).click()
  await page.locator('.weui-tabbar__item').first().waitFor()
}

test('login: the demo people and the invite code', async () => {
  const anon = await contextFor(browser.browser)
  await anon.page.goto(`${product.server.base}/#/packages/login/index`)
  await anon.page.locator('.gb-cell', { hasText: '张晓梅' }).waitFor()
  const f = await check(anon.page, 'login')
  await anon.context.close()
  expectClean(f)
})

describe('as a grid worker', () => {
  beforeAll(async () => {
    worker = await contextFor(browser.browser)
    await signIn(worker, '张晓梅')
  })
  afterAll(async () => {
    await worker?.context.close()
  })

  test('chat: the greeting, quick replies, and a summary card to confirm', async () => {
    const page = await open(worker, '/pages/chat/index')
    await page.getByText(/张晓梅，你好！/).waitFor()
    await page.locator('.quick-replies__chip', { hasText: '“133”居家养老品牌打造 2020年12月' }).first().click()
    try {
      for (const [ask, say] of [
        ['请填「新建服务网点」', '八个'],
        ['请填「新建幸福食堂」', '两个'],
        ['请填「培训护理人员」', '两千人次']
      ]) {
        await page.getByText(ask).waitFor()
        await page.locator('.input-bar__field input:not([disabled])').fill(say)
        // Send once the field's value has reached the component (the button stops being idle).
        await page.locator('.input-bar__button:not(.input-bar__button--idle)', { hasText: '发送' }).click()
        await page.locator('.bubble--user', { hasText: say }).last().waitFor()
      }
      await page.locator('.summary').last().waitFor()
    } catch (e) {
      await page.screenshot({ path: join(ARTIFACTS, 'a11y-chat-failed.png') })
      throw e
    }
    expectClean(await check(page, 'chat'))
  })

  test('inbox', async () => {
    const page = await open(worker, '/pages/inbox/index')
    await page.getByText(/12月|第四季度/).first().waitFor()
    expectClean(await check(page, 'inbox (grid worker)'))
  })

  test('progress', async () => {
    const page = await open(worker, '/pages/progress/index')
    await page.locator('.gb-indicator').first().waitFor()
    expectClean(await check(page, 'progress (grid worker)'))
  })

  test('me', async () => {
    const page = await open(worker, '/pages/me/index')
    await page.getByText('张晓梅').first().waitFor()
    expectClean(await check(page, 'me (grid worker)'))
  })
})

describe('as a community reviewer', () => {
  const hasReview = existsSync(join(H5_SRC, 'packages/review/index.tsx'))

  beforeAll(async () => {
    reviewer = await contextFor(browser.browser)
    await signIn(reviewer, '王芳')
  })
  afterAll(async () => {
    await reviewer?.context.close()
  })

  test('inbox: reports to review', async () => {
    const page = await open(reviewer, '/pages/inbox/index')
    await page.waitForLoadState('networkidle')
    expectClean(await check(page, 'inbox (reviewer)'))
  })

  test('progress: the community and its grids', async () => {
    const page = await open(reviewer, '/pages/progress/index')
    await page.locator('.gb-indicator').first().waitFor()
    expectClean(await check(page, 'progress (reviewer)'))
  })

  ;(hasReview ? test : test.skip)('review list', async () => {
    const page = await open(reviewer, '/packages/review/index')
    await page.locator('.gb-review-row').first().waitFor()
    expectClean(await check(page, 'review list'))
  })

  ;(hasReview ? test : test.skip)('review detail', async () => {
    const page = await open(reviewer, `/packages/review/detail?id=${encodeURIComponent(reportId)}`)
    await page.locator('.gb-review-detail__card').first().waitFor()
    expectClean(await check(page, 'review detail'))
  })

  ;(hasReview && existsSync(join(H5_SRC, 'packages/review/export.tsx')) ? test : test.skip)('自查表 export', async () => {
    const page = await open(reviewer, '/packages/review/export')
    await page.locator('.gb-export__label').first().waitFor()
    expectClean(await check(page, 'export'))
  })
})


/** The tab bar is WeChat's own on the phone: its size is not the app's to set. */
const ownTargets = (ts: Target[]) => ts.filter((t) => !t.what.includes('weui-tabbar__item'))

/** Large-text measures of the page as it is: axe, own targets ≥ 60 px, main text ≥ 18 px, nothing clipped at 1.5× text. */
async function checkLarge(page: Page, name: string) {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(375)
  expect(await page.locator('.gb-large').count()).toBeGreaterThan(0)
  const severe = (await runAxe(page)).filter(isSevere)
  const targets = ownTargets(await tapTargets(page))
  const small = targets.filter((t) => t.width < LARGE_MIN_TARGET - 0.5 || t.height < LARGE_MIN_TARGET - 0.5)
  const text = await smallMainText(page)
  await page.screenshot({ path: join(ARTIFACTS, `a11y-large-${name}.png`), fullPage: true })
  await zoomText(page, REFLOW_TEXT)
  await page.waitForTimeout(100)
  const clipped = await clippedText(page)
  const open = [
    ...severe.flatMap((v) => v.nodes.map((n) => `axe ${v.id} ${n.target} — ${v.help}`)),
    ...small.map((t) => `target ${t.what} "${t.text}" is ${t.width}×${t.height}px (< ${LARGE_MIN_TARGET})`),
    ...text.map((t) => `text ${t.what} "${t.text}" is ${t.px}px (< ${LARGE_MIN_TEXT})`),
    ...clipped.map((c) => `clip ${c.what} "${c.text}" at ${REFLOW_TEXT}× text: ${c.how}`)
  ].map((l) => `${name} (大字): ${l}`)
  expect(open.join('\n')).toBe('')
  expect(targets.length).toBeGreaterThan(0)
}

describe('at large text (大字 switched on in 我的), 375 px wide', () => {
  let big: { context: BrowserContext; page: Page }

  beforeAll(async () => {
    // 375 px: the width the 18 px / 60 px minimums are stated for.
    big = await phone(browser.browser, NOW, 375)
    await signIn(big, '张晓梅')
    const page = await open(big, '/pages/me/index')
    await page.getByText('大字：未开启').waitFor()
    await page.locator('.gb-action', { hasText: '开启大字' }).click()
    await page.getByText('大字：已开启').waitFor()
  })
  afterAll(async () => {
    await big?.context.close()
  })

  test('chat with a summary card', async () => {
    const page = await open(big, '/pages/chat/index')
    await page.getByText(/张晓梅，你好！/).waitFor()
    await page.locator('.quick-replies__chip', { hasText: '养老床位' }).first().click()
    await page.getByText('请填「').first().waitFor()
    expect(await page.locator('.gb-large').count()).toBeGreaterThan(0)
    await checkLarge(page, 'chat')
  })

  test('inbox', async () => {
    const page = await open(big, '/pages/inbox/index')
    await page.getByText(/12月|第四季度/).first().waitFor()
    await checkLarge(page, 'inbox')
  })

  test('progress', async () => {
    const page = await open(big, '/pages/progress/index')
    await page.locator('.gb-indicator').first().waitFor()
    await checkLarge(page, 'progress')
  })

  test('me', async () => {
    const page = await open(big, '/pages/me/index')
    await page.getByText('大字：已开启').waitFor()
    await checkLarge(page, 'me')
  })
})

/**
 * The reviewer's pages and the sign-in page at large text, 375 px wide (the
 * same measures as above: main text ≥ 18 px, own touch targets ≥ 60 px,
 * nothing clipped at 1.5× text).
 */
describe('at large text: login, review and export, 375 px wide', () => {
  let big: { context: BrowserContext; page: Page }

  beforeAll(async () => {
    big = await phone(browser.browser, NOW, 375)
    await signIn(big, '王芳')
    const page = await open(big, '/pages/me/index')
    await page.getByText('大字：未开启').waitFor()
    await page.locator('.gb-action', { hasText: '开启大字' }).click()
    await page.getByText('大字：已开启').waitFor()
  })
  afterAll(async () => {
    await big?.context.close()
  })

  test('login', async () => {
    const page = await open(big, '/packages/login/index')
    await page.locator('.gb-cell', { hasText: '张晓梅' }).waitFor()
    await checkLarge(page, 'login')
  })

  test('review list', async () => {
    const page = await open(big, '/packages/review/index')
    await page.locator('.gb-review-row').first().waitFor()
    await checkLarge(page, 'review-list')
  })

  test('review detail', async () => {
    const page = await open(big, `/packages/review/detail?id=${encodeURIComponent(reportId)}`)
    await page.locator('.gb-review-detail__card').first().waitFor()
    await checkLarge(page, 'review-detail')
  })

  test('自查表 export', async () => {
    const page = await open(big, '/packages/review/export')
    await page.locator('.gb-export__label').first().waitFor()
    await checkLarge(page, 'export')
  })
})
