import * as z from 'zod/mini'
import { ReportDraftSchema } from '../../../src/core/schema/report'
import { listOf } from '../../../src/core/schema/builders'
import { defineAction } from '../action'
import { ApiError } from '../../../src/core/errors'
import { requireCaller } from '../scope'
import { submitDraft } from '../submission'

export const submit = defineAction('submit', z.strictObject({ report: ReportDraftSchema }), async (ctx, { report }) => {
  return submitDraft(ctx, requireCaller(ctx), report)
})

export const MAX_SYNC_BATCH = 100

/**
 * A batch from the offline queue. Each item succeeds or fails on its own,
 * in order; a rejected item never blocks the ones after it, and carries a
 * stable code so the queue knows whether to keep retrying.
 */
export const sync = defineAction(
  'sync',
  z.strictObject({ reports: listOf(z.unknown(), MAX_SYNC_BATCH, 1) }),
  async (ctx, { reports }) => {
    const caller = requireCaller(ctx)
    const results = []
    for (const raw of reports) {
      const parsed = ReportDraftSchema.safeParse(raw)
      const clientId = typeof (raw as { clientId?: unknown })?.clientId === 'string' ? (raw as { clientId: string }).clientId : null
      if (!parsed.success) {
        results.push({ clientId, status: 'rejected' as const, error: { code: 'BAD_INPUT' as const, message: '填报内容格式不对' } })
        continue
      }
      try {
        const out = await submitDraft(ctx, caller, parsed.data)
        results.push({ clientId, status: out.status, report: out.report })
      } catch (e) {
        if (!(e instanceof ApiError) || e.code === 'INTERNAL') throw e
        results.push({ clientId, status: 'rejected' as const, error: e.toBody() })
      }
    }
    return { results }
  }
)
