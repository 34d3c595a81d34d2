import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser } from '../test/e2e/browser'
import { spawnServer } from '../test/server/process'
import { median, ms, quantile, ratio } from './lib/stats'
import type { Bench } from './lib/types'

const NOW = '2020-12-20T10:00:00+08:00'
const RUNS = 10

const STATIC_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>格报</title></head>
<body><div class="bubble">张晓梅，你好！</div></body></html>`

const contextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }
type State = Awaited<ReturnType<BrowserContext['storageState']>>

/**
 * Cold: a fresh context (no service worker, empty cache) opens the page.
 * Warm: once the service worker controls the origin, the page is opened
 * again in a new tab, so the shell and chunks come from its precache.
 */
async function navigate(browser: Browser, url: string, selector: string, sw: boolean, state?: State) {
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ ...contextOptions, ...(state ? { storageState: state } : {}) })
    await context.clock.setFixedTime(new Date(NOW))
    const page = await context.newPage()
    let t = performance.now()
    await page.goto(url)
    await page.locator(selector).first().waitFor()
    cold.push(performance.now() - t)
    if (sw) await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20000 })
    const again = await context.newPage()
    t = performance.now()
    await again.goto(url)
    await again.locator(selector).first().waitFor()
    warm.push(performance.now() - t)
    if (sw && !(await again.evaluate(() => !!navigator.serviceWorker?.controller))) throw new Error('warm page not controlled by the service worker')
    await context.close()
  }
  return { cold, warm }
}

export const h5OfflineBench: Bench = {
  id: 'h5sw',
  title: 'H5 with the service worker: cold and warm time to the first bot message',
  async run(ctx) {
    const built = join(ctx.root, 'build/h5')
    if (ctx.rebuild || !existsSync(join(built, 'sw.js'))) {
      ctx.log('building H5 (npm run build:h5)')
      execFileSync('npm', ['run', 'build:h5'], { cwd: ctx.root, stdio: 'pipe' })
    }
    const staticDir = join(ctx.tmp, 'h5')
    cpSync(built, staticDir, { recursive: true })
    writeFileSync(join(staticDir, 'static.html'), STATIC_PAGE)
    const dataDir = join(ctx.tmp, 'data')
    mkdirSync(dataDir)
    const server = await spawnServer(dataDir, { STATIC_DIR: staticDir, GEBAO_CLOCK: NOW })
    const browser = await launchBrowser()
    try {
      const first = await browser.browser.newContext(contextOptions)
      await first.clock.setFixedTime(new Date(NOW))
      const page = await first.newPage()
      await page.goto(`${server.base}/#/packages/login/index`)
      await page.locator('.nut-cell', { hasText: '张晓梅' }).click()
      await page.locator('.bubble--bot').first().waitFor()
      const state = await first.storageState()
      await first.close()

      const app = await navigate(browser.browser, `${server.base}/#/pages/chat/index`, '.bubble--bot', true, state)
      const base = await navigate(browser.browser, `${server.base}/static.html`, '.bubble', false)
      ctx.log(`app cold ${ms(median(app.cold))} ms, warm (service worker) ${ms(median(app.warm))} ms; static cold ${ms(median(base.cold))} ms, warm ${ms(median(base.warm))} ms`)
      return {
        table: [
          ['page', 'cold: median (ms)', 'cold: p90 (ms)', 'warm: median (ms)', 'warm: p90 (ms)', 'cold vs static', 'warm vs static'],
          ['格报 chat with the service worker: first bot message', ms(median(app.cold)), ms(quantile(app.cold, 0.9)), ms(median(app.warm)), ms(quantile(app.warm, 0.9)), ratio(median(app.cold), median(base.cold)), ratio(median(app.warm), median(base.warm))],
          ['static page, same server', ms(median(base.cold)), ms(quantile(base.cold, 0.9)), ms(median(base.warm)), ms(quantile(base.warm, 0.9)), '1×', '1×']
        ],
        notes: [
          `Debian chromium (headless, playwright-core) on loopback, phone viewport 390×844, the real server serving build/h5 (with its Workbox sw.js) and a one-line static page beside it. ${RUNS} runs each; time from \`page.goto\` to the first bot bubble (the greeting, which needs \`me\` and \`pending\` from the API) being visible.`,
          'Cold: a new browser context each run (no service worker yet, empty HTTP cache) with the signed-in session restored. Warm: after the service worker controls the page, the same page opened in a new tab: the shell and the bundle come from the precache, only the API goes to the network.',
          'Baseline in the same run: the static page, cold and warm in the same way.'
        ],
        figures: {
          appColdMedianMs: +ms(median(app.cold)),
          appWarmSwMedianMs: +ms(median(app.warm)),
          staticColdMedianMs: +ms(median(base.cold)),
          staticWarmMedianMs: +ms(median(base.warm))
        }
      }
    } finally {
      await browser.close()
      await server.kill('SIGTERM')
    }
  }
}
