import type { Page } from 'playwright-core'

/** Apple's and WeChat's minimum for something a thumb must hit (CSS px). */
export const MIN_TARGET = 44

/**
 * What a person can tap: native controls, ARIA widgets, and the classes
 * Taro and NutUI render tappable things with (tab bar items, clickable
 * cells, NutUI buttons). Our own tappable Views carry role="button".
 */
export const TAPPABLE = [
  'button',
  'a[href]',
  'input:not([type=hidden])',
  'select',
  'textarea',
  '[role=button]',
  '[role=link]',
  '[role=tab]',
  '[role=checkbox]',
  '[role=radio]',
  '[role=switch]',
  '[role=menuitem]',
  '[role=option]',
  '.weui-tabbar__item',
  '.gb-cell--clickable',
  '.nut-button',
  'taro-button-core'
].join(', ')

export interface Target {
  what: string
  text: string
  width: number
  height: number
}

/**
 * Every visible tappable element with its box. An element inside another
 * tappable element counts through the outer one (a NutUI button's inner
 * <button> is the button). A native input counts through its nearest
 * wrapper that takes the tap (Taro's <taro-input-core>, NutUI's .nut-input).
 */
export async function tapTargets(page: Page): Promise<Target[]> {
  return page.evaluate(
    ({ selector }) => {
      const all = Array.from(document.querySelectorAll<HTMLElement>(selector))
      const visible = (el: HTMLElement) => {
        const r = el.getBoundingClientRect()
        const st = getComputedStyle(el)
        return r.width > 0 && r.height > 0 && st.visibility !== 'hidden' && st.display !== 'none' && Number(st.opacity) > 0
      }
      const describe = (el: HTMLElement) => {
        const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''
        const role = el.getAttribute('role')
        return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${role ? `[role=${role}]` : ''}`
      }
      const out: { what: string; text: string; width: number; height: number }[] = []
      for (const el of all) {
        if (!visible(el)) continue
        // Counted through an enclosing tappable element.
        if (el.parentElement?.closest(selector)) continue
        let box: HTMLElement = el
        if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') box = ((el.closest('.nut-input, .nut-textarea') ?? el.closest('taro-input-core, taro-textarea-core')) as HTMLElement | null) ?? el
        const r = box.getBoundingClientRect()
        out.push({ what: describe(el), text: (el.innerText || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 30), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 })
      }
      return out
    },
    { selector: TAPPABLE }
  )
}

export const tooSmall = (t: Target) => t.width < MIN_TARGET - 0.5 || t.height < MIN_TARGET - 0.5

/** The text scale of WeChat's 大字体 at its common "large" step. */
export const LARGE_TEXT = 1.3

/**
 * Text zoom as an Android WebView's setTextZoom(130) does it, which is how
 * WeChat's 字体大小 setting reaches web content: every font size × 1.3,
 * while widths, paddings and the viewport stay as they are (not a page
 * zoom, which would scale the layout too and hide nothing). Computed sizes
 * are read for all elements first and then written as px, so text sized in
 * em or % is not scaled twice.
 */
export async function zoomText(page: Page, factor = LARGE_TEXT): Promise<void> {
  await page.evaluate((f) => {
    const els = Array.from(document.querySelectorAll<HTMLElement>('body *'))
    const sizes = els.map((el) => parseFloat(getComputedStyle(el).fontSize))
    els.forEach((el, i) => {
      if (sizes[i] > 0) el.style.setProperty('font-size', `${(sizes[i] * f).toFixed(2)}px`, 'important')
    })
    // Elements rendered later (a new message) get the same zoom.
    ;(window as unknown as { __textZoom?: number }).__textZoom = f
  }, factor)
}

export interface Clipped {
  what: string
  text: string
  how: string
}

/**
 * Text a person cannot read in full: an element with its own text whose
 * content is wider or taller than its box while overflow hides the rest
 * (including ellipsis and line clamps), or that runs past the right edge
 * of the screen; and a page that scrolls sideways.
 */
export async function clippedText(page: Page): Promise<Clipped[]> {
  return page.evaluate(() => {
    const out: { what: string; text: string; how: string }[] = []
    const vw = document.documentElement.clientWidth
    const describe = (el: HTMLElement) => {
      const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : ''
      return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`
    }
    const ownText = (el: HTMLElement) =>
      Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim()
    const clips = (v: string) => v === 'hidden' || v === 'clip'
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const text = ownText(el)
      if (!text) continue
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      const st = getComputedStyle(el)
      if (st.visibility === 'hidden') continue
      // The element or an ancestor within two levels may be the clipping box.
      let box: HTMLElement | null = el
      for (let depth = 0; box && depth < 3; depth++, box = box.parentElement) {
        const bs = getComputedStyle(box)
        const wider = box.scrollWidth > box.clientWidth + 1
        const taller = box.scrollHeight > box.clientHeight + 1
        if ((wider && (clips(bs.overflowX) || bs.textOverflow === 'ellipsis')) || (taller && clips(bs.overflowY))) {
          out.push({ what: describe(el), text: text.slice(0, 40), how: `${describe(box)} ${wider ? `${box.scrollWidth}>${box.clientWidth}px wide` : `${box.scrollHeight}>${box.clientHeight}px tall`} (overflow ${bs.overflowX}/${bs.overflowY}${bs.textOverflow === 'ellipsis' ? ', ellipsis' : ''})` })
          break
        }
        if (depth === 0 && bs.overflowX !== 'visible') break
      }
      if (r.right > vw + 1 && st.position !== 'fixed') out.push({ what: describe(el), text: text.slice(0, 40), how: `runs past the screen edge (${Math.round(r.right)} > ${vw}px)` })
    }
    const doc = document.scrollingElement as HTMLElement
    if (doc.scrollWidth > vw + 1) out.push({ what: 'page', text: '', how: `scrolls sideways (${doc.scrollWidth} > ${vw}px)` })
    // One entry per element and cause.
    const seen = new Set<string>()
    return out.filter((c) => {
      const key = `${c.what}|${c.text}|${c.how}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  })
}

/** 大字 (large text) on a 375 px screen: 工信部 适老化's elderly-mode minimums, in CSS px. */
export const LARGE_MIN_TEXT = 18
export const LARGE_MIN_TARGET = 60
/** How far large text must reflow without clipping (text zoom on top of 大字). */
export const REFLOW_TEXT = 1.5

/**
 * Main text: what a person reads to do the task (messages, card titles and
 * values, chips, buttons, cell titles, the input). Hints, dates and labels
 * beside them are secondary and may stay smaller.
 */
export const MAIN_TEXT = [
  '.bubble',
  '.summary__title',
  '.summary__label',
  '.summary__value',
  '.quick-replies__chip',
  '.gb-chips__chip',
  '.gb-period-picker__chip',
  '.input-bar__field input',
  '.input-bar__button',
  '.gb-pending-card__title',
  '.gb-indicator__title',
  '.gb-action',
  '.outbox__title',
  '.gb-review-row__title',
  '.gb-cell__title',
  '.nut-button',
  // review, export and sign-in
  '.login__title',
  '.nut-input input',
  '.gb-review__filter',
  '.gb-review-detail__title',
  '.gb-review-detail__comment',
  '.gb-review-detail__form-title',
  '.gb-review-detail__text',
  '.gb-figures__label',
  '.gb-figures__value',
  '.gb-export__title',
  '.gb-export__label',
  '.gb-row-editor__title',
  '.gb-row-editor__text'
].join(', ')

export interface SmallText {
  what: string
  text: string
  px: number
}

/** Visible main text whose computed size is under `min` CSS px. */
export async function smallMainText(page: Page, min = LARGE_MIN_TEXT): Promise<SmallText[]> {
  return page.evaluate(
    ({ selector, min }) => {
      const out: { what: string; text: string; px: number }[] = []
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) continue
        const px = parseFloat(getComputedStyle(el).fontSize)
        const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : ''
        if (px < min - 0.05) out.push({ what: `${el.tagName.toLowerCase()}.${cls}`, text: (el.innerText || '').trim().slice(0, 30), px })
      }
      return out
    },
    { selector: MAIN_TEXT, min }
  )
}
