import type { ReportDraftInput } from '../../src/core/report'
import { buildDemoOrgTree } from '../../src/core/seed/orgTree'
import { DEMO_PEOPLE } from '../../src/core/seed/users'
import { queueBackend, SubmissionQueue } from '../../src/services/queue'
import { memoryStorage } from '../../src/services/storage/memoryStorage'
import type { KeyValueStorage } from '../../src/services/storage/types'
import type { Transport } from '../../src/services/transport/types'
import { login, post } from '../server/process'
import { nodeTransport } from './nodeTransport'

export interface Worker {
  personId: string
  unitId: string
  token: string
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping result order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const lane = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return out
}

/**
 * Grid workers on grids of their own, created by the admin as the product
 * does (invite.create with a new person), then logged in through the local
 * demo login. Each grid may report once per indicator and period, so
 * distinct reports need distinct grids.
 */
export async function createWorkers(base: string, count: number, prefix: string): Promise<Worker[]> {
  const taken = new Set(DEMO_PEOPLE.map((p) => p.orgUnitId))
  const grids = buildDemoOrgTree().filter((u) => u.level === 'grid' && !taken.has(u.id))
  if (count > grids.length) throw new Error(`only ${grids.length} grids`)
  const admin = await login(base, 'u-admin')
  return mapLimit(grids.slice(0, count), 8, async (grid, i) => {
    const personId = `${prefix}-${String(i).padStart(4, '0')}`
    const res = await post(base, 'invite.create', { person: { id: personId, name: '网格员', role: 'grid_worker', orgUnitId: grid.id } }, admin)
    if (!res.body.ok) throw new Error(`invite.create ${personId}: ${JSON.stringify(res.body)}`)
    return { personId, unitId: grid.id, token: await login(base, personId) }
  })
}

/**
 * The reports a grid may still send with the server's clock at 2020-12-20:
 * YL-133 for October to December and YL-BED for the fourth quarter.
 */
export const OPEN_REPORTS = [
  { indicatorCode: 'YL-133', period: '2020-10' },
  { indicatorCode: 'YL-133', period: '2020-11' },
  { indicatorCode: 'YL-133', period: '2020-12' },
  { indicatorCode: 'YL-BED', period: '2020-Q4' }
] as const

export function valuesFor(indicatorCode: string, n: number): Record<string, number> {
  return indicatorCode === 'YL-BED' ? { beds: 10 + n, elderly: 1000 } : { service_points: 1, canteens: 1, trainees: 100 + n }
}

export function reportKey(d: Pick<ReportDraftInput, 'indicatorCode' | 'orgUnitId' | 'period'>): string {
  return `${d.indicatorCode}~${d.orgUnitId}~${d.period}`
}

/** One phone: its own storage, its own session, its own queue. */
export class Phone {
  readonly storage: KeyValueStorage
  readonly worker: Worker
  readonly base: () => string
  queue: SubmissionQueue
  private readonly wrap: (t: Transport) => Transport

  constructor(worker: Worker, base: () => string, wrap: (t: Transport) => Transport = (t) => t) {
    this.worker = worker
    this.base = base
    this.wrap = wrap
    this.storage = memoryStorage()
    this.queue = this.launch(this.storage)
  }

  /** Starts the app (again) on the given storage: a new queue, as after a relaunch. */
  launch(storage: KeyValueStorage, wrap = this.wrap): SubmissionQueue {
    const transport = wrap(nodeTransport(this.base, () => this.worker.token))
    this.queue = new SubmissionQueue({ storage, backend: queueBackend(transport) })
    return this.queue
  }
}
