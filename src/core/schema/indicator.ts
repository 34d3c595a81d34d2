import * as z from 'zod/mini'
import { ACCUMULATIONS } from '../indicator'
import { CODE_PATTERN, ID_PATTERN, KEY_PATTERN } from '../patterns'
import { targetFields } from '../target'
import { chainProblem } from '../reviewChain'
import { between, listOf, matching, prose, wholeBetween } from './builders'
import { FieldSchema } from './field'
import { OrgLevelSchema } from './org'
import { DueRuleSchema, PeriodTypeSchema } from './period'
import { TargetSchema } from './target'

/**
 * How a unit's reports over a year add up to the year's figure.
 * - `per_period`: each report gives what happened in its period (人次 this
 *   month); the year is the sum.
 * - `cumulative`: each report gives the running total or current stock
 *   (beds now, steps done so far); the year is the latest report.
 */
export const AccumulationSchema = z.enum(ACCUMULATIONS)
export type Accumulation = z.infer<typeof AccumulationSchema>

export const IndicatorSchema = z
  .object({
    code: matching(CODE_PATTERN),
    /** 序号 in the 自查表. */
    seq: wholeBetween(1, 999),
    /** 类型: the category row group of the 自查表. */
    category: prose(30, 1),
    title: prose(40, 1),
    /** 指标内容及指标值, as the bureau wrote it. */
    description: prose(500),
    fields: listOf(FieldSchema, 30),
    targets: listOf(TargetSchema, 12, 1),
    /** How often the reporting unit reports. */
    period: PeriodTypeSchema,
    due: DueRuleSchema,
    accumulation: AccumulationSchema,
    /** Which level of the org tree fills it in. */
    reportLevel: OrgLevelSchema,
    /**
     * The plan year this definition belongs to. The code stays the same
     * across years; everything else here (text, fields, targets, schedule,
     * reporting level) is that year's plan, so editing 2021 never changes
     * what 2020's reports, table and narratives read.
     */
    year: wholeBetween(2000, 2100),
    /**
     * 指标分解: shares of count targets, by target id then unit id. The
     * district's target splits to streets, a street's share to its
     * communities. Set with `plan.allocate`; `indicator.put` keeps them.
     */
    /**
     * 审核层级: the org levels that review it, lowest first, each above the
     * report level (src/core/reviewChain.ts). The first approves or returns
     * reports; each one above signs off the totals of the units below.
     * Absent: the old single-level review (any reviewer above approves; no
     * sign-offs). New indicators take `defaultChain(reportLevel)`.
     */
    reviewChain: z.optional(listOf(OrgLevelSchema, 3, 1)),
    allocations: z.optional(z.record(matching(KEY_PATTERN), z.record(matching(ID_PATTERN), between(0, 1e12))))
  })
  .check(
    z.superRefine((ind, ctx) => {
    if (ind.reviewChain) {
      const problem = chainProblem(ind.reviewChain, ind.reportLevel)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['reviewChain'] })
    }
    const keys = new Set<string>()
    for (const f of ind.fields) {
      if (keys.has(f.key)) ctx.addIssue({ code: 'custom', message: `duplicate field ${f.key}` })
      keys.add(f.key)
    }
    const ids = new Set<string>()
    for (const t of ind.targets) {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', message: `duplicate target ${t.id}` })
      ids.add(t.id)
      for (const k of targetFields(t)) {
        if (!keys.has(k)) ctx.addIssue({ code: 'custom', message: `target ${t.id} reads unknown field ${k}` })
        // A ceiling's sum, mean and maximum tell different stories: the plan says which it means.
        else if (t.kind === 'ceiling' && !ind.fields.find((f) => f.key === k)?.combine) ctx.addIssue({ code: 'custom', message: `ceiling ${t.id} reads field ${k}, which must declare combine (sum, mean or max)` })
      }
    }
    for (const f of ind.fields) {
      if (f.combine?.rule !== 'mean') continue
      const w = ind.fields.find((x) => x.key === (f.combine as { weight: string }).weight)
      if (!w || w.key === f.key || w.kind !== 'count') ctx.addIssue({ code: 'custom', message: `field ${f.key} is a mean weighted by ${f.combine.weight}, which must be another count field` })
    }
    })
  )
export type Indicator = z.infer<typeof IndicatorSchema>
export type IndicatorInput = z.input<typeof IndicatorSchema>

