import { People } from '../../src/services/people'
import { ownerOnly, SubmissionQueue, type QueueBackend } from '../../src/services/queue'
import { memoryStorage } from '../../src/services/storage/memoryStorage'
import type { KeyValueStorage } from '../../src/services/storage/types'
import { draft, FakeBackend } from './fakeBackend'

/**
 * Two grid workers on one phone: each sees only their own queue and drafts,
 * and nothing of one is ever sent under the other's session. The session
 * here is a variable, as Session.person() is in the app; the backend records
 * who was signed in when each report arrived.
 */
function phone() {
  const storage = memoryStorage()
  const server = new FakeBackend()
  let signedIn: string | null = null
  const arrivedUnder: Record<string, string | null> = {}
  const wire: QueueBackend = {
    sync: async (drafts) => {
      for (const d of drafts) arrivedUnder[d.clientId] = signedIn
      return server.sync(drafts)
    },
    upload: (p, n) => server.upload(p, n)
  }
  const people = new People(storage, (scoped: KeyValueStorage, personId) => new SubmissionQueue({ storage: scoped, backend: ownerOnly(wire, personId, () => signedIn) }), null)
  const signIn = async (who: string | null) => {
    signedIn = who
    await people.use(who)
  }
  return { storage, server, people, signIn, arrivedUnder, setSession: (who: string | null) => (signedIn = who) }
}

test('switching person shows only that person’s queue and drafts; the other’s wait and go out under their own session', async () => {
  const { server, people, signIn, arrivedUnder } = phone()
  await signIn('u-grid-1')
  server.failures = ['network']
  const a = draft()
  await people.current().queue.enqueue(a)
  await people.current().drafts.save('YL-133~g1~2020-12', { half: true } as never, new Date())
  await people.current().queue.flush()
  expect(await people.current().queue.unsyncedCount()).toBe(1)

  // 刘洋 signs in on the same phone: nothing of 张晓梅 shows or is sent.
  await signIn('u-grid-2')
  expect(await people.current().queue.entries()).toEqual([])
  expect(await people.current().drafts.list()).toEqual([])
  const b = draft()
  await people.current().queue.enqueue(b)
  await people.current().queue.flush({ ignoreBackoff: true })
  expect(server.storedOrder()).toEqual([b.clientId])

  // 张晓梅 again: her report is there and goes out as hers.
  await signIn('u-grid-1')
  expect((await people.current().queue.entries()).map((e) => e.id)).toEqual([a.clientId])
  expect(await people.current().drafts.list()).toEqual(['YL-133~g1~2020-12'])
  await people.current().queue.flush({ ignoreBackoff: true })
  expect(server.storedOrder()).toEqual([b.clientId, a.clientId])
  expect(arrivedUnder).toEqual({ [b.clientId]: 'u-grid-2', [a.clientId]: 'u-grid-1' })
})

test('a queue never sends while someone else’s session is active, even before the switch reaches it', async () => {
  const { server, people, signIn, setSession } = phone()
  await signIn('u-grid-1')
  server.failures = ['network']
  const a = draft()
  await people.current().queue.enqueue(a)
  await people.current().queue.flush()
  // Another login saved its token, and 张晓梅's queue (still current) flushes.
  setSession('u-grid-2')
  const report = await people.current().queue.flush({ ignoreBackoff: true })
  expect(report.stopped).toMatchObject({ reason: 'login' })
  expect(server.history).toEqual([])
  // Signed out: nothing goes anywhere either.
  await signIn(null)
  expect(await people.current().queue.entries()).toEqual([])
})

test('logging out keeps the items for that person; a phone upgraded from the shared queue gives them to the signed-in person', async () => {
  const { storage, people, signIn } = phone()
  await storage.set('gebao.outbox-index', ['c-legacy'])
  await storage.set('gebao.outbox.c-legacy', { stale: true })
  expect(await people.adoptLegacy('u-grid-1')).toBe(2)
  const keys = await storage.keys()
  expect(keys.sort()).toEqual(['gebao.p.u-grid-1.gebao.outbox-index', 'gebao.p.u-grid-1.gebao.outbox.c-legacy'])
  await signIn('u-grid-2')
  expect(await people.current().queue.entries()).toEqual([])
})
