import * as z from 'zod/mini'
import { ID_PATTERN, KEY_PATTERN } from '../patterns'
import { VERDICTS } from '../target'
import { between, listOf, matching, positive, prose } from './builders'

const targetBase = {
  id: matching(KEY_PATTERN),
  /** The target as the bureau writes it: "新建服务网点8个". */
  label: prose(60, 1),
  /** The district's alone: never split, and not measured in a street's or community's table. */
  districtOnly: z.optional(z.boolean()),
  /**
   * Milestones and qualitative targets belong to one unit: this one, or
   * (absent) the plan's owner, the district. Other units show them as not
   * theirs.
   */
  owner: z.optional(matching(ID_PATTERN))
}

/** ≥ N of something: "新建老年幸福食堂3个". */
export const CountTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('count'),
  field: z.string(),
  min: positive()
})

/**
 * ≥ N per `scale` of a population: "每千名老人50张以上" is
 * beds / elderly × 1000 ≥ 50; "持证社工达到常住人口的万分之五" is
 * social workers / residents × 10000 ≥ 5.
 */
export const RateTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('rate'),
  numerator: z.string(),
  denominator: z.string(),
  scale: positive(),
  min: positive()
})

/**
 * numerator / denominator reaches a share: "安置率100%" (`op: 'eq'`: all of
 * them, nothing less is complete), "覆盖20%街道" (`op: 'gte'`).
 * `percent` is a fraction: 1 is 100 %.
 */
export const PercentageTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('percentage'),
  numerator: z.string(),
  denominator: z.string(),
  op: z.enum(['gte', 'eq']),
  percent: between(1e-9, 1)
})

/** A progress share the unit reports itself: "勘界工作完成25%". */
export const ProgressTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('progress'),
  field: z.string(),
  min: between(1e-9, 1)
})

/**
 * Ordered steps, each a `step` field. Required steps make the rate;
 * stretch steps ("力争年内动工") are reported beside it and never lower it.
 */
export const MilestoneTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('milestone'),
  steps: listOf(z.object({ field: z.string(), required: z.boolean() }), 20, 1).check(
    z.refine((s) => s.some((x) => x.required), { message: '至少要有一个必须完成的步骤' })
  )
})

/**
 * An upper bound (a ceiling), value ≤ `max`, on one of two things:
 * - one field (`field`), `max` in the field's own terms:
 *   "低保审核确认时限不超过15个工作日" is days ≤ 15; a `fraction` field
 *   ("感染率控制在1%以内" reported as a share) has `max` 0.01;
 * - a share (`numerator` / `denominator`), `max` a fraction (1 is 100 %):
 *   infected / residents ≤ 0.01.
 * Exactly one of the two is set. Every field it reads declares how it
 * combines across units (`Field.combine`), since a ceiling's sum, mean and
 * maximum tell different stories. `max` may be 0 ("零事故").
 */
export const CeilingTargetSchema = z
  .object({
    ...targetBase,
    kind: z.literal('ceiling'),
    field: z.optional(z.string()),
    numerator: z.optional(z.string()),
    denominator: z.optional(z.string()),
    max: between(0, 1e12)
  })
  .check(
    z.refine((t) => (t.field !== undefined) !== (t.numerator !== undefined && t.denominator !== undefined) && (t.numerator === undefined) === (t.denominator === undefined), {
      message: 'a ceiling reads either one field or a numerator and a denominator'
    })
  )

/** Judged by a reviewer from the narrative and the evidence. */
export const QualitativeTargetSchema = z.object({
  ...targetBase,
  kind: z.literal('qualitative')
})

export const TargetSchema = z.discriminatedUnion('kind', [
  CountTargetSchema,
  RateTargetSchema,
  PercentageTargetSchema,
  ProgressTargetSchema,
  MilestoneTargetSchema,
  QualitativeTargetSchema,
  CeilingTargetSchema
])
export type Target = z.infer<typeof TargetSchema>
export type TargetKind = Target['kind']

/** A reviewer's judgement of a qualitative target. */
export const VerdictSchema = z.enum(VERDICTS)
export type Verdict = z.infer<typeof VerdictSchema>
