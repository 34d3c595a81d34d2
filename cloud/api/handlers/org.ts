import * as z from 'zod/mini'
import { ApiError } from '../../../src/core/errors'
import type { OrgUnit } from '../../../src/core/org'
import { POPULATION_FIELDS } from '../../../src/core/orgRules'
import { OrgTree, planCreate, planMerge, planMove, planRename, planRetire, type OrgChange, type PersonAt } from '../../../src/core/orgChange'
import { planTreeImport } from '../../../src/core/orgImport'
import { ID_PATTERN } from '../../../src/core/patterns'
import { matching, prose, wholeBetween } from '../../../src/core/schema/builders'
import { jobView } from '../../rollup/jobs'
import { applyWithRollups } from '../../rollup/moveUnits'
import { defineAction, NoInput } from '../action'
import type { ApiContext, Caller } from '../context'
import { requireAdmin } from '../scope'
import { readTreeTable } from '../../org/readTreeFile'

const UnitId = matching(ID_PATTERN, '单位编号不对')
const Name = prose(60, 1)
const Population = z.partialRecord(z.enum(POPULATION_FIELDS.map((f) => f.key) as [string, ...string[]]), wholeBetween(0, 999_999_999))

/** The admin's tree (retired units included) and where its people are. */
async function snapshot(ctx: ApiContext, admin: Caller): Promise<{ tree: OrgTree; people: PersonAt[] }> {
  const units = await ctx.store.orgTree(admin.unit.path)
  const inTree = new Set(units.map((u) => u.id))
  const people = (await ctx.store.listPeople()).filter((p) => inTree.has(p.orgUnitId)).map((p) => ({ id: p.id, orgUnitId: p.orgUnitId }))
  return { tree: new OrgTree(units), people }
}

/** Writes an accepted edit, moving roll-ups with any unit whose path changed. */
async function write(ctx: ApiContext, change: OrgChange) {
  const jobs = await applyWithRollups(ctx, change.moved, () => ctx.store.applyOrgChange(change.units, change.people))
  return { units: change.units, peopleMoved: change.people.length, rebuild: jobs.map(jobView) }
}

const now = (ctx: ApiContext) => ctx.clock.now().toISOString()

/** The whole tree under the admin's unit, retired units included, with the number of people at each unit. */
export const orgTreeAction = defineAction('org.tree', NoInput, async (ctx) => {
  const admin = requireAdmin(ctx)
  const { tree, people } = await snapshot(ctx, admin)
  const peopleAt: Record<string, number> = {}
  for (const p of people) peopleAt[p.orgUnitId] = (peopleAt[p.orgUnitId] ?? 0) + 1
  return { units: tree.all(), peopleAt, populationFields: POPULATION_FIELDS.map((f) => ({ key: f.key, label: f.label })) }
})

/** A new street (under the district), community (under a street) or grid (under a community). */
export const orgCreate = defineAction('org.create', z.strictObject({ parentId: UnitId, name: Name, population: z.optional(Population) }), async (ctx, input) => {
  const admin = requireAdmin(ctx)
  const { tree } = await snapshot(ctx, admin)
  const { unit, change } = planCreate(tree, input as { parentId: string; name: string; population?: Record<string, number> })
  await write(ctx, change)
  return { unit }
})

export const orgRename = defineAction('org.rename', z.strictObject({ unitId: UnitId, name: Name }), async (ctx, { unitId, name }) => {
  const admin = requireAdmin(ctx)
  const { tree } = await snapshot(ctx, admin)
  const change = planRename(tree, unitId, name)
  await write(ctx, change)
  return { unit: change.units[0] }
})

/** Sets (or clears, with {}) a unit's population figures. */
export const orgPopulation = defineAction('org.population', z.strictObject({ unitId: UnitId, population: Population }), async (ctx, { unitId, population }) => {
  const admin = requireAdmin(ctx)
  const { tree } = await snapshot(ctx, admin)
  const unit = tree.need(unitId, 'unitId')
  const { population: _, ...rest } = unit
  const next: OrgUnit = Object.keys(population).length ? { ...rest, population: population as Record<string, number> } : rest
  await write(ctx, { units: [next], people: [], moved: [] })
  return { unit: next }
})

/**
 * Moves a unit (with everything under it) to another parent of the right
 * level. Its reports stay its own and move with it; the roll-ups of the
 * old and new ancestors are rebuilt.
 */
export const orgMove = defineAction('org.move', z.strictObject({ unitId: UnitId, parentId: UnitId }), async (ctx, { unitId, parentId }) => {
  const admin = requireAdmin(ctx)
  const { tree } = await snapshot(ctx, admin)
  return write(ctx, planMove(tree, unitId, parentId))
})

/** Merges a unit into another of its level (see planMerge in src/core/orgChange.ts for exactly what moves). */
export const orgMerge = defineAction('org.merge', z.strictObject({ unitId: UnitId, intoId: UnitId }), async (ctx, { unitId, intoId }) => {
  const admin = requireAdmin(ctx)
  const { tree, people } = await snapshot(ctx, admin)
  return write(ctx, planMerge(tree, unitId, intoId, people, now(ctx)))
})

/** Retires a unit with no active children and no people; its reports and history stay. */
export const orgRetire = defineAction('org.retire', z.strictObject({ unitId: UnitId }), async (ctx, { unitId }) => {
  const admin = requireAdmin(ctx)
  const { tree, people } = await snapshot(ctx, admin)
  const change = planRetire(tree, unitId, people, now(ctx))
  await write(ctx, change)
  return { unit: change.units[0] }
})

const MAX_TREE_BASE64 = Math.ceil((10 * 1024 * 1024 + 1) / 3) * 4 + 1024

/**
 * Imports streets, communities and grids (and optional population figures)
 * from an xlsx or csv sheet. `dryRun` answers what each row would do and
 * writes nothing; otherwise everything is written at once, and nothing at
 * all when any row is refused (the answer then lists the refusals).
 */
export const orgImport = defineAction(
  'org.import',
  z.strictObject({
    name: prose(200, 1),
    base64: z.string().check(z.maxLength(MAX_TREE_BASE64, '文件超过10MB')),
    dryRun: z.boolean()
  }),
  async (ctx, { name, base64, dryRun }) => {
    const admin = requireAdmin(ctx)
    if (admin.unit.level !== 'district') throw new ApiError('FORBIDDEN', '只有区民政局管理员可以导入组织架构')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new ApiError('BAD_INPUT', '文件内容不完整，请重新上传', { issues: [{ path: 'file', message: '文件内容不完整，请重新上传' }] })
    const table = await readTreeTable(name, Buffer.from(base64, 'base64'))
    const { tree } = await snapshot(ctx, admin)
    const plan = planTreeImport(tree.all(), admin.unit, table)
    const written = !dryRun && plan.refused === 0 && plan.change.units.length > 0
    if (written) await write(ctx, plan.change)
    return { dryRun, written, created: plan.created, updated: plan.updated, refused: plan.refused, lines: plan.lines }
  }
)

export const ORG_ACTIONS = [orgTreeAction, orgCreate, orgRename, orgPopulation, orgMove, orgMerge, orgRetire, orgImport]
