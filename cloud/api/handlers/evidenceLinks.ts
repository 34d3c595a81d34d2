import * as z from 'zod/mini'
import { listOf, text } from '../../../src/core/schema/builders'
import { ApiError } from '../../../src/core/errors'
import { defineAction } from '../action'
import { canRead, requireCaller } from '../scope'

const LinkInput = z.strictObject({
  /** The report whose evidence is shown: the scope check runs on it. */
  reportId: text(120, 1),
  ids: listOf(text(300, 1), 50, 1)
})

/**
 * Links for showing a report's evidence on a phone that did not upload it
 * (CloudBase: the storage rule lets only the uploader read a file). The
 * caller must be able to read the report (its unit or one above it, as for
 * `history`); only ids that are evidence of that report get a link, so a
 * file id learnt elsewhere gives nothing. A report out of scope answers like
 * a missing one.
 */
export const evidenceLinks = defineAction('evidence.links', LinkInput, async (ctx, { reportId, ids }) => {
  const caller = requireCaller(ctx)
  const report = await ctx.store.getReport(reportId)
  if (!report || !canRead(caller, report.unitPath)) throw new ApiError('NOT_FOUND', '没有找到这份填报')
  const named = new Set(report.evidence.map((e) => e.id))
  const wanted = [...new Set(ids)].filter((id) => named.has(id) && id.startsWith('cloud://'))
  if (!ctx.fileLinks || wanted.length === 0) return { links: {} }
  return { links: await ctx.fileLinks.links(wanted) }
})
