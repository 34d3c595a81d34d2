import { memoryStorage } from '../../src/services/storage/memoryStorage'
import type { KeyValueStorage } from '../../src/services/storage/types'
import { ENTRY_PREFIX, INDEX_KEY, QueueError, type QueueSnapshot } from '../../src/services/queue'
import { draft } from './fakeBackend'
import { setup } from './setup'

describe('restart and storage', () => {
  test('a new queue on the same storage resumes where the old one stopped', async () => {
    const { queue, backend, make } = setup({ batch: { maxCount: 4, maxBytes: 1e6 } })
    const ds = Array.from({ length: 10 }, () => draft())
    for (const d of ds) await queue.enqueue(d)
    // The second call dies mid-way (the server stores nothing of it here).
    const realSync = backend.sync.bind(backend)
    let calls = 0
    backend.sync = async (drafts) => {
      if (++calls === 2) throw new Error('socket hang up')
      return realSync(drafts)
    }
    await queue.flush()
    expect((await queue.entries()).filter((e) => e.status === 'synced')).toHaveLength(4)

    const restarted = make()
    expect(await restarted.unsyncedCount()).toBe(6)
    await restarted.flush({ ignoreBackoff: true })
    expect(backend.storedOrder()).toEqual(ds.map((d) => d.clientId))
    expect(backend.calls.slice(1).flat()).toEqual(ds.slice(4).map((d) => d.clientId))
  })

  test('an entry over ~900 KB is refused with a Chinese message; nothing else is lost', async () => {
    const { queue, storage } = setup()
    const kept = draft()
    await queue.enqueue(kept)
    const huge = draft({ narrative: '很'.repeat(320_000) })
    const err = await queue.enqueue(huge).catch((e) => e)
    expect(err).toBeInstanceOf(QueueError)
    expect(err).toMatchObject({ code: 'TOO_LARGE' })
    expect(err.message).toMatch(/存不下/)
    expect(await storage.get(ENTRY_PREFIX + huge.clientId)).toBeUndefined()
    expect(await storage.get(INDEX_KEY)).toEqual([kept.clientId])
  })

  test('storage full: the confirm fails visibly and what was queued stays', async () => {
    const inner = memoryStorage()
    let full = false
    const storage: KeyValueStorage = {
      ...inner,
      async set(key, value) {
        if (full) throw new Error('setStorage:fail exceed storage max size 10Mb')
        return inner.set(key, value)
      }
    }
    const { queue } = setup({ storage })
    const kept = draft()
    await queue.enqueue(kept)
    full = true
    await expect(queue.enqueue(draft())).rejects.toMatchObject({ code: 'STORAGE', message: expect.stringMatching(/存储空间不足/) })
    expect((await queue.entries()).map((e) => e.id)).toEqual([kept.clientId])
  })

  test('synced entries are kept a while for 已同步, then pruned; others never', async () => {
    const { queue, backend, clock } = setup({ prune: { keepSyncedMs: 86400_000, maxSynced: 3 } })
    const ds = Array.from({ length: 6 }, () => draft())
    for (const d of ds) await queue.enqueue(d)
    backend.refuse.set(ds[0].clientId, { code: 'CLOSED', message: '这一期已经截止' })
    await queue.flush()
    expect((await queue.entries()).map((e) => e.status)).toEqual(['rejected', 'synced', 'synced', 'synced'])
    clock.advance(86400_000 + 1)
    await queue.enqueue(draft())
    await queue.flush()
    expect((await queue.entries()).map((e) => e.status)).toEqual(['rejected', 'synced'])
  })

  test('listeners see every change, with counts and whether a flush runs', async () => {
    const { queue } = setup()
    const seen: QueueSnapshot[] = []
    const off = queue.subscribe((s) => seen.push(s))
    await queue.enqueue(draft())
    await queue.flush()
    off()
    await queue.enqueue(draft())
    expect(seen.find((s) => s.entries.length)?.counts).toEqual({ pending: 1, synced: 0, needsAction: 0, unsynced: 1 })
    expect(seen.some((s) => s.flushing)).toBe(true)
    expect(seen.at(-1)).toMatchObject({ flushing: false, counts: { pending: 0, synced: 1, unsynced: 0 }, lastFlush: { synced: 1 } })
  })
})

test('a failed load at launch is tried again on the next call', async () => {
  const inner = memoryStorage()
  let broken = true
  const storage: KeyValueStorage = {
    ...inner,
    async get<T>(key: string) {
      if (broken) throw new Error('getStorage:fail')
      return inner.get<T>(key)
    }
  }
  const { queue } = setup({ storage })
  await expect(queue.ready()).rejects.toThrow('getStorage:fail')
  expect((await queue.flush()).stopped).toMatchObject({ reason: 'storage' })
  broken = false
  await queue.enqueue(draft())
  expect(await queue.unsyncedCount()).toBe(1)
})
