import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../test/e2e/browser'
import { spawnServer } from '../test/server/process'
import { kb } from './lib/stats'
import type { Bench } from './lib/types'

const NOW = '2020-12-20T10:00:00+08:00'

/** Every .js file of the build, by path relative to it. */
function jsFiles(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) jsFiles(p, base, out)
    else if (name.endsWith('.js')) out.set(p.slice(base.length).replace(/\\/g, '/'), readFileSync(p))
  }
  return out
}

/** The JS files a page fetched (same-origin paths), until `selector` is visible and the network is idle. */
async function jsFetched(page: Page, url: string, selector: string): Promise<Set<string>> {
  const seen = new Set<string>()
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (u.pathname.endsWith('.js')) seen.add(u.pathname)
  })
  await page.goto(url)
  await page.locator(selector).first().waitFor()
  await page.waitForLoadState('networkidle')
  return seen
}

async function signedIn(browser: Browser, base: string, who: string, width: number): Promise<BrowserContext> {
  // No service worker: it precaches every chunk after load, which is not what the page itself needs.
  const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' })
  await context.clock.setFixedTime(new Date(NOW))
  const page = await context.newPage()
  await page.goto(`${base}/#/packages/login/index`)
  await page.locator('.nut-cell', { hasText: who }).click()
  await page.waitForURL(/pages\/chat/)
  await page.close()
  return context
}

/**
 * The chat page's first load: which JS files a signed-in grid worker's
 * browser fetches to show the chat's first bot message, against every JS
 * file the build emitted (the same-run baseline: with one bundle, as before
 * issue 13, a first visit loaded all the app's JS). And what opening
 * the org page adds for an admin: its chunk, never part of the chat's load.
 */
export const h5FirstBench: Bench = {
  id: 'h5first',
  title: 'H5: JS the chat page loads first, and what the admin pages add',
  async run(ctx) {
    const built = join(ctx.root, 'build/h5')
    if (ctx.rebuild || !existsSync(join(built, 'index.html'))) {
      ctx.log('building H5 (npm run build:h5)')
      execFileSync('npm', ['run', 'build:h5'], { cwd: ctx.root, stdio: 'pipe' })
    }
    const files = jsFiles(built)
    const size = (paths: Iterable<string>) => {
      let raw = 0
      let gzip = 0
      for (const p of paths) {
        const b = files.get(p)
        if (!b) continue
        raw += b.length
        gzip += gzipSync(b).length
      }
      return { raw, gzip }
    }
    const dataDir = join(ctx.tmp, 'data')
    mkdirSync(dataDir)
    const server = await spawnServer(dataDir, { STATIC_DIR: built, GEBAO_CLOCK: NOW })
    const browser = await launchBrowser()
    try {
      const worker = await signedIn(browser.browser, server.base, '张晓梅', 390)
      const chat = await jsFetched(await worker.newPage(), `${server.base}/#/pages/chat/index`, '.bubble--bot')
      await worker.close()
      const admin = await signedIn(browser.browser, server.base, '田莉莉', 1280)
      const page = await admin.newPage()
      await jsFetched(page, `${server.base}/#/pages/chat/index`, '.bubble--bot')
      const before = new Set<string>()
      page.on('request', (r) => {
        const u = new URL(r.url())
        if (u.pathname.endsWith('.js')) before.add(u.pathname)
      })
      await page.goto(`${server.base}/#/packages/org/index`)
      await page.getByRole('list', { name: '组织架构' }).waitFor()
      await page.waitForLoadState('networkidle')
      await admin.close()
      const chatSize = size(chat)
      const all = size(files.keys())
      const orgAdded = size([...before].filter((p) => !chat.has(p)))
      const missing = [...chat].filter((p) => !files.has(p))
      if (missing.length) throw new Error(`fetched JS not in the build: ${missing.join(', ')}`)
      ctx.log(`chat first load ${kb(chatSize.raw)} KB of ${kb(all.raw)} KB`)
      return {
        table: [
          ['what', 'JS files', 'KB', 'KB gzipped'],
          ['chat page, first load (grid worker)', String(chat.size), kb(chatSize.raw), kb(chatSize.gzip)],
          ['every JS file of this build (modules shared by page chunks counted in each)', String(files.size), kb(all.raw), kb(all.gzip)],
          ['opening 组织架构 after the chat adds (admin, 1280 wide)', String([...before].filter((p) => !chat.has(p)).length), kb(orgAdded.raw), kb(orgAdded.gzip)]
        ],
        notes: [
          'Debian chromium (headless, playwright-core), the real server serving build/h5, service workers blocked (the worker precaches every chunk after load, which the page does not wait for). JS = every same-origin .js request until the first bot message shows and the network is idle; sizes are the built files.',
          'Before issue 13 the H5 build was one bundle (LimitChunkCountPlugin maxChunks 1): every first visit loaded all of it (783.5 KB in the `h5` bench of 2026-11-28, a different run). Now the chat loads the entry and its own page chunk only; the admin and review pages are chunks of their own (the third row: the org page).'
        ],
        figures: { chatFirstJsKB: +kb(chatSize.raw), chatFirstJsGzipKB: +kb(chatSize.gzip), allJsKB: +kb(all.raw), allJsGzipKB: +kb(all.gzip), orgAddsJsKB: +kb(orgAdded.raw) }
      }
    } finally {
      await browser.close()
      await server.kill('SIGTERM')
    }
  }
}
