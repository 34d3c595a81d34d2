import type { QueueEntry } from '../../src/services/queue'
import { applyOutcome, backoffDelay, batchRefusal, classifyError, entriesToPrune, nextBatch, nextDueAt, outcomeOf, PERMANENT_CODES } from '../../src/services/queue/rules'
import { seeded } from './random'

const T0 = 1_600_000_000_000
let n = 0
function entry(over: Partial<QueueEntry> = {}): QueueEntry {
  n++
  const id = `e-${String(n).padStart(6, '0')}`
  return {
    v: 1,
    id,
    createdAt: T0,
    updatedAt: T0,
    attempts: 0,
    status: 'pending',
    nextAttemptAt: T0,
    payload: { clientId: id, indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01-g1', period: '2020-12', values: { trainees: 1 } },
    files: [],
    ...over
  }
}

describe('backoff', () => {
  test('base 2 s, doubling, capped at 5 min', () => {
    const top = () => 1 - 1e-12
    expect([1, 2, 3, 4, 8, 9, 20].map((a) => backoffDelay(a, top))).toEqual([1999, 3999, 7999, 15999, 255999, 299999, 299999])
  })

  test('full jitter: anywhere from 0 up to the ceiling, spread out', () => {
    const random = seeded(42)
    const delays = Array.from({ length: 2000 }, () => backoffDelay(3, random))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...delays)).toBeLessThan(8000)
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length
    expect(mean).toBeGreaterThan(3600)
    expect(mean).toBeLessThan(4400)
  })
})

describe('the next batch', () => {
  // Entries of different reports (a period each) unless a test says otherwise.
  let period = 0
  const other = (over: Partial<QueueEntry> = {}) => {
    const e = entry(over)
    return { ...e, payload: { ...e.payload, period: `2020-${String((period++ % 12) + 1).padStart(2, '0')}`, orgUnitId: `u${period}` } }
  }

  test('first in first out, at most the limit', () => {
    const es = Array.from({ length: 7 }, () => other())
    expect(nextBatch(es, T0, { maxCount: 5, maxBytes: 1e6 }).map((e) => e.id)).toEqual(es.slice(0, 5).map((e) => e.id))
  })

  test('settled entries are skipped, never in the way', () => {
    const es = [other({ status: 'synced' }), other(), other({ status: 'rejected' }), other({ status: 'conflict' }), other()]
    expect(nextBatch(es, T0).map((e) => e.id)).toEqual([es[1].id, es[4].id])
  })

  test('an entry still backing off holds back only its own report; the others go ahead', () => {
    const waiting = other({ nextAttemptAt: T0 + 5000 })
    const sameReport = { ...entry(), payload: { ...entry().payload, period: waiting.payload.period, orgUnitId: waiting.payload.orgUnitId } }
    const es = [other(), waiting, { ...sameReport, payload: { ...sameReport.payload, clientId: sameReport.id } }, other()]
    expect(nextBatch(es, T0).map((e) => e.id)).toEqual([es[0].id, es[3].id])
    expect(nextBatch(es, T0 + 5000).map((e) => e.id)).toEqual([es[0].id, es[1].id, es[3].id])
    expect(nextBatch(es, T0, undefined, true).map((e) => e.id)).toEqual([es[0].id, es[1].id, es[3].id])
    // Held for this flush (retried a moment ago): the same as backing off.
    expect(nextBatch(es, T0 + 5000, undefined, true, new Set([`YL-133~${waiting.payload.orgUnitId}~${waiting.payload.period}`])).map((e) => e.id)).toEqual([es[0].id, es[3].id])
    expect(nextDueAt(es.slice(1))).toBe(T0)
    expect(nextDueAt([waiting])).toBe(T0 + 5000)
    expect(nextDueAt([entry({ status: 'synced' })])).toBeNull()
  })

  test('entries of one report stay in order, one per batch', () => {
    const es = [entry(), entry(), entry()]
    expect(nextBatch(es, T0).map((e) => e.id)).toEqual([es[0].id])
    expect(nextBatch(es.slice(1), T0).map((e) => e.id)).toEqual([es[1].id])
  })

  test('one entry is taken even when alone it exceeds the byte budget', () => {
    const es = [other(), other()]
    expect(nextBatch(es, T0, { maxCount: 50, maxBytes: 10 })).toHaveLength(1)
  })
})

