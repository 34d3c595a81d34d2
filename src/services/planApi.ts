import type { IndicatorInput } from '../core/indicator'
import type { allocate } from '../../cloud/api/handlers/allocate'
import type { planList, planPublish } from '../../cloud/api/handlers/plan'
import type { planImport } from '../../cloud/api/handlers/planImport'
import { ApiFailure } from './api'
import { getServices } from '.'

/**
 * The plan actions (docs/api.md: plan.list, plan.publish, plan.allocate,
 * plan.import, plan.years), typed for the plan subpackage only, so the
 * main package never carries them. Throws ApiFailure on `{ ok: false }`.
 */
type Data<A extends { run: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<A['run']>>
export type PlanListData = Data<typeof planList>
export type PublishData = Data<typeof planPublish>
export type AllocateData = Data<typeof allocate>
export type ImportData = Data<typeof planImport>

async function call<T>(action: string, payload: unknown): Promise<T> {
  const res = await getServices().api.transport.call<T>(action, payload)
  if (!res.ok) throw new ApiFailure(res.error)
  return res.data
}

export const planApi = {
  years: () => call<{ years: number[]; thisYear: number }>('plan.years', {}),
  list: (year?: number) => call<PlanListData>('plan.list', year === undefined ? {} : { year }),
  publish: (input: { year: number; indicators: IndicatorInput[]; retire: string[]; dryRun: boolean }) => call<PublishData>('plan.publish', input),
  allocate: (input: { code: string; year: number; targetId: string; parentId?: string; shares: { unitId: string; value: number }[] }) => call<AllocateData>('plan.allocate', input),
  importFile: (input: { name: string; base64: string }) => call<ImportData>('plan.import', input)
}

/**
 * The import page hands its draft to the designer through this one slot,
 * in memory: the draft is the admin's unpublished work and is never stored
 * on the server (nothing half-imported can be published by anyone else).
 * Leaving the app drops it; the file can be imported again.
 */
let pendingDraft: { year: number; items: IndicatorInput[]; warnings: string[] } | null = null

export function handDraftToDesigner(draft: { year: number; items: IndicatorInput[]; warnings: string[] }): void {
  pendingDraft = draft
}

export function takeDraft(): { year: number; items: IndicatorInput[]; warnings: string[] } | null {
  const d = pendingDraft
  pendingDraft = null
  return d
}
