import * as z from 'zod/mini'
import { zhCN } from 'zod/locales'
import type { Action } from './action'
import type { ApiContext } from './context'
import { ApiError, type ApiResult } from '../../src/core/errors'
import { assignIndicator, copyPlan, createInvite, planYears, putIndicator, rebuildRollups, rebuildStatus } from './handlers/admin'
import { allocate } from './handlers/allocate'
import { catalog } from './handlers/catalog'
import { planImport } from './handlers/planImport'
import { planList, planPublish } from './handlers/plan'
import { planBackfill } from './handlers/backfill'
import { openPeriod } from './handlers/late'
import { completeness, completenessFile, completenessRemind } from './handlers/completeness'
import { exportFile, exportNarrative, exportNarrativeHistory, exportTable } from './handlers/export'
import { evidenceLinks } from './handlers/evidenceLinks'
import { bind, logout, me } from './handlers/identity'
import { pending } from './handlers/pending'
import { progress } from './handlers/progress'
import { reminderGrant, reminderOutbox, reminderRun, reminderStatus } from './handlers/reminders'
import { history, reports, review, reviewBatch } from './handlers/review'
import { signoff, signoffBatch, signoffView } from './handlers/signoff'
import { reviewContext } from './handlers/reviewContext'
import { addPerson, deactivatePerson, listPeople, movePerson, reactivatePerson, setPersonRole } from './handlers/people'
import { inviteCommunity } from './handlers/invites'
import { submit, sync } from './handlers/submit'
import { ORG_ACTIONS } from './handlers/org'

const ACTIONS: Action[] = [
  ...[bind, me, logout, catalog, pending, submit, sync, review, reports, history, progress, putIndicator, assignIndicator, createInvite],
  ...[reminderStatus, reminderGrant, reminderRun, reminderOutbox],
  ...[exportTable, exportNarrative, exportFile, exportNarrativeHistory],
  planImport,
  ...[copyPlan, planYears, allocate, rebuildRollups, rebuildStatus, openPeriod],
  ...ORG_ACTIONS,
  ...[completeness, completenessFile, completenessRemind],
  ...[reviewBatch, reviewContext, signoffView, signoff, signoffBatch],
  evidenceLinks,
  ...[planList, planPublish],
  planBackfill,
  ...[listPeople, addPerson, movePerson, setPersonRole, deactivatePerson, reactivatePerson, inviteCommunity]
] as Action[]

/** Actions that make sense before the caller is known. */
const PUBLIC_ACTIONS: ReadonlySet<string> = new Set(['bind'])

export const ACTION_TABLE: ReadonlyMap<string, Action> = new Map(ACTIONS.map((a) => [a.name, a]))

export interface Logger {
  error(msg: string, err: unknown): void
}

/**
 * The single entry for both platforms: validate the payload, run the
 * action, and turn every outcome into the one envelope. Unexpected errors
 * become INTERNAL with the Chinese message; their detail goes to the log.
 */
export async function dispatch(ctx: ApiContext, action: string, payload: unknown, log?: Logger): Promise<ApiResult<unknown>> {
  try {
    const def = ACTION_TABLE.get(action)
    if (!def) throw new ApiError('NOT_FOUND', '没有这个操作')
    // Who is asking comes before what they ask: an anonymous caller learns
    // nothing about payload rules.
    if (!ctx.caller && !PUBLIC_ACTIONS.has(action)) throw new ApiError('UNAUTHENTICATED')
    const parsed = def.input.safeParse(payload ?? {})
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
      throw new ApiError('BAD_INPUT', undefined, { issues })
    }
    return { ok: true, data: await def.run(ctx, parsed.data) }
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e.toBody() }
    log?.error(`action ${action} failed`, e)
    return { ok: false, error: new ApiError('INTERNAL').toBody() }
  }
}

/** Chinese validation messages on the server (the client never loads them). */
export function useChineseMessages(): void {
  z.config(zhCN())
}