describe('what an answer means', () => {
  const e = entry()
  const report = { id: 'YL-133~qk-s11-c01-g1~2020-12', version: 2, status: 'submitted' }

  test('accepted and duplicate are both synced, keeping the server report', () => {
    for (const status of ['accepted', 'duplicate'] as const) {
      expect(outcomeOf(e, { clientId: e.id, status, report })).toEqual({ kind: 'synced', server: { reportId: report.id, version: 2, status: 'submitted' } })
    }
  })

  test.each(PERMANENT_CODES)('%s is kept as rejected', (code) => {
    expect(outcomeOf(e, { clientId: e.id, status: 'rejected', error: { code, message: 'x' } }).kind).toBe('rejected')
  })

  test('CONFLICT with the server copy is a conflict; without one it is a race to retry', () => {
    expect(classifyError({ code: 'CONFLICT', message: 'x', current: { version: 3 } })).toMatchObject({ kind: 'conflict', current: { version: 3 } })
    expect(classifyError({ code: 'CONFLICT', message: 'x', current: null })).toMatchObject({ kind: 'conflict', current: null })
    expect(classifyError({ code: 'CONFLICT', message: '同时有人在改这份填报，请稍后再试' }).kind).toBe('retry')
  })

  test('RATE_LIMITED, INTERNAL, UNAUTHENTICATED, a missing or mismatched result: retry', () => {
    for (const code of ['RATE_LIMITED', 'INTERNAL', 'UNAUTHENTICATED'] as const) expect(classifyError({ code, message: 'x' }).kind).toBe('retry')
    expect(outcomeOf(e, undefined).kind).toBe('retry')
    expect(outcomeOf(e, { clientId: 'someone-else', status: 'accepted', report }).kind).toBe('retry')
  })

  test('a retry counts the attempt and schedules by backoff; success clears the error', () => {
    const failed = applyOutcome(e, { kind: 'retry', error: { code: 'NETWORK', message: 'x' } }, T0, () => 0.5)
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: T0 + 1000, lastError: { code: 'NETWORK' } })
    const ok = applyOutcome(failed, { kind: 'synced', server: { reportId: 'r', version: 1, status: 'submitted' } }, T0 + 1, () => 0.5)
    expect(ok).toEqual({ ...e, attempts: 1, nextAttemptAt: T0 + 1000, updatedAt: T0 + 1, status: 'synced', server: { reportId: 'r', version: 1, status: 'submitted' } })
    expect(e.status).toBe('pending') // entries are replaced, not mutated
  })

  test('a whole batch refused for good is halved; a batch of one takes the refusal', () => {
    expect(batchRefusal({ code: 'BAD_INPUT', message: '内容太大' }, 50)).toEqual({ kind: 'shrink', maxCount: 25 })
    expect(batchRefusal({ code: 'BAD_INPUT', message: '内容太大' }, 1)).toMatchObject({ kind: 'outcome', outcome: { kind: 'rejected' } })
    expect(batchRefusal({ code: 'INTERNAL', message: 'x' }, 50)).toMatchObject({ kind: 'outcome', outcome: { kind: 'retry' } })
  })
})

test('pruning drops only synced entries: the old ones, and beyond the newest N', () => {
  const day = 86400_000
  const es = [
    entry({ status: 'synced', updatedAt: T0 - 8 * day }),
    entry({ status: 'rejected', updatedAt: T0 - 30 * day }),
    entry({ status: 'pending', updatedAt: T0 - 30 * day }),
    entry({ status: 'synced', updatedAt: T0 - 3 }),
    entry({ status: 'synced', updatedAt: T0 - 2 }),
    entry({ status: 'synced', updatedAt: T0 - 1 })
  ]
  expect(entriesToPrune(es, T0, { keepSyncedMs: 7 * day, maxSynced: 2 })).toEqual([es[3].id, es[0].id])
})
