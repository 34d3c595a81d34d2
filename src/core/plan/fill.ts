/**
 * The allocation grid's arithmetic: splitting a parent's count target over
 * its children so the shares are whole numbers that add up to exactly the
 * target (largest remainder, also called Hamilton's method), and reading a
 * column pasted from a spreadsheet.
 */

/**
 * Splits `total` in proportion to `weights` into whole numbers summing to
 * `total` (when `total` is whole). Each row first gets the floor of its
 * exact share; the units left over go one each to the rows with the largest
 * remainders, ties to the earlier row, so the result never depends on luck.
 * Rows with weight 0 get 0. All weights 0 (or none): null, nothing to go by.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] | null {
  if (!Number.isFinite(total) || total < 0) return null
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) return null
  const sum = weights.reduce((a, b) => a + b, 0)
  if (weights.length === 0 || sum <= 0) return null
  const whole = Math.floor(total)
  const exact = weights.map((w) => (whole * w) / sum)
  const shares = exact.map((x) => Math.floor(x + 1e-9))
  let left = whole - shares.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => ({ i, rem: x - shares[i] })).sort((a, b) => b.rem - a.rem || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    if (weights[i] === 0) continue
    shares[i] += 1
    left -= 1
  }
  return shares
}

/** Splits `total` evenly over `n` rows, whole numbers summing to `total`: 8 over 3 is 3, 3, 2. */
export function splitEvenly(total: number, n: number): number[] | null {
  if (n <= 0) return null
  return splitByWeights(total, Array.from({ length: n }, () => 1))
}

export type PastedCell = { ok: true; value: number } | { ok: false; text: string } | { ok: true; value: null }

/**
 * One column pasted from Excel or WPS: one value per line (a tab-separated
 * row keeps its last cell, so a pasted name·value pair works too). Blank
 * lines are blank cells (null); thousands separators and a trailing unit
 * ("2个") are accepted; anything else stays as typed, to be named as a
 * refused row. A trailing newline (Excel adds one) adds no row.
 */
export function readPastedColumn(text: string): PastedCell[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => {
    const cells = line.split('\t')
    const raw = (cells[cells.length - 1] ?? '').trim()
    if (raw === '') return { ok: true, value: null }
    const m = /^([+-]?\d{1,3}(?:,\d{3})+|[+-]?\d+(?:\.\d+)?|[+-]?\.\d+)\s*[\u4e00-\u9fa5]{0,3}$/.exec(raw)
    if (!m) return { ok: false, text: raw }
    return { ok: true, value: Number(m[1].replace(/,/g, '')) }
  })
}
