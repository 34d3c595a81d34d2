import * as z from 'zod/mini'
import { FIELD_KINDS } from '../field'
import { KEY_PATTERN } from '../patterns'
import { between, listOf, matching, prose } from './builders'

export const FieldKindSchema = z.enum(FIELD_KINDS)
export type FieldKind = z.infer<typeof FieldKindSchema>

/**
 * How a field combines across units (and, within one unit, across the
 * periods of a per-period year) when the default does not fit; a field
 * a ceiling reads must declare it.
 * - `sum`: the figures add up (投诉件数 of all communities);
 * - `mean`: a mean weighted by a count field of the same indicator
 *   (平均审核时限 weighted by 审核件数: a community that decided 40 cases
 *   weighs 40 times one that decided 1);
 * - `max`: the largest figure of any unit (最长审核时限: the district is
 *   within 15 days only if every unit is).
 */
export const FieldCombineSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('sum') }),
  z.object({ rule: z.literal('mean'), weight: matching(KEY_PATTERN) }),
  z.object({ rule: z.literal('max') })
])
export type FieldCombine = z.infer<typeof FieldCombineSchema>

export const FieldSchema = z
  .object({
    key: matching(KEY_PATTERN),
    label: prose(20, 1),
    /** Other words a worker may use for this figure in a sentence. */
    aliases: z._default(listOf(prose(20, 1), 10), []),
    kind: FieldKindSchema,
    unit: z._default(prose(8), ''),
    /** Units that mean the same as `unit` here, beyond the common ones in unitSynonyms.ts (床 for 张). */
    unitAliases: z.optional(listOf(prose(8, 1), 10)),
    // Bounds a phone can show and a person can mean: no 1e308 limits.
    min: z._default(between(-1e12, 1e12), 0),
    max: z._default(between(-1e12, 1e12), 1e9),
    /** A short hint shown beside the question. */
    hint: z.optional(prose(60)),
    /**
     * A value the unit never types: each street counts as one street toward
     * "覆盖20%街道". Filled in on submit, never asked.
     */
    fixed: z.optional(z.number()),
    /** How the field combines across units; absent: counts, amounts and flags add up, shares and steps average. */
    combine: z.optional(FieldCombineSchema)
  })
  .check(z.refine((f) => f.min <= f.max, { message: '最小值不能大于最大值', path: ['max'] }))
export type Field = z.infer<typeof FieldSchema>
export type FieldInput = z.input<typeof FieldSchema>
