import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { launchBrowser } from '../test/e2e/browser'
import { spawnServer } from '../test/server/process'
import { kb, median, ms, quantile, ratio } from './lib/stats'
import type { Bench } from './lib/types'

const NOW = '2020-12-20T10:00:00+08:00'
const RUNS = 10

/** The baseline: a static page from the same server, as small as a page gets. */
const STATIC_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>格报</title></head>
<body><div class="bubble">张晓梅，你好！</div></body></html>`

function bytesOf(dir: string, ext: RegExp): { raw: number; gzip: number } {
  let raw = 0
  let gzip = 0
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (ext.test(name)) {
        const buf = readFileSync(p)
        raw += buf.length
        gzip += gzipSync(buf).length
      }
    }
  }
  walk(dir)
  return { raw, gzip }
}

const contextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }

/** Milliseconds from navigation start to `selector` visible, in a fresh context (cold HTTP cache) each run, then once more warm. */
async function navigate(browser: Browser, url: string, selector: string, storageState?: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>) {
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ ...contextOptions, ...(storageState ? { storageState } : {}) })
    await context.clock.setFixedTime(new Date(NOW))
    const page = await context.newPage()
    let t = performance.now()
    await page.goto(url)
    await page.locator(selector).first().waitFor()
    cold.push(performance.now() - t)
    // The same page opened again with the cache warm (a new tab, as reopening the app).
    const again = await context.newPage()
    t = performance.now()
    await again.goto(url)
    await again.locator(selector).first().waitFor()
    warm.push(performance.now() - t)
    await context.close()
  }
  return { cold, warm }
}

export const h5Bench: Bench = {
  id: 'h5',
  title: 'H5: navigation to the first bot message',
  async run(ctx) {
    const built = join(ctx.root, 'build/h5')
    let rebuilt = false
    if (ctx.rebuild || !existsSync(join(built, 'index.html'))) {
      ctx.log('building H5 (npm run build:h5)')
      execFileSync('npm', ['run', 'build:h5'], { cwd: ctx.root, stdio: 'pipe' })
      rebuilt = true
    }
    // Serve a copy with the baseline page beside the app.
    const staticDir = join(ctx.tmp, 'h5')
    cpSync(built, staticDir, { recursive: true })
    writeFileSync(join(staticDir, 'static.html'), STATIC_PAGE)
    const dataDir = join(ctx.tmp, 'data')
    mkdirSync(dataDir)
    const server = await spawnServer(dataDir, { STATIC_DIR: staticDir, GEBAO_CLOCK: NOW })
    const browser = await launchBrowser()
    try {
      // Sign in once as a grid worker; each run starts from that session.
      const first = await browser.browser.newContext(contextOptions)
      await first.clock.setFixedTime(new Date(NOW))
      const page = await first.newPage()
      await page.goto(`${server.base}/#/packages/login/index`)
      await page.locator('.nut-cell', { hasText: '张晓梅' }).click()
      await page.locator('.bubble--bot').first().waitFor()
      const state = await first.storageState()
      await first.close()

      const app = await navigate(browser.browser, `${server.base}/#/pages/chat/index`, '.bubble--bot', state)
      const base = await navigate(browser.browser, `${server.base}/static.html`, '.bubble')
      const js = bytesOf(built, /\.js$/)
      const css = bytesOf(built, /\.css$/)
      ctx.log(`app cold median ${ms(median(app.cold))} ms, static ${ms(median(base.cold))} ms`)
      return {
        table: [
          ['page', 'cold: median (ms)', 'cold: p90 (ms)', 'warm: median (ms)', 'warm: p90 (ms)', 'cold vs static'],
          ['格报 chat, signed in: first bot message', ms(median(app.cold)), ms(quantile(app.cold, 0.9)), ms(median(app.warm)), ms(quantile(app.warm, 0.9)), ratio(median(app.cold), median(base.cold))],
          ['static page, same server', ms(median(base.cold)), ms(quantile(base.cold, 0.9)), ms(median(base.warm)), ms(quantile(base.warm, 0.9)), '1×']
        ],
        notes: [
          `Debian chromium (headless, playwright-core) on loopback, phone viewport 390×844; the real server (\`npm start\`'s, in its own process) serving build/h5${rebuilt ? ' (built by this run)' : ' as found'} and, beside it, a one-line static HTML page. ${RUNS} runs each; time from \`page.goto\` to the first bot bubble (the greeting, which needs \`me\` and \`pending\` from the API) being visible.`,
          'Cold: a new browser context each run (empty HTTP cache) with the signed-in session restored; warm: the same page opened again in that context.',
          `What the app loads: JS ${kb(js.raw)} KB (${kb(js.gzip)} KB gzipped), CSS ${kb(css.raw)} KB (${kb(css.gzip)} KB gzipped); the server does not compress (loopback makes that moot here, a weak mobile link would not).`
        ],
        figures: {
          appColdMedianMs: +ms(median(app.cold)),
          appWarmMedianMs: +ms(median(app.warm)),
          staticColdMedianMs: +ms(median(base.cold)),
          staticWarmMedianMs: +ms(median(base.warm)),
          jsKB: +kb(js.raw),
          jsGzipKB: +kb(js.gzip)
        }
      }
    } finally {
      await browser.close()
      await server.kill('SIGTERM')
    }
  }
}
