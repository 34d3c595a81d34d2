import { entryAdvice, entryLabel, QueueError } from '../../src/services/queue'
import { draft } from './fakeBackend'
import { setup } from './setup'

describe('order and batching', () => {
  test('reports reach the server in the order they were confirmed, each once', async () => {
    const { queue, backend } = setup()
    const drafts = Array.from({ length: 7 }, () => draft())
    for (const d of drafts) await queue.enqueue(d)
    expect(await queue.unsyncedCount()).toBe(7)
    const report = await queue.flush()
    expect(report).toMatchObject({ sent: 7, synced: 7, stopped: null, pending: 0, nextAttemptAt: null })
    expect(backend.storedOrder()).toEqual(drafts.map((d) => d.clientId))
    expect((await queue.entries()).every((e) => e.status === 'synced' && e.server?.version === 1)).toBe(true)
    expect(await queue.unsyncedCount()).toBe(0)
  })

  test('batches of at most 50', async () => {
    const { queue, backend } = setup()
    for (let i = 0; i < 120; i++) await queue.enqueue(draft())
    await queue.flush()
    expect(backend.calls.map((c) => c.length)).toEqual([50, 50, 20])
  })

  test('a batch also stays under its byte budget', async () => {
    const { queue, backend } = setup({ batch: { maxCount: 50, maxBytes: 10_000 } })
    for (let i = 0; i < 6; i++) await queue.enqueue(draft({ narrative: '说'.repeat(1000) }))
    await queue.flush()
    // ~3.1 KB each: three fit in 10 KB.
    expect(backend.calls.map((c) => c.length)).toEqual([3, 3])
  })

  test('one flush at a time: a second call gets the same promise, and entries added meanwhile go too', async () => {
    const { queue, backend } = setup({ batch: { maxCount: 2, maxBytes: 1e6 } })
    backend.delayMs = 5
    for (let i = 0; i < 3; i++) await queue.enqueue(draft())
    const first = queue.flush()
    const late = draft()
    await queue.enqueue(late)
    const second = queue.flush({ ignoreBackoff: true })
    expect(second).toBe(first)
    const report = await first
    expect(backend.maxInFlight).toBe(1)
    expect(report.synced).toBe(4)
    expect(backend.storedOrder().at(-1)).toBe(late.clientId)
    // Once done, a new call starts a new flush.
    expect(queue.flush()).not.toBe(first)
  })

  test('enqueuing the same client id twice keeps one entry', async () => {
    const { queue } = setup()
    const d = draft()
    await queue.enqueue(d)
    await queue.enqueue(d)
    expect(await queue.entries()).toHaveLength(1)
  })
})

