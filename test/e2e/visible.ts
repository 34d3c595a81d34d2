import type { Page } from 'playwright-core'

/**
 * The newest message of the chat (its last line: a bot bubble, or the
 * summary card) is inside the viewport, above the quick-reply chips and the
 * input bar. Waits a little for the scroll to settle, then fails with where
 * the line was.
 */
export async function expectNewestVisible(page: Page, timeout = 3000): Promise<void> {
  const where = () =>
    page.evaluate(() => {
      const list = document.querySelector('.chat__list')
      const lines = document.querySelectorAll('.chat__line')
      const last = lines[lines.length - 1]
      if (!list || !last) return { ok: false, why: 'no chat lines' }
      const l = last.getBoundingClientRect()
      const box = list.getBoundingClientRect()
      const chips = document.querySelector('.quick-replies')?.getBoundingClientRect()
      const floor = Math.min(box.bottom, chips && chips.height > 0 ? chips.top : Infinity, window.innerHeight)
      // A line taller than the list cannot fit: then its bottom must show.
      const ok = l.bottom <= floor + 1 && (l.top >= box.top - 1 || l.height > floor - box.top)
      return { ok, why: `last line ${Math.round(l.top)}–${Math.round(l.bottom)}, visible ${Math.round(box.top)}–${Math.round(floor)}` }
    })
  const end = Date.now() + timeout
  let last = await where()
  while (!last.ok && Date.now() < end) {
    await page.waitForTimeout(100)
    last = await where()
  }
  if (!last.ok) throw new Error(`the newest message is not fully visible: ${last.why}`)
}
