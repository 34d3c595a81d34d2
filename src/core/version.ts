/**
 * Dotted version comparison ("2.10.2" < "2.32.3"), for the base library
 * check at start. Missing parts count as 0; anything that is not a number
 * makes the version unknown (null), which callers treat as "cannot tell".
 */
export function compareVersions(a: string, b: string): number | null {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v.trim()) ? v.trim().split('.').map(Number) : null)
  const x = parse(a)
  const y = parse(b)
  if (!x || !y) return null
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

/**
 * The lowest WeChat base library the mini-program supports (also set as 最低
 * 基础库版本 in the WeChat console, see README): 2.32.3 brings
 * onNeedPrivacyAuthorization and the agreePrivacyAuthorization button that
 * the privacy prompt needs before chooseMedia; everything older the app uses
 * (chooseMedia's Promise form from 2.10.2, lazyCodeLoading from 2.11.1,
 * require.async for the chat engine's subpackage from 2.11.2,
 * getAppBaseInfo from 2.20.1) comes before it.
 */
export const MIN_BASE_LIBRARY = '2.32.3'
