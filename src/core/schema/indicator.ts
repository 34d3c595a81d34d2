import * as z from 'zod/mini'
import { ACCUMULATIONS } from '../indicator'
import { CODE_PATTERN, ID_PATTERN, KEY_PATTERN } from '../patterns'
import { targetFieldRefs } from '../target'
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
    // Chinese sentences at the field they are about: the plan designer
    // shows them next to it, and the server answers the same ones.
    z.superRefine((ind, ctx) => {
      if (ind.reviewChain) {
        const problem = chainProblem(ind.reviewChain, ind.reportLevel)
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['reviewChain'] })
      }
      const keys = new Set<string>()
      ind.fields.forEach((f, i) => {
        if (keys.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `字段编号“${f.key}”重复了` })
        keys.add(f.key)
      })
      const ids = new Set<string>()
      ind.targets.forEach((t, i) => {
        if (ids.has(t.id)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'id'], message: `目标编号“${t.id}”重复了` })
        ids.add(t.id)
        for (const [where, k] of targetFieldRefs(t)) {
          if (!keys.has(k)) ctx.addIssue({ code: 'custom', path: ['targets', i, ...where], message: `目标要读的字段“${k || '（未选）'}”不存在，请选一个字段` })
          // A ceiling's sum, mean and maximum tell different stories: the plan says which it means.
          // Named at the field's combine, where it is chosen (the designer shows it there).
          else if (t.kind === 'ceiling' && !ind.fields.find((f) => f.key === k)?.combine)
            ctx.addIssue({ code: 'custom', path: ['fields', ind.fields.findIndex((f) => f.key === k), 'combine'], message: `上限目标读的字段“${k}”须说明各单位如何合计（相加、加权平均或取最大）` })
        }
      })
      ind.fields.forEach((f, i) => {
        if (f.combine?.rule !== 'mean') return
        const weight = f.combine.weight
        const w = ind.fields.find((x) => x.key === weight)
        if (!w || w.key === f.key || w.kind !== 'count') ctx.addIssue({ code: 'custom', path: ['fields', i, 'combine', 'weight'], message: `字段“${f.key}”按“${weight}”加权平均，“${weight}”须是另一个计数字段` })
      })
    })
  )
export type Indicator = z.infer<typeof IndicatorSchema>
export type IndicatorInput = z.input<typeof IndicatorSchema>