describe('retry with backoff', () => {
  test('no answer: everything stays, the flush stops at once, and each sent entry waits its own backoff', async () => {
    const { queue, backend, clock } = setup({ batch: { maxCount: 2, maxBytes: 1e6 } })
    for (let i = 0; i < 5; i++) await queue.enqueue(draft())
    backend.failures = ['network']
    const report = await queue.flush()
    expect(report.stopped).toMatchObject({ reason: 'network' })
    expect(backend.calls).toHaveLength(1)
    const [first, second, ...rest] = await queue.entries()
    for (const e of [first, second]) {
      expect(e).toMatchObject({ status: 'pending', attempts: 1, lastError: { code: 'NETWORK' } })
      expect(e.nextAttemptAt).toBeGreaterThanOrEqual(clock.t)
      expect(e.nextAttemptAt).toBeLessThan(clock.t + 2000)
    }
    expect(rest.every((e) => e.status === 'pending' && e.attempts === 0)).toBe(true)

    // A timer flush before they are due sends the other reports only.
    const due = Math.max(first.nextAttemptAt, second.nextAttemptAt)
    expect(due).toBeGreaterThan(clock.t) // true for this seed
    clock.t = Math.min(first.nextAttemptAt, second.nextAttemptAt) - 1
    expect((await queue.flush()).synced).toBe(3)
    expect(backend.calls.slice(1).flat()).toEqual(rest.map((e) => e.id))
    clock.t = due
    expect((await queue.flush()).synced).toBe(2)
  })

  test('the delay doubles per failure up to five minutes, with full jitter', async () => {
    const { queue, backend, clock } = setup({ random: () => 0.999 })
    await queue.enqueue(draft())
    const delays: number[] = []
    for (let i = 0; i < 10; i++) {
      backend.failures = ['network']
      await queue.flush({ ignoreBackoff: true })
      const [e] = await queue.entries()
      delays.push(e.nextAttemptAt - clock.t)
    }
    expect(delays).toEqual([1998, 3996, 7992, 15984, 31968, 63936, 127872, 255744, 299700, 299700])
  })

  test('5xx-like answers (INTERNAL, RATE_LIMITED) back off like no answer', async () => {
    const { queue, backend } = setup()
    await queue.enqueue(draft())
    backend.failures = [{ code: 'INTERNAL', message: '系统出了点问题' }]
    expect((await queue.flush()).stopped).toMatchObject({ reason: 'server' })
    backend.failures = [{ code: 'RATE_LIMITED', message: '太频繁' }]
    await queue.flush({ ignoreBackoff: true })
    const [e] = await queue.entries()
    expect(e).toMatchObject({ status: 'pending', attempts: 2, lastError: { code: 'RATE_LIMITED' } })
  })

  test('an expired login stops the flush and keeps everything', async () => {
    const { queue, backend } = setup()
    await queue.enqueue(draft())
    backend.failures = [{ code: 'UNAUTHENTICATED', message: '请先登录' }]
    const report = await queue.flush()
    expect(report.stopped).toMatchObject({ reason: 'login' })
    expect(report.pending).toBe(1)
    expect(entryAdvice((await queue.entries())[0])).toContain('重新登录')
  })

  test('a retryable item mid-batch: the others are recorded as the server stored them and the rest go on; it waits its backoff', async () => {
    const { queue, backend, clock } = setup({ batch: { maxCount: 3, maxBytes: 1e6 } })
    const ds = Array.from({ length: 5 }, () => draft())
    for (const d of ds) await queue.enqueue(d)
    backend.refuse.set(ds[1].clientId, { code: 'CONFLICT', message: '同时有人在改这份填报，请稍后再试' })
    const report = await queue.flush()
    expect(report).toMatchObject({ synced: 4, stopped: { reason: 'server', entryId: ds[1].clientId } })
    expect(backend.calls).toHaveLength(2) // entry 2 is not sent again in the same flush
    expect((await queue.entries()).map((e) => e.status)).toEqual(['synced', 'pending', 'synced', 'synced', 'synced'])
    backend.refuse.clear()
    clock.advance(5 * 60_000)
    expect((await queue.flush()).synced).toBe(1)
  })

  test('an answer lost on the way back: the resend is a duplicate, stored once', async () => {
    const { queue, backend } = setup()
    for (let i = 0; i < 3; i++) await queue.enqueue(draft())
    backend.loseAnswers = 1
    expect((await queue.flush()).synced).toBe(0)
    expect(backend.history).toHaveLength(3)
    expect((await queue.flush({ ignoreBackoff: true })).synced).toBe(3)
    expect(backend.history).toHaveLength(3)
  })
})

