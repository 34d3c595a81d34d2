import { memoryStorage } from '../../src/services/storage/memoryStorage'
import { ENTRY_PREFIX, INDEX_KEY, QUARANTINE_PREFIX, quarantineNotice, SubmissionQueue, type QueueEntry } from '../../src/services/queue'
import { draft, FakeBackend } from './fakeBackend'
import { FakeClock, seeded } from './random'
import { killable, setup } from './setup'

async function queued(n: number) {
  const ctx = setup()
  const ds = Array.from({ length: n }, () => draft())
  for (const d of ds) {
    await ctx.queue.enqueue(d)
    ctx.clock.advance(1000)
  }
  return { ...ctx, ids: ds.map((d) => d.clientId) }
}

describe('corrupted storage', () => {
  test('a corrupted entry is quarantined and reported while the others go through', async () => {
    const { storage, backend, make, ids } = await queued(4)
    await storage.set(ENTRY_PREFIX + ids[1], 'garbage{')
    const damaged = { ...((await storage.get<QueueEntry>(ENTRY_PREFIX + ids[2])) as QueueEntry) } as Partial<QueueEntry>
    delete damaged.status
    await storage.set(ENTRY_PREFIX + ids[2], damaged)

    const queue = make()
    const load = await queue.ready()
    expect(load.quarantined.map((q) => q.id)).toEqual([ids[1], ids[2]])
    expect(load.quarantined[1].reason).toMatch(/status/)
    expect(queue.snapshot().quarantined).toHaveLength(2)
    expect(quarantineNotice(queue.snapshot().quarantined.length)).toContain('2 条')

    const report = await queue.flush()
    expect(report).toMatchObject({ synced: 2, pending: 0, stopped: null })
    expect(backend.storedOrder()).toEqual([ids[0], ids[3]])
    // The bad values are kept aside for support, out of the queue's keys.
    expect(await storage.get(QUARANTINE_PREFIX + ids[1])).toMatchObject({ raw: 'garbage{', key: ENTRY_PREFIX + ids[1] })
    expect(await storage.get(ENTRY_PREFIX + ids[1])).toBeUndefined()
    expect(await storage.get(INDEX_KEY)).toEqual([ids[0], ids[3]])

    // Still reported after another restart, until support clears it.
    const later = make()
    expect((await later.ready()).quarantined).toEqual([])
    expect(later.snapshot().quarantined.map((q) => q.id).sort()).toEqual([ids[1], ids[2]].sort())
    await later.clearQuarantine(ids[1])
    expect(later.snapshot().quarantined.map((q) => q.id)).toEqual([ids[2]])
  })

  test('a value under the wrong key, or with another client id, is not trusted', async () => {
    const { storage, make, ids } = await queued(2)
    const other = await storage.get<QueueEntry>(ENTRY_PREFIX + ids[0])
    await storage.set(ENTRY_PREFIX + ids[1], other)
    expect((await make().ready()).quarantined.map((q) => q.reason)).toEqual(['id does not match its key'])
  })

  test('a damaged index is rebuilt from the entries, oldest first', async () => {
    const { storage, make, ids } = await queued(3)
    await storage.set(INDEX_KEY, { not: 'a list' })
    const queue = make()
    expect((await queue.ready()).quarantined.map((q) => q.id)).toEqual(['index'])
    expect((await queue.entries()).map((e) => e.id)).toEqual(ids)
    expect(await storage.get(INDEX_KEY)).toEqual(ids)
  })
})

describe('a kill between two writes', () => {
  test('an entry saved but not yet indexed is adopted; an indexed id without its entry is dropped', async () => {
    const { storage, make, ids } = await queued(3)
    await storage.set(INDEX_KEY, [ids[0], 'gone-0000001', ids[1]])
    const queue = make()
    expect((await queue.ready()).adopted).toEqual([ids[2]])
    expect((await queue.entries()).map((e) => e.id)).toEqual(ids)
    expect(await storage.get(INDEX_KEY)).toEqual(ids)
  })

  test('a re-submission saved before its refused original was removed: the original goes on load', async () => {
    const { storage, backend, queue, make, ids } = await queued(1)
    backend.refuse.set(ids[0], { code: 'CLOSED', message: '这一期已经截止' })
    await queue.flush()
    const fixed = await queue.retry(ids[0])
    // Put the original back, as if the app died before removing it.
    const original = { ...(await storage.get<QueueEntry>(ENTRY_PREFIX + fixed.id))!, id: ids[0], replaces: undefined, status: 'rejected' as const }
    original.payload = { ...original.payload, clientId: ids[0] }
    await storage.set(ENTRY_PREFIX + ids[0], original)
    await storage.set(INDEX_KEY, [ids[0], fixed.id])
    expect((await make().entries()).map((e) => e.id)).toEqual([fixed.id])
  })

  test('killed after any storage write, a relaunch loses nothing acknowledged and stores each once', async () => {
    let completed = false
    for (let writes = 0; !completed; writes++) {
      const inner = memoryStorage()
      const phone = killable(inner, writes)
      const backend = new FakeBackend()
      const clock = new FakeClock()
      const options = { backend, now: clock.now, random: seeded(writes), batch: { maxCount: 2, maxBytes: 1e6 } }
      const first = new SubmissionQueue({ ...options, storage: phone.storage })
      const acknowledged: string[] = []
      for (let i = 0; i < 5; i++) {
        const d = draft()
        await first
          .enqueue(d)
          .then(() => acknowledged.push(d.clientId))
          .catch(() => undefined)
      }
      await first.flush()
      completed = !phone.dead

      const second = new SubmissionQueue({ ...options, storage: inner })
      await second.flush({ ignoreBackoff: true })
      const stored = backend.storedOrder()
      expect(new Set(stored).size).toBe(stored.length) // nothing twice
      expect(stored.filter((id) => acknowledged.includes(id))).toEqual(acknowledged) // nothing lost, in order
      expect((await second.entries()).every((e) => e.status === 'synced')).toBe(true)
      expect(writes).toBeLessThan(100)
    }
  })
})
