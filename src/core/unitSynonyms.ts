import type { Field } from './field'

/**
 * Which written units mean the field's own unit. A worker asked for 人次 may
 * say 300人, never 300户; a unit outside the list is asked about instead of
 * being stored. Kept once here; a field may add its own words
 * (`unitAliases`, edited with the plan).
 */
const SAME_UNIT: Readonly<Record<string, readonly string[]>> = {
  人: ['名', '位'],
  人次: ['人', '名', '次'],
  户: ['家'],
  户次: ['户', '次'],
  个: ['处', '所', '家', '间', '座', '项', '件'],
  张: ['床'],
  元: ['块'],
  支: ['个', '队'],
  笔: ['次', '项'],
  次: ['场', '期', '回'],
  场: ['次', '期'],
  件: ['个', '项'],
  项: ['个', '件'],
  对: []
}

/** The units a figure for `field` may be written in, its own first. */
export function unitsMeaning(field: Pick<Field, 'unit'> & { unitAliases?: readonly string[] }): string[] {
  if (!field.unit) return []
  return [field.unit, ...(SAME_UNIT[field.unit] ?? []), ...(field.unitAliases ?? [])]
}

/** Whether a figure written with `unit` counts in the field's unit; no unit always fits. */
export function unitFits(field: Pick<Field, 'unit'> & { unitAliases?: readonly string[] }, unit: string | undefined): boolean {
  if (unit === undefined || !field.unit) return true
  return unitsMeaning(field).includes(unit)
}
