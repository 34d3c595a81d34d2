import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/**
 * Debian's chromium driven by playwright-core (no browser download: the
 * package manager installs /usr/bin/chromium). The flags keep it from
 * reaching for the network this machine does not have.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  return {
    browser,
    async close() {
      // playwright launches with a fresh temporary profile and removes it.
      await browser.close()
    }
  }
}

/** A phone-sized page with the clock fixed at the server's demo time. */
export async function phone(browser: Browser, at: string, width = 390): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  await context.clock.setFixedTime(new Date(at))
  const page = await context.newPage()
  return { context, page }
}

/** Counts what a person does: taps and sent messages. */
export class ActionLog {
  readonly actions: string[] = []
  record(what: string) {
    this.actions.push(what)
  }
  get count() {
    return this.actions.length
  }
}
