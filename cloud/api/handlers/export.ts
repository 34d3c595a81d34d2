import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { ApiError } from '../../../src/core/errors'
import type { OrgUnit } from '../../../src/core/org'
import { CODE_PATTERN, ID_PATTERN } from '../../../src/core/patterns'
import { matching, prose, wholeBetween } from '../../../src/core/schema/builders'
import { cleanText } from '../../../src/core/table'
import { assembleTable, inTable, tableIndicators } from '../../export/assemble'
import { readCompleteness } from '../../completeness/read'
import type { NarrativeOverride } from '../../store/types'
import { defineAction } from '../action'
import type { ApiContext, Caller } from '../context'
import { canRead, requireCaller } from '../scope'

/** 责任人（签字）: usually left blank for a hand signature on the printout. */
const Signer = z.optional(prose(30))
const Year = wholeBetween(2000, 2100)
const Unit = z.optional(matching(ID_PATTERN))
/** `approved`: the official version, from approved figures only; default `all` (submitted and approved). */
const Version = z.optional(z.enum(['all', 'approved']))
/** N of the "附件N：" line above the title (the seed's "附件2："); absent: no line. */
const Attachment = z.optional(wholeBetween(1, 99))

/**
 * The 自查表 is the reviewers' and the bureau's document: grid workers
 * report figures but neither export nor rewrite the table.
 */
function requireTableEditor(ctx: ApiContext, doing: string): Caller {
  const caller = requireCaller(ctx)
  if (caller.person.role === 'grid_worker') throw new ApiError('FORBIDDEN', `只有审核人员可以${doing}自查表`)
  return caller
}

/** The unit asked for (the caller's own by default), within the caller's subtree. */
async function unitInScope(ctx: ApiContext, caller: Caller, orgUnitId: string | undefined, doing: string): Promise<OrgUnit> {
  const unit = orgUnitId ? await ctx.store.getOrgUnit(orgUnitId) : caller.unit
  if (!unit) throw new ApiError('NOT_FOUND', '没有这个单位')
  if (!canRead(caller, unit.path)) throw new ApiError('FORBIDDEN', `只能${doing}本辖区的自查表`)
  return unit
}

/** A table for a year that has not begun (China time) would be all blanks. */
function assertYearBegun(ctx: ApiContext, year: number): void {
  if (year > Number(chinaDate(ctx.clock.now()).slice(0, 4))) {
    const message = `${year}年还没有开始，没有自查表`
    throw new ApiError('BAD_INPUT', message, { issues: [{ path: 'year', message }] })
  }
}

/** The table as data, for preview and editing on the phone. */
export const exportTable = defineAction('export.table', z.strictObject({ orgUnitId: Unit, year: Year, signer: Signer, version: Version, attachment: Attachment }), async (ctx, input) => {
  const caller = requireTableEditor(ctx, '查看')
  const unit = await unitInScope(ctx, caller, input.orgUnitId, '查看')
  assertYearBegun(ctx, input.year)
  return assembleTable(ctx.store, unit, input.year, { signer: input.signer, version: input.version, attachment: input.attachment })
})

/**
 * The xlsx's second sheet: for every indicator of the table, the units
 * that report it under this unit × the year's periods (the same grid as
 * the completeness page). Report states, not the version: an approved-only
 * export still shows a submitted report as on time, since it came.
 */
async function completenessSheet(ctx: ApiContext, unit: OrgUnit, year: number) {
  const today = chinaDate(ctx.clock.now())
  const blocks = []
  for (const ind of await tableIndicators(ctx.store, unit, year)) blocks.push({ indicator: ind, ...(await readCompleteness(ctx.store, ind, year, { underPath: unit.path, today })) })
  return { title: `${year}年度${unit.name}填报完成情况`, today, blocks }
}

/** The table as an .xlsx or .docx file behind a short-lived download link. */
export const exportFile = defineAction(
  'export.file',
  z.strictObject({ orgUnitId: Unit, year: Year, format: z.enum(['xlsx', 'docx']), signer: Signer, version: Version, attachment: Attachment }),
  async (ctx, input) => {
    const caller = requireTableEditor(ctx, '导出')
    const unit = await unitInScope(ctx, caller, input.orgUnitId, '导出')
    assertYearBegun(ctx, input.year)
    if (!ctx.files) throw new Error('export.file: no file sink on this platform')
    const { table } = await assembleTable(ctx.store, unit, input.year, { signer: input.signer, version: input.version, attachment: input.attachment })
    const { renderTable } = await import('../../export/render')
    const completeness = input.format === 'xlsx' ? await completenessSheet(ctx, unit, input.year) : undefined
    const { buffer, name, contentType } = await renderTable(table, input.format, completeness)
    const stored = await ctx.files.put(name, buffer, contentType)
    return { url: stored.url, name, expiresAt: stored.expiresAt }
  }
)

/**
 * Saves an editor's 完成情况 over the draft, or clears it (`text: null`)
 * so the draft shows again. Every change is kept in the store's history.
 */
export const exportNarrative = defineAction(
  'export.narrative',
  z.strictObject({ indicatorCode: matching(CODE_PATTERN), orgUnitId: matching(ID_PATTERN), year: Year, text: z.nullable(prose(2000, 1)) }),
  async (ctx, input) => {
    const caller = requireTableEditor(ctx, '修改')
    const unit = await unitInScope(ctx, caller, input.orgUnitId, '修改')
    assertYearBegun(ctx, input.year)
    const ind = await ctx.store.getIndicator(input.indicatorCode, input.year)
    if (!ind) throw new ApiError('NOT_FOUND', '没有这个指标')
    if (!inTable(ind, unit, input.year)) {
      const message = '这个指标不在该单位这一年的自查表里'
      throw new ApiError('BAD_INPUT', message, { issues: [{ path: 'indicatorCode', message }] })
    }
    const who = { indicatorCode: ind.code, orgUnitId: unit.id, year: input.year, byId: caller.person.id, byName: caller.person.name, at: ctx.clock.now().toISOString() }
    if (input.text === null) {
      await ctx.store.clearNarrative(who)
      return { narrative: null }
    }
    // The same cleaning the table applies, so what is stored is what prints.
    const text = cleanText(input.text)
    if (!text) {
      const message = '请填写完成情况；要恢复自动生成的草稿，请选择清除'
      throw new ApiError('BAD_INPUT', message, { issues: [{ path: 'text', message }] })
    }
    if ((await ctx.text.check(text, ctx.openid)) === 'risky') throw new ApiError('REJECTED_TEXT')
    const narrative: NarrativeOverride = { ...who, text }
    await ctx.store.putNarrative(narrative)
    return { narrative }
  }
)

/**
 * Every change to one row's 完成情况 in one unit's table, oldest first:
 * who wrote what, and who cleared it back to the draft (`text: null`).
 */
export const exportNarrativeHistory = defineAction(
  'export.narrativeHistory',
  z.strictObject({ indicatorCode: matching(CODE_PATTERN), orgUnitId: matching(ID_PATTERN), year: Year }),
  async (ctx, input) => {
    const caller = requireTableEditor(ctx, '查看')
    const unit = await unitInScope(ctx, caller, input.orgUnitId, '查看')
    return { changes: await ctx.store.narrativeHistory(input.indicatorCode, unit.id, input.year) }
  }
)