describe('refusals are kept', () => {
  test('a permanent refusal stays, marked, with the reason; the rest goes through', async () => {
    const { queue, backend, make } = setup()
    const ds = [draft(), draft(), draft()]
    for (const d of ds) await queue.enqueue(d)
    backend.refuse.set(ds[1].clientId, { code: 'LOCKED', message: '这份填报已审核通过，不能再修改' })
    const report = await queue.flush()
    expect(report).toMatchObject({ synced: 2, rejected: 1, stopped: null, pending: 0 })
    const rejected = (await queue.entries())[1]
    expect(rejected).toMatchObject({ status: 'rejected', lastError: { code: 'LOCKED' } })
    expect(entryLabel(rejected)).toBe('需处理')
    expect(entryAdvice(rejected)).toContain('联系审核人')
    expect(await queue.unsyncedCount()).toBe(1)

    // Further flushes leave it alone; a restart still has it.
    await queue.flush({ ignoreBackoff: true })
    expect(backend.calls).toHaveLength(1)
    const again = make()
    expect((await again.entries())[1]).toMatchObject({ id: ds[1].clientId, status: 'rejected' })
  })

  test('a fixed report is a new submission with a new client id; the refused one goes', async () => {
    const { queue, backend } = setup()
    const d = draft({ values: { trainees: 999999 } })
    await queue.enqueue(d)
    backend.refuse.set(d.clientId, { code: 'BAD_INPUT', message: '培训护理人员不能大于100000人次，请核对', issues: [{ path: 'values.trainees', message: '培训护理人员不能大于100000人次，请核对' }] })
    await queue.flush()
    const [rejected] = await queue.entries()
    expect(entryAdvice(rejected)).toBe('培训护理人员不能大于100000人次，请核对。内容有误，请按提示改好后重新提交。')

    const fixed = await queue.retry(d.clientId, { ...d, values: { trainees: 300 } })
    expect(fixed.id).not.toBe(d.clientId)
    expect(fixed.payload.clientId).toBe(fixed.id)
    expect((await queue.entries()).map((e) => e.id)).toEqual([fixed.id])
    await queue.flush()
    expect((await queue.entries())[0]).toMatchObject({ status: 'synced' })
    expect(backend.reports.get(`YL-133~qk-s11-c01-g1~${d.period}`)?.values).toEqual({ trainees: 300 })
  })

  test('a conflict keeps the server copy; "mine" re-sends on top of it, "theirs" drops the local copy', async () => {
    const { queue, backend } = setup()
    const mine = draft()
    const theirs = draft()
    for (const d of [mine, theirs]) {
      // Someone else already reported these.
      backend.reports.set(`YL-133~qk-s11-c01-g1~${d.period}`, { id: `YL-133~qk-s11-c01-g1~${d.period}`, version: 3, status: 'submitted', values: { trainees: 1 } })
      await queue.enqueue(d)
    }
    expect((await queue.flush()).conflicts).toBe(2)
    const [a, b] = await queue.entries()
    expect(a).toMatchObject({ status: 'conflict', current: { version: 3, values: { trainees: 1 } } })
    expect(entryLabel(a)).toBe('需处理')
    expect(entryAdvice(a)).toContain('对比两个版本')

    const resent = await queue.resolveConflict(a.id, 'mine')
    expect(resent?.payload.baseVersion).toBe(3)
    expect(await queue.resolveConflict(b.id, 'theirs')).toBeNull()
    await queue.flush()
    expect((await queue.entries()).map((e) => [e.id, e.status, e.server?.version])).toEqual([[resent!.id, 'synced', 4]])
  })

  test('a batch refused whole is halved until the entry at fault is found', async () => {
    const { queue, backend } = setup()
    const ds = Array.from({ length: 8 }, () => draft())
    for (const d of ds) await queue.enqueue(d)
    backend.poison = ds[5].clientId
    const report = await queue.flush()
    expect(report).toMatchObject({ synced: 7, rejected: 1, stopped: null })
    expect((await queue.entries())[5]).toMatchObject({ status: 'rejected', lastError: { code: 'BAD_INPUT' } })
    expect(backend.calls.map((c) => c.length)).toEqual([8, 4, 4, 2, 1, 1, 1, 1])
  })

  test('pending entries cannot be forgotten; settled ones can', async () => {
    const { queue } = setup()
    const d = draft()
    await queue.enqueue(d)
    await expect(queue.forget(d.clientId)).rejects.toBeInstanceOf(QueueError)
    await queue.flush()
    await queue.forget(d.clientId)
    expect(await queue.entries()).toHaveLength(0)
  })
})
