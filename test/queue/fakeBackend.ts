import type { ApiErrorBody, ApiResult } from '../../src/core/errors'
import type { ReportDraftInput } from '../../src/core/report'
import type { QueueBackend, SyncItemResult } from '../../src/services/queue'
import { NetworkError } from '../../src/services/transport/types'

type Failure = 'network' | ApiErrorBody

interface StoredReport {
  id: string
  version: number
  status: string
  values: Record<string, number>
}

/**
 * The `sync` action's contract in memory: one report per (indicator, unit,
 * period), a client id stored once (a resend answers `duplicate`), a base
 * version that must match (else CONFLICT with the server's copy). Tests
 * script failures: whole calls, single items, uploads.
 */
export class FakeBackend implements QueueBackend {
  readonly reports = new Map<string, StoredReport>()
  readonly stored = new Map<string, string>() // clientId -> report id
  readonly history: { clientId: string; reportId: string; version: number }[] = []
  /** The client ids of every sync call, in order. */
  readonly calls: string[][] = []
  readonly uploads: string[] = []
  /** Next sync calls fail like this, one per call. */
  failures: Failure[] = []
  /** Items refused on every send, by client id. */
  refuse = new Map<string, ApiErrorBody>()
  /** Next uploads fail (network), one per upload. */
  uploadFailures = 0
  missingFiles = new Set<string>()
  /** A batch holding this client id is refused whole (as an oversized body would be). */
  poison: string | null = null
  /** Whether a call after the answer is lost (the server stored, the phone never heard). */
  loseAnswers = 0
  /** Milliseconds each sync call takes (real timers). */
  delayMs = 0
  inFlight = 0
  maxInFlight = 0

  async sync(drafts: ReportDraftInput[]): Promise<ApiResult<{ results: SyncItemResult[] }>> {
    this.calls.push(drafts.map((d) => d.clientId))
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
      const failure = this.failures.shift()
      if (failure === 'network') throw new NetworkError('offline')
      if (failure) return { ok: false, error: failure }
      if (this.poison && drafts.some((d) => d.clientId === this.poison)) return { ok: false, error: { code: 'BAD_INPUT', message: '内容太大，请分开提交' } }
      const results = drafts.map((d) => this.submit(d))
      if (this.loseAnswers > 0) {
        this.loseAnswers--
        throw new NetworkError('answer lost')
      }
      return { ok: true, data: { results } }
    } finally {
      this.inFlight--
    }
  }

  private submit(d: ReportDraftInput): SyncItemResult {
    const known = this.stored.get(d.clientId)
    if (known) return { clientId: d.clientId, status: 'duplicate', report: this.reports.get(known)! }
    const refusal = this.refuse.get(d.clientId)
    if (refusal) return { clientId: d.clientId, status: 'rejected', error: refusal }
    const id = `${d.indicatorCode}~${d.orgUnitId}~${d.period}`
    const current = this.reports.get(id) ?? null
    if ((current?.version ?? undefined) !== d.baseVersion) {
      return { clientId: d.clientId, status: 'rejected', error: { code: 'CONFLICT', message: '这份填报已被别人改过', current } }
    }
    const report = { id, version: (current?.version ?? 0) + 1, status: 'submitted', values: { ...d.values } }
    this.reports.set(id, report)
    this.stored.set(d.clientId, id)
    this.history.push({ clientId: d.clientId, reportId: id, version: report.version })
    return { clientId: d.clientId, status: 'accepted', report }
  }

  async upload(localPath: string, name: string): Promise<{ id: string }> {
    if (this.uploadFailures > 0) {
      this.uploadFailures--
      throw new NetworkError('upload failed')
    }
    this.uploads.push(localPath)
    return { id: `cloud://${name}` }
  }

  async fileExists(localPath: string): Promise<boolean> {
    return !this.missingFiles.has(localPath)
  }

  /** Client ids in the order the server stored them. */
  storedOrder(): string[] {
    return this.history.map((h) => h.clientId)
  }
}

let n = 0
/** A draft for the fake server; `period` varies so each is its own report. */
export function draft(over: Partial<ReportDraftInput> = {}): ReportDraftInput {
  n++
  return {
    clientId: `c-${String(n).padStart(6, '0')}`,
    indicatorCode: 'YL-133',
    orgUnitId: 'qk-s11-c01-g1',
    period: `p${n}`,
    values: { trainees: n },
    ...over
  }
}
