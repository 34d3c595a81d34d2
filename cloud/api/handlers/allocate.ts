import * as z from 'zod/mini'
import { splitSummary, unitRequired } from '../../../src/core/allocation'
import { ApiError } from '../../../src/core/errors'
import { formatNumber } from '../../../src/core/table'
import { childLevel, isWithin, ORG_LEVEL_LABEL } from '../../../src/core/org'
import { CODE_PATTERN, ID_PATTERN, KEY_PATTERN } from '../../../src/core/patterns'
import { listOf, matching, wholeBetween } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import { requireCaller } from '../scope'

const AllocateInput = z.strictObject({
  code: matching(CODE_PATTERN),
  year: wholeBetween(2000, 2100),
  targetId: matching(KEY_PATTERN),
  /** The unit whose target is split: the district (default) or a street. */
  parentId: z.optional(matching(ID_PATTERN)),
  /** One row per child unit. `value` is checked here, row by row, so a refusal can name the row. */
  shares: listOf(z.strictObject({ unitId: matching(ID_PATTERN), value: z.unknown() }), 300, 1)
})

const refuse = (row: number, unitName: string, message: string): never => {
  const text = `第${row}行（${unitName}）：${message}`
  throw new ApiError('BAD_INPUT', text, { issues: [{ path: `shares.${row - 1}`, message: text }] })
}

/**
 * 指标分解: splits a count target of one year's plan item from a unit to its
 * children (the district to streets, a street to its communities). The
 * bureau splits any unit's; a street reviewer splits its own share. Rows
 * set the listed children's shares; others keep theirs. A sum above the
 * parent's target is allowed, with a warning; a bad row refuses the whole
 * request, naming the row, and nothing is written.
 */
export const allocate = defineAction('plan.allocate', AllocateInput, async (ctx, input) => {
  const caller = requireCaller(ctx)
  const parent = input.parentId ? await ctx.store.getOrgUnit(input.parentId) : caller.unit
  if (!parent || !isWithin(parent.path, caller.unit.path)) throw new ApiError('NOT_FOUND', '没有这个单位')
  const allowed = caller.person.role === 'admin' || (caller.person.role === 'street_reviewer' && parent.id === caller.unit.id)
  if (!allowed) throw new ApiError('FORBIDDEN', '只有区民政局或街道可以分解指标')
  if (parent.level !== 'district' && parent.level !== 'street') throw new ApiError('BAD_INPUT', '指标只分解到街道和社区')
  const ind = await ctx.store.getIndicator(input.code, input.year)
  if (!ind) throw new ApiError('NOT_FOUND', '这一年的计划里没有这项指标')
  const target = ind.targets.find((t) => t.id === input.targetId)
  if (!target) throw new ApiError('NOT_FOUND', '没有这项目标')
  if (target.kind !== 'count') throw new ApiError('BAD_INPUT', '只有数量目标可以分解；比率、百分比和进度目标对每个单位都适用')
  if (target.districtOnly) throw new ApiError('BAD_INPUT', '这项目标只由区级完成，不分解')

  const children = await ctx.store.childUnits(parent.id)
  const byId = new Map(children.map((c) => [c.id, c]))
  const seen = new Set<string>()
  const next: Record<string, number> = { ...(ind.allocations?.[target.id] ?? {}) }
  input.shares.forEach((row, i) => {
    const child = byId.get(row.unitId)
    if (!child) refuse(i + 1, row.unitId, `不是${parent.name}的下级${ORG_LEVEL_LABEL[childLevel(parent.level)!]}`)
    const name = child!.name
    if (seen.has(row.unitId)) refuse(i + 1, name, '重复了')
    seen.add(row.unitId)
    if (typeof row.value !== 'number' || !Number.isFinite(row.value)) refuse(i + 1, name, '分解数必须是数字')
    const v = row.value as number
    if (v < 0) refuse(i + 1, name, '分解数不能是负数')
    if (v > 1e12) refuse(i + 1, name, '分解数太大')
    next[row.unitId] = v
  })
  const stored = { ...ind, allocations: { ...(ind.allocations ?? {}), [target.id]: next } }
  const [split] = splitSummary(stored, parent, children).filter((s) => s.targetId === target.id)
  const of = unitRequired(stored, target, parent)
  const unit = target.kind === 'count' ? (ind.fields.find((f) => f.key === target.field)?.unit ?? '') : ''
  const warning =
    of === null
      ? `${parent.name}本身还没有分到这项目标，已先记下分解数`
      : split.allocated > of + 1e-9
        ? `分解合计${formatNumber(split.allocated)}${unit}，超过${parent.name}的目标${formatNumber(of)}${unit}`
        : null
  await ctx.store.putIndicator(stored)
  return { indicator: stored, split, warning }
})
