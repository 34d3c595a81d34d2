/**
 * Keyboard access in the H5 build. Our tappable views are Views with a
 * role (button, checkbox, radio), which the mini-program needs no focus for
 * but a browser does: this gives each a tab stop and makes Enter and Space
 * press it, for every page at once. The mini-program never calls it.
 */
const TAPPABLE = '[role="button"], [role="checkbox"], [role="radio"], [role="link"]'

function makeFocusable(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>(TAPPABLE).forEach((el) => {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', el.getAttribute('aria-disabled') === 'true' ? '-1' : '0')
  })
}

export function enableKeyboardAccess(doc: Document = document): () => void {
  makeFocusable(doc)
  const observer = new MutationObserver(() => makeFocusable(doc))
  observer.observe(doc.body, { childList: true, subtree: true })
  const onKey = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null
    if ((e.key === 'Enter' || e.key === ' ') && el?.matches?.(TAPPABLE)) {
      e.preventDefault()
      el.click()
    }
  }
  doc.addEventListener('keydown', onKey)
  return () => {
    observer.disconnect()
    doc.removeEventListener('keydown', onKey)
  }
}
