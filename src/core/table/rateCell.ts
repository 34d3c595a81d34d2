import { formatRate } from '../completion'

export interface RateCell {
  /** The rate computed from the figures, via formatRate: "88.9", "—". */
  computed: string
  /** The rate the unit declared, same format; null when none was given. */
  declared: string | null
  /** Declared and computed read differently at the table's precision. */
  differs: boolean
  /** What the 完成率 cell shows: "88.9", or "88.9（自报100）" when they differ. */
  text: string
}

/**
 * The 完成率 cell. The computed rate leads; a declared rate is shown beside
 * it only when it reads differently, so a table where both agree looks like
 * the hand-filled one. `declaredPercent` is 0–100 as units declare it.
 */
export function rateCell(computedRate: number | null, declaredPercent: number | null = null): RateCell {
  const computed = formatRate(computedRate)
  if (declaredPercent === null) return { computed, declared: null, differs: false, text: computed }
  if (!Number.isFinite(declaredPercent) || declaredPercent < 0 || declaredPercent > 100) {
    throw new RangeError(`declared rate must be 0–100, got ${declaredPercent}`)
  }
  const declared = formatRate(declaredPercent / 100)
  const differs = declared !== computed
  return { computed, declared, differs, text: differs ? `${computed}（自报${declared}）` : computed }
}
