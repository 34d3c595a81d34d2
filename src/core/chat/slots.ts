import type { Field } from '../field'
import type { Figures } from '../figures'
import type { Indicator } from '../indicator'

/**
 * A slot is one thing the conversation asks. Its id is a field key, or
 * "key@date" for the date of a done step, or one of the two ids below.
 * The plan is recomputed from the answers on every turn instead of being
 * stored, so a step turning to 是 makes its date appear and the state keeps
 * no copy of the indicator.
 */
export type SlotKind = 'number' | 'flag' | 'step' | 'date' | 'narrative' | 'evidence'

export interface Slot {
  id: string
  kind: SlotKind
  /** The field asked (for a date: its step). */
  field?: Field
}

export const NARRATIVE = '#narrative'
export const EVIDENCE = '#evidence'

export const dateSlot = (key: string): string => `${key}@date`

/** Fields with `fixed` are filled in, never asked. */
export function askableFields(ind: Indicator): Field[] {
  return ind.fields.filter((f) => f.fixed === undefined)
}

/** Fields a figure in a sentence can fill: the ones answered with a number. */
export function numberFields(ind: Indicator): Field[] {
  return askableFields(ind).filter((f) => f.kind === 'count' || f.kind === 'amount' || f.kind === 'fraction')
}

export function isQualitative(ind: Indicator): boolean {
  return ind.targets.some((t) => t.kind === 'qualitative')
}

/**
 * Evidence is asked where a reviewer judges by it: qualitative targets, and
 * milestones once some step is reported done.
 */
function needsEvidence(ind: Indicator, values: Figures): boolean {
  return isQualitative(ind) || ind.fields.some((f) => f.kind === 'step' && values[f.key] === 1)
}

export function planSlots(ind: Indicator, values: Figures): Slot[] {
  const slots: Slot[] = []
  for (const field of askableFields(ind)) {
    if (field.kind === 'step') {
      slots.push({ id: field.key, kind: 'step', field })
      if (values[field.key] === 1) slots.push({ id: dateSlot(field.key), kind: 'date', field })
    } else {
      slots.push({ id: field.key, kind: field.kind === 'flag' ? 'flag' : 'number', field })
    }
  }
  if (isQualitative(ind)) slots.push({ id: NARRATIVE, kind: 'narrative' })
  if (needsEvidence(ind, values)) slots.push({ id: EVIDENCE, kind: 'evidence' })
  return slots
}

/** The first slot not yet answered; null when everything was: time for the summary. */
export function nextSlot(ind: Indicator, values: Figures, done: string[]): Slot | null {
  return planSlots(ind, values).find((s) => !done.includes(s.id)) ?? null
}

/** How many slots are still to be asked: "还剩2项". */
export function slotsLeft(ind: Indicator, values: Figures, done: string[]): number {
  return planSlots(ind, values).filter((s) => !done.includes(s.id)).length
}

/**
 * The slot ids behind a name the page or a reviewer uses: a field key (a
 * step brings its date along), "narrative" or "evidence". Empty when unknown.
 */
export function slotIdsFor(ind: Indicator, name: string): string[] {
  if (name === 'narrative' || name === NARRATIVE) return isQualitative(ind) ? [NARRATIVE] : []
  if (name === 'evidence' || name === EVIDENCE) return [EVIDENCE]
  const field = askableFields(ind).find((f) => f.key === name)
  if (!field) return []
  return field.kind === 'step' ? [field.key, dateSlot(field.key)] : [field.key]
}
