import type { ApiErrorBody } from '../core/errors'
import type { ReportDraftInput } from '../core/report'
import type { catalog } from '../../cloud/api/handlers/catalog'
import type { me } from '../../cloud/api/handlers/identity'
import type { pending } from '../../cloud/api/handlers/pending'
import type { progress } from '../../cloud/api/handlers/progress'
import type { history, reports, review, reviewBatch } from '../../cloud/api/handlers/review'
import type { reviewContext } from '../../cloud/api/handlers/reviewContext'
import type { signoff, signoffBatch, signoffView } from '../../cloud/api/handlers/signoff'
import type { submit, sync } from '../../cloud/api/handlers/submit'
import type { Transport } from './transport'

// Response types come from the handlers themselves (type-only imports:
// nothing of the server is bundled into the mini-program).
type Data<A extends { run: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<A['run']>>
export type MeData = Data<typeof me>
export type CatalogData = Data<typeof catalog>
export type PendingData = Data<typeof pending>
export type PendingItem = PendingData['items'][number]
export type ProgressData = Data<typeof progress>
export type SubmitData = Data<typeof submit>
export type SyncData = Data<typeof sync>
export type HistoryData = Data<typeof history>
export type ReportsData = Data<typeof reports>
export type ReviewData = Data<typeof review>
export type ReviewBatchData = Data<typeof reviewBatch>
export type ReviewContextData = Data<typeof reviewContext>
export type SignoffViewData = Data<typeof signoffView>
export type SignoffData = Data<typeof signoff>
export type SignoffBatchData = Data<typeof signoffBatch>

export interface DemoPerson {
  id: string
  name: string
  role: MeData['person']['role']
  orgUnitId: string
  unitName: string
}

/** A refusal from the backend, carrying its stable code and Chinese message. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiErrorBody) {
    super(error.message)
    this.name = 'ApiFailure'
  }
  get code() {
    return this.error.code
  }
}

/** Typed calls over a transport; throws ApiFailure on `{ ok: false }`. */
export function createApi(transport: Transport) {
  const call = async <T>(action: string, payload?: unknown): Promise<T> => {
    const res = await transport.call<T>(action, payload)
    if (!res.ok) throw new ApiFailure(res.error)
    return res.data
  }
  return {
    transport,
    me: () => call<MeData>('me'),
    bind: (code: string) => call<{ person: MeData['person']; token?: string }>('bind', { code }),
    catalog: () => call<CatalogData>('catalog'),
    /** Local demo mode only: the people a tester may sign in as. */
    demoPeople: () => call<{ people: DemoPerson[] }>('demo.people'),
    demoLogin: (personId: string) => call<{ token: string; person: MeData['person'] }>('demo.login', { personId }),
    pending: () => call<PendingData>('pending'),
    submit: (report: ReportDraftInput) => call<SubmitData>('submit', { report }),
    sync: (reports: ReportDraftInput[]) => call<SyncData>('sync', { reports }),
    progress: (period: string, orgUnitId?: string) => call<ProgressData>('progress', { period, ...(orgUnitId ? { orgUnitId } : {}) }),
    history: (reportId: string) => call<HistoryData>('history', { reportId }),
    reports: (query: { status?: 'submitted' | 'approved' | 'returned'; indicatorCode?: string; period?: string; orgUnitId?: string; before?: string; limit?: number }) =>
      call<ReportsData>('reports', query),
    /** Local server: short-lived links for <img> and downloads of uploaded evidence, by id (ids the caller may not see are left out). */
    fileLinks: (ids: string[]) => call<{ links: Record<string, { url: string; expiresAt: string }> }>('files.link', { ids }),
    evidenceLinks: (reportId: string, ids: string[]) => call<{ links: Record<string, { url: string; expiresAt: string }> }>('evidence.links', { reportId, ids }),
    review: (input: { reportId: string; version: number; decision: 'approve' | 'return' | 'reopen'; comment?: string; fields?: string[]; verdicts?: Record<string, 'met' | 'partial' | 'unmet'> }) =>
      call<ReviewData>('review', input),
    reviewBatch: (items: { reportId: string; version: number }[]) => call<ReviewBatchData>('review.batch', { items }),
    reviewContext: (reportId: string) => call<ReviewContextData>('review.context', { reportId }),
    signoffView: (q: { indicatorCode: string; period: string; unitId?: string }) => call<SignoffViewData>('signoff.view', q),
    signoff: (input: { indicatorCode: string; period: string; unitId: string; decision: 'sign' | 'return' | 'missing'; comment?: string; version: number }) => call<SignoffData>('signoff', input),
    signoffBatch: (input: { indicatorCode: string; period: string; items: { unitId: string; version: number }[] }) => call<SignoffBatchData>('signoff.batch', input)
  }
}

export type Api = ReturnType<typeof createApi>
