import type { Indicator } from '../../src/core/indicator'
import { pathIds, type OrgUnit } from '../../src/core/org'
import { periodYear } from '../../src/core/period'
import { countedDeltas, unitYearCounted } from '../../src/core/rollup'
import type { FieldChange, HistoryAction, StoredReport } from '../store/types'
import type { ApiContext, Caller } from './context'
import { ApiError } from '../../src/core/errors'
import { assertNotSigned, SIGNED_MESSAGE } from './reviewScope'

export interface WriteRequest {
  ind: Indicator
  unit: OrgUnit
  reportId: string
  actor: Caller
  action: HistoryAction
  clientId?: string
  comment?: string
  /**
   * Builds the next state from the current one (null: none yet). Called
   * again on each retry with a fresh read, so lock and version checks always
   * judge the latest copy. Throws ApiError to refuse.
   */
  build(current: StoredReport | null): StoredReport
}

export type WriteResult = { kind: 'written'; report: StoredReport } | { kind: 'duplicate'; report: StoredReport }

const MAX_ATTEMPTS = 5

function changes(before: StoredReport | null, after: StoredReport): FieldChange[] {
  const keys = [...new Set([...Object.keys(before?.values ?? {}), ...Object.keys(after.values)])].sort()
  return keys
    .map((field) => ({ field, from: before?.values[field] ?? null, to: after.values[field] ?? null }))
    .filter((c) => c.from !== c.to)
}

/**
 * The one path by which a report changes: read the unit's year and what it
 * last counted, compute the new counted contribution and the roll-up deltas
 * in core, and hand the store one atomic write. A concurrent
 * write to the same unit-year makes the store answer `stale`; we then read
 * again and recompute, so roll-ups never drift.
 */
export async function writeReport(ctx: ApiContext, req: WriteRequest): Promise<WriteResult> {
  const { store } = ctx
  const period = req.reportId.split('~')[2]
  const year = periodYear(period)
  // A signed-off total locks every report beneath it, for workers and reviewers alike.
  await assertNotSigned(store, req.ind, req.unit, period, true)
  const duplicateOf = async (reportId: string): Promise<WriteResult> => {
    const stored = await store.getReport(reportId)
    if (!stored) throw new ApiError('INTERNAL')
    if (stored.orgUnitId !== req.unit.id) throw new ApiError('BAD_INPUT', '提交编号无效，请重新提交')
    return { kind: 'duplicate', report: stored }
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // After a lost race the winner may have been this very submission, sent
    // twice at once (two servers, or a retry overtaking the first try): that
    // is a duplicate, not a conflict with itself.
    if (attempt > 0 && req.clientId) {
      const known = await store.submission(req.clientId)
      if (known) return duplicateOf(known.reportId)
    }
    const { stamp, counted } = await store.unitYear(req.ind.code, req.unit.id, year)
    const yearBefore = await store.reportsInYear(req.ind.code, req.unit.id, year)
    const current = yearBefore.find((r) => r.id === req.reportId) ?? null
    // The report as it stands was written by this very submission (its twin
    // committed between our reads): answer that, not a conflict with itself.
    if (req.clientId && current?.clientId === req.clientId) return duplicateOf(current.id)
    const next = req.build(current)
    const yearAfter = [...yearBefore.filter((r) => r.id !== next.id), next]
    const after = unitYearCounted(req.ind, req.unit.level, yearAfter)
    const outcome = await store.writeReport({
      report: next,
      expectedVersion: current?.version ?? 0,
      clientId: req.clientId,
      expectedYearStamp: stamp,
      rollupUnitIds: pathIds(req.unit.path),
      deltas: countedDeltas(req.ind.code, counted, after),
      counted: after,
      // Checked again inside the write: a sign-off committed since the check above still locks.
      ...(req.ind.reviewChain ? { lockedBy: pathIds(req.unit.path) } : {}),
      history: {
        reportId: next.id,
        at: next.updatedAt,
        actorId: req.actor.person.id,
        actorName: req.actor.person.name,
        action: req.action,
        version: next.version,
        changes: changes(current, next),
        ...(req.comment ? { comment: req.comment } : {})
      }
    })
    switch (outcome.kind) {
      case 'ok':
        return { kind: 'written', report: next }
      case 'duplicate':
        return duplicateOf(outcome.reportId)
      case 'locked':
        throw new ApiError('LOCKED', SIGNED_MESSAGE)
      case 'conflict':
      case 'stale':
        continue
    }
  }
  throw new ApiError('CONFLICT', '同时有人在改这份填报，请稍后再试')
}
