import { entryAdvice, ENTRY_PREFIX, QueueError, type QueueEntry } from '../../src/services/queue'
import { draft } from './fakeBackend'
import { setup } from './setup'

const photos = (tag: string, n: number) => Array.from({ length: n }, (_, i) => ({ localPath: `wxfile://usr/${tag}-${i}.jpg`, name: `${tag}-${i}.jpg` }))

test('photos upload before their report, which is sent with their ids as evidence', async () => {
  const { queue, backend } = setup()
  const order: string[] = []
  const upload = backend.upload.bind(backend)
  backend.upload = async (p, n) => (order.push(`upload ${n}`), upload(p, n))
  const sync = backend.sync.bind(backend)
  let sent: unknown[] = []
  backend.sync = async (drafts) => (order.push('sync'), (sent = drafts), sync(drafts))

  await queue.enqueue(draft({ evidence: [{ id: 'cloud://earlier.jpg', name: 'earlier.jpg' }] }), photos('a', 2))
  const report = await queue.flush()
  expect(report).toMatchObject({ uploaded: 2, synced: 1 })
  expect(order).toEqual(['upload a-0.jpg', 'upload a-1.jpg', 'sync'])
  expect((sent[0] as { evidence: unknown }).evidence).toEqual([
    { id: 'cloud://earlier.jpg', name: 'earlier.jpg' },
    { id: 'cloud://a-0.jpg', name: 'a-0.jpg', kind: 'image' },
    { id: 'cloud://a-1.jpg', name: 'a-1.jpg', kind: 'image' }
  ])
})

test('each uploaded id is saved at once: after a failure and a restart, no photo is uploaded twice', async () => {
  const { queue, backend, storage, make } = setup()
  const d = draft()
  await queue.enqueue(d, photos('b', 3))
  const upload = backend.upload.bind(backend)
  let n = 0
  backend.upload = async (p, name) => {
    if (++n === 2) throw new Error('uploadFile:fail timeout')
    return upload(p, name)
  }
  const report = await queue.flush()
  expect(report).toMatchObject({ uploaded: 1, sent: 0, stopped: { reason: 'network', message: expect.stringContaining('照片上传失败') } })
  const saved = await storage.get<QueueEntry>(ENTRY_PREFIX + d.clientId)
  expect(saved?.files.map((f) => f.uploadedId ?? null)).toEqual(['cloud://b-0.jpg', null, null])
  expect(saved).toMatchObject({ status: 'pending', attempts: 1 })

  backend.upload = upload
  await make().flush({ ignoreBackoff: true })
  expect(backend.uploads).toEqual(['wxfile://usr/b-0.jpg', 'wxfile://usr/b-1.jpg', 'wxfile://usr/b-2.jpg'])
  expect(backend.history.map((h) => h.clientId)).toEqual([d.clientId])
})

test('a failed upload backs off like a network error and keeps the order: later reports wait', async () => {
  const { queue, backend } = setup()
  const before = draft()
  const withPhoto = draft()
  const after = draft()
  await queue.enqueue(before)
  await queue.enqueue(withPhoto, photos('c', 1))
  await queue.enqueue(after)
  backend.uploadFailures = 1
  await queue.flush()
  expect(backend.storedOrder()).toEqual([before.clientId])
  expect((await queue.entries()).map((e) => e.status)).toEqual(['synced', 'pending', 'pending'])
  await queue.flush({ ignoreBackoff: true })
  expect(backend.storedOrder()).toEqual([before.clientId, withPhoto.clientId, after.clientId])
})

test('a photo gone from the phone cannot be retried: the report needs the worker, the rest go on', async () => {
  const { queue, backend } = setup()
  const lost = draft()
  const fine = draft()
  await queue.enqueue(lost, photos('d', 1))
  await queue.enqueue(fine)
  backend.missingFiles.add('wxfile://usr/d-0.jpg')
  expect(await queue.flush()).toMatchObject({ rejected: 1, synced: 1, stopped: null })
  const [entry] = await queue.entries()
  expect(entry).toMatchObject({ status: 'rejected', lastError: { code: 'FILE_MISSING' } })
  expect(entryAdvice(entry)).toContain('重新添加照片')
  // Re-added photo: a new submission.
  const again = await queue.retry(lost.clientId, undefined, photos('d2', 1))
  await queue.flush()
  expect(backend.storedOrder()).toEqual([fine.clientId, again.id])
})

test('more than nine photos are refused at confirm', async () => {
  const { queue } = setup()
  await expect(queue.enqueue(draft(), photos('e', 10))).rejects.toBeInstanceOf(QueueError)
  expect(await queue.entries()).toHaveLength(0)
})
