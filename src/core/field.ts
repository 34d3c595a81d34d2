import type { Field, FieldCombine, FieldInput, FieldKind } from './schema/field'

export type { Field, FieldCombine, FieldInput, FieldKind }

/**
 * What one answer in a report holds.
 * - `count`: a whole number of something (网点, 人次, 张).
 * - `amount`: a real number (元, 平方米).
 * - `fraction`: a share between 0 and 1, shown as a percent (进度 50%).
 * - `step`: a milestone step, 1 when done, 0 when not; its date goes in
 *   the report's `dates`.
 * - `flag`: yes / no (本社区是否已覆盖), 1 or 0, so it sums up the tree.
 */
export const FIELD_KINDS = ['count', 'amount', 'fraction', 'step', 'flag'] as const


/** The hard bounds a value must meet, whatever the target says. */
export function fieldBounds(field: Field): { min: number; max: number; integer: boolean } {
  switch (field.kind) {
    case 'fraction':
      return { min: Math.max(0, field.min), max: Math.min(1, field.max), integer: false }
    case 'step':
    case 'flag':
      return { min: 0, max: 1, integer: true }
    case 'count':
      return { min: field.min, max: field.max, integer: true }
    case 'amount':
      return { min: field.min, max: field.max, integer: false }
  }
}

export type FieldValueProblem = 'not_number' | 'not_integer' | 'below_min' | 'above_max'

/** Checks one value against its field; null when it is acceptable. */
export function checkFieldValue(field: Field, value: unknown): FieldValueProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_number'
  const b = fieldBounds(field)
  if (b.integer && !Number.isInteger(value)) return 'not_integer'
  if (value < b.min) return 'below_min'
  if (value > b.max) return 'above_max'
  return null
}
