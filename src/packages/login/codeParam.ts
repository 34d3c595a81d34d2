/**
 * The invite code a login link carries: `code` (H5 link, or a page path
 * with the code), or `q`, the whole scanned link as WeChat passes it.
 * Anything that is not a code's shape is ignored (the worker types it).
 */
export function codeFromParams(params: Record<string, string | undefined>): string {
  const valid = (c: string | undefined) => (c && /^[A-Za-z0-9]{4,16}$/.test(c) ? c.toUpperCase() : '')
  if (params.code) return valid(safeDecode(params.code))
  if (params.q) {
    const m = /[?&]code=([^&#]+)/.exec(safeDecode(params.q))
    return valid(m ? safeDecode(m[1]) : undefined)
  }
  return ''
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
