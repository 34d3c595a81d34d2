import { randomBytes } from 'node:crypto'
import * as z from 'zod/mini'
import { chinaDate } from '../../../src/core/clock'
import { ApiError } from '../../../src/core/errors'
import { readBackfill, type BackfillCell, type BackfillRefusal } from '../../../src/core/import/backfill'
import { ORG_LEVELS, type OrgUnit } from '../../../src/core/org'
import { dueDate, periodRange } from '../../../src/core/period'
import { reportId } from '../../../src/core/report'
import { prose, wholeBetween } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import type { ApiContext } from '../context'
import { writeReport } from '../reportWrite'
import { requireAdmin } from '../scope'
import { MAX_IMPORT_BASE64 } from './planImport'

const Input = z.strictObject({
  year: wholeBetween(2000, 2100),
  /** The file's name: `.xlsx` or `.csv` decides how it is read. */
  name: prose(200, 1),
  base64: z.string().check(z.maxLength(MAX_IMPORT_BASE64, '文件超过10MB，请分成几个文件补录')),
  /** true: only say what would change and what is refused; nothing is written. */
  dryRun: z.boolean(),
  /** true: the back-filled reports are stored as approved (已通过); otherwise they count as submitted (待审核). */
  approved: z._default(z.boolean(), false)
})

export interface BackfillChange {
  row: number
  unitId: string
  unitName: string
  indicatorCode: string
  period: string
  field: string
  /** The value stored now; null when the report or the field has none. */
  from: number | null
  to: number
}

async function allUnits(ctx: ApiContext, root: OrgUnit): Promise<OrgUnit[]> {
  const below = await Promise.all(ORG_LEVELS.filter((l) => l !== root.level).map((l) => ctx.store.unitsUnder(root.path, l)))
  return [root, ...below.flat()]
}

/** The cells grouped into one report each: indicator × unit × period. */
function byReport(cells: BackfillCell[]): Map<string, BackfillCell[]> {
  const out = new Map<string, BackfillCell[]>()
  for (const c of cells) {
    const id = reportId(c.indicatorCode, c.unitId, c.period)
    out.set(id, [...(out.get(id) ?? []), c])
  }
  return out
}

/**
 * Back-fills a year's figures from a spreadsheet (units × periods × fields,
 * xlsx or csv; layout in src/core/import/backfill.ts). A dry run lists
 * every row it would change and every row it refuses with the reason; a
 * real run writes nothing if any row is refused. Each report goes through
 * the same write path as a submit (roll-ups move by their deltas, history
 * records a `backfill`), merged over the figures already stored. Back-filled
 * reports count as submitted (待审核) unless `approved` is set; a period
 * first filled this way is late.
 */
export const planBackfill = defineAction('plan.backfill', Input, async (ctx, input) => {
  const caller = requireAdmin(ctx)
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.base64)) throw new ApiError('BAD_INPUT', '文件内容不完整，请重新上传', { issues: [{ path: 'base64', message: '不是 base64' }] })
  const { readBackfillFile } = await import('../../import/backfillFile')
  const { format, rows } = await readBackfillFile(input.name, Buffer.from(input.base64, 'base64'))
  const [indicators, units] = await Promise.all([ctx.store.listIndicators(input.year), allUnits(ctx, caller.unit)])
  const read = readBackfill(rows, input.year, indicators, units)
  const refused: BackfillRefusal[] = [...read.refused]
  const changes: BackfillChange[] = []
  const unchanged: number[] = []
  const today = chinaDate(ctx.clock.now())
  const groups = byReport(read.cells)
  for (const [id, cells] of groups) {
    const current = await ctx.store.getReport(id)
    for (const c of cells) {
      if (periodRange(c.period).start > today) refused.push({ row: c.row, message: `第${c.row}行：${c.period}还没开始，不能补录` })
      else if (current?.status === 'approved' && !input.approved) refused.push({ row: c.row, message: `第${c.row}行：${c.unitName}${c.period}的填报已审核通过，请先重新打开，或选“补录即通过”后再补录` })
      else {
        const from = current?.values[c.field] ?? null
        if (from === c.value && (current?.status === 'approved') === input.approved) unchanged.push(c.row)
        else changes.push({ row: c.row, unitId: c.unitId, unitName: c.unitName, indicatorCode: c.indicatorCode, period: c.period, field: c.field, from, to: c.value })
      }
    }
  }
  refused.sort((a, b) => a.row - b.row)
  changes.sort((a, b) => a.row - b.row)
  const summary = { year: input.year, format, approved: input.approved, changes, unchanged, refused }
  if (input.dryRun) return { ...summary, dryRun: true, written: 0 }
  if (refused.length > 0) {
    throw new ApiError('BAD_INPUT', `有${refused.length}行不能补录，什么都没有写入：${refused[0].message}`, { issues: refused.map((r) => ({ path: `row ${r.row}`, message: r.message })) })
  }
  const byCode = new Map(indicators.map((i) => [i.code, i]))
  const byId = new Map(units.map((u) => [u.id, u]))
  const changed = new Set(changes.map((c) => reportId(c.indicatorCode, c.unitId, c.period)))
  let written = 0
  for (const [id, cells] of groups) {
    if (!changed.has(id)) continue
    const ind = byCode.get(cells[0].indicatorCode)!
    const unit = byId.get(cells[0].unitId)!
    const at = ctx.clock.now().toISOString()
    const clientId = `backfill-${randomBytes(12).toString('hex')}`
    await writeReport(ctx, {
      ind,
      unit,
      reportId: id,
      actor: caller,
      action: 'backfill',
      clientId,
      comment: input.approved ? '表格补录（补录即通过）' : '表格补录',
      build(current) {
        const values = { ...(current?.values ?? {}) }
        for (const c of cells) values[c.field] = c.value
        return {
          id,
          clientId,
          indicatorCode: ind.code,
          orgUnitId: unit.id,
          unitPath: unit.path,
          period: cells[0].period,
          values,
          dates: current?.dates ?? {},
          narrative: current?.narrative ?? '',
          evidence: current?.evidence ?? [],
          reasons: current?.reasons ?? {},
          ...(current?.approx?.length ? { approx: current.approx } : {}),
          ...(current?.declaredRate !== undefined ? { declaredRate: current.declaredRate } : {}),
          status: input.approved ? 'approved' : 'submitted',
          version: (current?.version ?? 0) + 1,
          submittedBy: caller.person.id,
          submittedAt: current?.submittedAt ?? at,
          // Timeliness keeps the first delivery; a period first filled by a back-fill is late unless still within its due date.
          onTime: current ? current.onTime : today <= dueDate(cells[0].period, ind.due),
          updatedAt: at,
          returnedFields: [],
          verdicts: current?.verdicts ?? {}
        }
      }
    })
    written++
  }
  return { ...summary, dryRun: false, written }
})
