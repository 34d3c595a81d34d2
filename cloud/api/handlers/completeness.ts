import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { COMPLETENESS_STATUSES } from '../../../src/core/completeness'
import { ApiError } from '../../../src/core/errors'
import { levelIndex, type OrgUnit } from '../../../src/core/org'
import { CODE_PATTERN, ID_PATTERN } from '../../../src/core/patterns'
import { matching, wholeBetween } from '../../../src/core/schema/builders'
import { readCompleteness } from '../../completeness/read'
import { defineAction } from '../action'
import type { ApiContext, Caller } from '../context'
import { canRead, requireReviewer } from '../scope'

/**
 * The completeness view (reviewers and the bureau): units × periods of one
 * indicator in one plan year, each cell on time, late, returned, missing
 * or not yet due (src/core/completeness.ts), over the caller's subtree or
 * one street of it; paged by unit path, which is stable while units are
 * added (a new unit lands in its place in path order, never on an earlier
 * page twice). From a cell, "立即提醒" reminds that unit's people now.
 */

const Year = wholeBetween(2000, 2100)
const Status = z.optional(z.enum(COMPLETENESS_STATUSES))
/** A unit path as the cursor: "/qk/qk-s01/qk-s01-c01/". */
const Cursor = z.optional(matching(/^(\/[a-z0-9-]+)+\/$/))

const bad = (path: string, message: string): never => {
  throw new ApiError('BAD_INPUT', message, { issues: [{ path, message }] })
}

/** The caller's subtree, or one unit (a street) inside it. */
async function scopeOf(ctx: ApiContext, caller: Caller, streetId: string | undefined): Promise<OrgUnit> {
  if (!streetId) return caller.unit
  const unit = await ctx.store.getOrgUnit(streetId)
  if (!unit) throw new ApiError('NOT_FOUND', '没有这个单位')
  if (!canRead(caller, unit.path)) throw new ApiError('FORBIDDEN', '只能查看本辖区的数据')
  return unit
}

async function indicatorFor(ctx: ApiContext, code: string, year: number, scope: OrgUnit) {
  const ind = await ctx.store.getIndicator(code, year)
  if (!ind) return bad('indicatorCode', `${year}年的计划里没有这项指标`)
  if (levelIndex(ind.reportLevel) < levelIndex(scope.level)) bad('indicatorCode', '这项指标由上级单位填报，不在本辖区的完成情况里')
  return ind
}

export const completeness = defineAction(
  'completeness',
  z.strictObject({
    indicatorCode: matching(CODE_PATTERN),
    year: Year,
    /** Only the units of this street (or any unit within the caller's subtree). */
    streetId: z.optional(matching(ID_PATTERN)),
    /** Only units with at least one cell in this state. */
    status: Status,
    after: Cursor,
    limit: z._default(wholeBetween(1, 200), 50)
  }),
  async (ctx, input) => {
    const caller = requireReviewer(ctx)
    const scope = await scopeOf(ctx, caller, input.streetId)
    const ind = await indicatorFor(ctx, input.indicatorCode, input.year, scope)
    const today = chinaDate(ctx.clock.now())
    const page = await readCompleteness(ctx.store, ind, input.year, { underPath: scope.path, today, status: input.status, after: input.after ?? null, limit: input.limit })
    return {
      indicator: { code: ind.code, seq: ind.seq, title: ind.title, period: ind.period, reportLevel: ind.reportLevel, due: ind.due },
      scope: { id: scope.id, name: scope.name, level: scope.level },
      year: input.year,
      today,
      ...page
    }
  }
)

/** The grid as an .xlsx file (every unit, no paging), with the same filters. */
export const completenessFile = defineAction(
  'completeness.file',
  z.strictObject({ indicatorCode: matching(CODE_PATTERN), year: Year, streetId: z.optional(matching(ID_PATTERN)), status: Status }),
  async (ctx, input) => {
    const caller = requireReviewer(ctx)
    const scope = await scopeOf(ctx, caller, input.streetId)
    const ind = await indicatorFor(ctx, input.indicatorCode, input.year, scope)
    if (!ctx.files) throw new Error('completeness.file: no file sink on this platform')
    const today = chinaDate(ctx.clock.now())
    const page = await readCompleteness(ctx.store, ind, input.year, { underPath: scope.path, today, status: input.status })
    const { writeCompletenessXlsx, completenessFileName } = await import('../../completeness/xlsx')
    const buffer = await writeCompletenessXlsx({ title: `${input.year}年度${scope.name}填报完成情况`, today, blocks: [{ indicator: ind, ...page }] })
    const name = completenessFileName(scope.name, input.year, ind.code)
    const stored = await ctx.files.put(name, buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    return { url: stored.url, name, expiresAt: stored.expiresAt }
  }
)

/**
 * "立即提醒": reminds the people of one unit in the caller's review scope
 * now, through the reminder job's planning and grants. At most one message
 * per person per day (the job's mark), so a second click, or a click after
 * the morning job, sends nothing more and says so.
 */
export const completenessRemind = defineAction('completeness.remind', z.strictObject({ orgUnitId: matching(ID_PATTERN) }), async (ctx, input) => {
  const caller = requireReviewer(ctx)
  const unit = await ctx.store.getOrgUnit(input.orgUnitId)
  if (!unit) throw new ApiError('NOT_FOUND', '没有这个单位')
  if (!canRead(caller, unit.path) || unit.id === caller.unit.id) throw new ApiError('FORBIDDEN', '只能提醒本辖区下级单位的人员')
  if (!ctx.reminders?.remindNow) throw new ApiError('NOT_FOUND', '提醒没有配置')
  const people = (await ctx.store.listPeople()).filter((p) => p.orgUnitId === unit.id)
  if (people.length === 0) bad('orgUnitId', `${unit.name}还没有人员，无法提醒`)
  const run = await ctx.reminders.remindNow(people)
  const message = run.quiet
    ? '现在是免打扰时段，没有发送提醒'
    : run.sent > 0
      ? `已提醒${unit.name}的${run.sent}人`
      : run.alreadyReminded > 0
        ? `${unit.name}的人员今天已经提醒过，每人每天只提醒一次`
        : run.noGrant > 0
          ? `${unit.name}的人员没有开启消息提醒，没能发送`
          : `${unit.name}目前没有需要提醒的填报`
  return { unit: { id: unit.id, name: unit.name }, people: people.length, sent: run.sent, alreadyReminded: run.alreadyReminded, noGrant: run.noGrant, quiet: run.quiet, message }
})
