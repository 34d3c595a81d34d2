import { ORPHAN_GRACE_MS, UPLOAD_ID_KEEP_MS } from '../../src/core/evidence/retention'
import { DEFAULT_ORPHAN_GRACE_MS } from '../../cloud/server/app'
import { entryAdvice, ENTRY_PREFIX, QueueError, type QueueEntry } from '../../src/services/queue'
import { UploadRefused } from '../../src/services/transport/types'
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

test('a failed upload backs off on its own: later reports go out, it follows on its next try', async () => {
  const { queue, backend } = setup()
  const before = draft()
  const withPhoto = draft()
  const after = draft()
  await queue.enqueue(before)
  await queue.enqueue(withPhoto, photos('c', 1))
  await queue.enqueue(after)
  backend.uploadFailures = 1
  await queue.flush()
  expect(backend.storedOrder()).toEqual([before.clientId, after.clientId])
  expect((await queue.entries()).map((e) => e.status)).toEqual(['synced', 'pending', 'synced'])
  await queue.flush({ ignoreBackoff: true })
  expect(backend.storedOrder()).toEqual([before.clientId, after.clientId, withPhoto.clientId])
})

test('a refused upload (the server said no) is a rejection with its reason, never retried; later reports go out', async () => {
  const { queue, backend } = setup()
  const refused = draft()
  const later = draft()
  await queue.enqueue(refused, photos('r', 1))
  await queue.enqueue(later)
  let tries = 0
  backend.upload = async () => {
    tries++
    throw new UploadRefused('BAD_INPUT', '只能上传照片（jpg、png、webp、heic）或 PDF、Word、Excel、PPT 文件', 400)
  }
  expect(await queue.flush()).toMatchObject({ rejected: 1, synced: 1 })
  await queue.flush({ ignoreBackoff: true })
  expect(tries).toBe(1)
  const [entry] = await queue.entries()
  expect(entry).toMatchObject({ status: 'rejected', lastError: { code: 'BAD_INPUT', message: expect.stringContaining('只能上传照片') } })
  expect(entryAdvice(entry)).toContain('只能上传照片')
  expect(backend.storedOrder()).toEqual([later.clientId])
  // The worker sends it without the photo: a new submission, stored.
  const again = await queue.sendWithoutFiles(refused.clientId)
  await queue.flush()
  expect(backend.storedOrder()).toEqual([later.clientId, again.id])
  expect((await queue.entries()).find((e) => e.id === again.id)).toMatchObject({ status: 'synced', files: [] })
})

test('two reports of the same indicator and period stay in order behind a failed upload', async () => {
  const { queue, backend } = setup()
  const first = draft({ period: 'same' })
  const second = draft({ period: 'same' })
  await queue.enqueue(first, photos('s', 1))
  await queue.enqueue(second)
  backend.uploadFailures = 1
  await queue.flush()
  expect(backend.storedOrder()).toEqual([])
  await queue.flush({ ignoreBackoff: true })
  expect(backend.storedOrder()).toEqual([first.clientId])
  // The second has no base version and conflicts: what matters is it came after.
  expect(backend.calls.flat()).toEqual([first.clientId, second.clientId])
})

test('kept files are released once their report is on the server, or when the worker deletes it', async () => {
  const released: string[] = []
  const { queue } = setup({ releaseFile: async (p) => void released.push(p) })
  const sent = draft()
  const dropped = draft()
  await queue.enqueue(sent, photos('k', 2))
  expect(queue.queuedBytes()).toBe(0) // these test photos carry no size
  await queue.flush()
  expect(released).toEqual(['wxfile://usr/k-0.jpg', 'wxfile://usr/k-1.jpg'])
  await queue.enqueue(dropped, [{ localPath: 'idb:x', name: 'x.jpg', bytes: 1000 }])
  expect(queue.queuedBytes()).toBe(1000)
  await queue.discard(dropped.clientId)
  expect(released).toContain('idb:x')
  expect(queue.queuedBytes()).toBe(0)
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

test('an upload id held longer than core keeps one is uploaded again before its report goes out (the server may have swept it)', async () => {
  const { queue, backend, clock } = setup()
  const d = draft()
  await queue.enqueue(d, photos('k', 1))
  backend.failures = ['network']
  await queue.flush()
  expect(backend.uploads).toEqual(['wxfile://usr/k-0.jpg'])
  expect(backend.history).toEqual([])

  // Still within the keep time: the id is used as it is.
  clock.advance(UPLOAD_ID_KEEP_MS - 60_000)
  backend.failures = ['network']
  await queue.flush({ ignoreBackoff: true })
  expect(backend.uploads).toHaveLength(1)

  clock.advance(120_000)
  await queue.flush({ ignoreBackoff: true })
  expect(backend.uploads).toEqual(['wxfile://usr/k-0.jpg', 'wxfile://usr/k-0.jpg'])
  expect(backend.history.map((h) => h.clientId)).toEqual([d.clientId])
})

test('the server keeps an unnamed upload longer than the phone keeps using its id', () => {
  expect(ORPHAN_GRACE_MS).toBeGreaterThan(UPLOAD_ID_KEEP_MS)
  expect(DEFAULT_ORPHAN_GRACE_MS).toBe(ORPHAN_GRACE_MS)
})
