/** Order statistics of a small sample (nearest rank). */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}
export const median = (xs: number[]) => quantile(xs, 0.5)

/** Runs `fn` `warm` times unmeasured, then `n` times; milliseconds of each measured run. */
export async function timeRuns(n: number, fn: () => Promise<unknown> | unknown, warm = 1): Promise<number[]> {
  for (let i = 0; i < warm; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    out.push(performance.now() - t)
  }
  return out
}

export const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '—')
export const kb = (bytes: number) => (bytes / 1024).toFixed(1)
export const int = (x: number) => Math.round(x).toLocaleString('en-US')
/** a as a multiple of b: "4.5×", or for a < b "1/26 (3.8%)". */
export const ratio = (a: number, b: number) => {
  if (!(b > 0) || !Number.isFinite(a)) return '—'
  const r = a / b
  if (r >= 1) return `${r.toFixed(r >= 10 ? 0 : 1)}×`
  return `1/${(1 / r).toFixed(1 / r >= 10 ? 0 : 1)} (${(r * 100).toFixed(1)}%)`
}

/** a ÷ b as a plain multiplier, for growth: "0.95×", "3.9×". */
export const times = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(a / b >= 10 ? 0 : a / b >= 1 ? 1 : 2)}×` : '—')
