import type { Target, TargetKind, Verdict } from './schema/target'

export type { Target, TargetKind, Verdict }

/** A reviewer's judgement of a qualitative target. */
export const VERDICTS = ['met', 'partial', 'unmet'] as const

/** The field keys a target reads. */
export function targetFields(t: Target): string[] {
  switch (t.kind) {
    case 'count':
    case 'progress':
      return [t.field]
    case 'rate':
    case 'percentage':
      return [t.numerator, t.denominator]
    case 'milestone':
      return t.steps.map((s) => s.field)
    case 'qualitative':
      return []
    case 'ceiling':
      return t.field !== undefined ? [t.field] : [t.numerator!, t.denominator!]
  }
}

/** A ceiling's shape: one field, or a numerator / denominator share. */
export type CeilingTarget = Extract<Target, { kind: 'ceiling' }>

/** Whether a ceiling reads a share (numerator / denominator) rather than one field. */
export function isShareCeiling(t: CeilingTarget): t is CeilingTarget & { numerator: string; denominator: string } {
  return t.field === undefined
}


/** Where in a target each field key it reads sits (for an error next to that picker), and the key. */
export function targetFieldRefs(t: Target): [(string | number)[], string][] {
  switch (t.kind) {
    case 'count':
    case 'progress':
      return [[['field'], t.field]]
    case 'rate':
    case 'percentage':
      return [
        [['numerator'], t.numerator],
        [['denominator'], t.denominator]
      ]
    case 'milestone':
      return t.steps.map((s, j) => [['steps', j, 'field'], s.field])
    case 'qualitative':
      return []
    case 'ceiling':
      return t.field !== undefined ? [[['field'], t.field]] : [
        [['numerator'], t.numerator!],
        [['denominator'], t.denominator!]
      ]
  }
}
