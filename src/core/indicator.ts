import type { Field } from './field'
import type { Accumulation, Indicator, IndicatorInput } from './schema/indicator'
import type { Target } from './target'

export type { Accumulation, Indicator, IndicatorInput }

/**
 * How a unit's reports over a year add up to the year's figure.
 * - `per_period`: each report gives what happened in its period (人次 this
 *   month); the year is the sum.
 * - `cumulative`: each report gives the running total or current stock
 *   (beds now, steps done so far); the year is the latest report.
 */
export const ACCUMULATIONS = ['per_period', 'cumulative'] as const

export function fieldByKey(ind: Indicator, key: string): Field | undefined {
  return ind.fields.find((f) => f.key === key)
}

export function targetById(ind: Indicator, id: string): Target | undefined {
  return ind.targets.find((t) => t.id === id)
}

export function hasQualitativeTarget(ind: Indicator): boolean {
  return ind.targets.some((t) => t.kind === 'qualitative')
}

/** A plan item covers exactly its own year. */
export function isActiveIn(ind: Indicator, year: number): boolean {
  return ind.year === year
}
