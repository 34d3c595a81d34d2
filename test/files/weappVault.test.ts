import { keepEvidence } from '../../src/services/files/keep'
import { newVaultId, sweepVault, SWEEP_GRACE_MS } from '../../src/services/files/sweep'
import { memoryStorage } from '../../src/services/storage/memoryStorage'
import { weappVault, type WeappFs } from '../../src/services/files/weappVault'
import { DEFAULT_LIMITS, MB } from '../../src/core/evidence/files'
import { UploadRefused, NetworkError, readUploadAnswer } from '../../src/services/transport/types'

/**
 * The weapp vault against a fake FileSystemManager (the real one runs only
 * inside WeChat; platform.ts is the thin adapter). Temp files vanish "at the
 * end of the run": the fake drops every path outside USER_DATA_PATH.
 */
function fakeFs(): WeappFs & { files: Map<string, number>; endRun(): void; compressed: string[] } {
  const files = new Map<string, number>()
  const compressed: string[] = []
  return {
    files,
    compressed,
    userDataPath: 'wxfile://usr',
    async mkdir() {},
    async copyFile(src, dest) {
      const size = files.get(src)
      if (size === undefined) throw new Error('copyFile:fail no such file')
      files.set(dest, size)
    },
    async size(p) {
      return files.get(p) ?? null
    },
    async unlink(p) {
      files.delete(p)
    },
    async readdir(d) {
      return [...files.keys()].filter((p) => p.startsWith(`${d}/`)).map((p) => p.slice(d.length + 1))
    },
    async compressImage(src) {
      compressed.push(src)
      const out = `${src}.small.jpg`
      files.set(out, Math.round((files.get(src) ?? 0) / 4))
      return out
    },
    endRun() {
      for (const p of [...files.keys()]) if (!p.startsWith('wxfile://usr/')) files.delete(p)
    }
  }
}

let n = 0
const newId = () => `f${++n}`

test('a photo is compressed and saved out of its temp path under USER_DATA_PATH; it outlives the run and is removed when released', async () => {
  const fs = fakeFs()
  fs.files.set('http://tmp/abc.jpg', 4 * MB)
  const vault = weappVault(fs, newId)
  const kept = await keepEvidence(vault, { source: 'http://tmp/abc.jpg', name: '现场照片.jpg', bytes: 4 * MB }, 0)
  expect(kept).toMatchObject({ ok: true, file: { kind: 'image', mime: 'image/jpeg', bytes: MB } })
  const path = kept.ok ? kept.file.localPath : ''
  expect(path).toMatch(/^wxfile:\/\/usr\/evidence\/f\d+\.jpg$/)
  expect(fs.compressed).toEqual(['http://tmp/abc.jpg'])
  fs.endRun()
  expect(await vault.exists(path)).toBe(true)
  expect(await vault.exists('http://tmp/abc.jpg')).toBe(false)
  await vault.remove(path)
  expect(await vault.exists(path)).toBe(false)
})

test('documents from a chat are kept uncompressed; wrong types, empty files and a full budget are refused with the rule’s message and nothing is kept', async () => {
  const fs = fakeFs()
  fs.files.set('http://tmp/notice.pdf', 300_000)
  fs.files.set('http://tmp/run.exe', 1000)
  fs.files.set('http://tmp/big.pdf', 2 * MB)
  const vault = weappVault(fs, newId)
  const doc = await keepEvidence(vault, { source: 'http://tmp/notice.pdf', name: '通知.pdf', bytes: 300_000 }, 0)
  expect(doc).toMatchObject({ ok: true, file: { kind: 'file', mime: 'application/pdf', bytes: 300_000 } })
  expect(fs.compressed).toEqual([])

  const before = fs.files.size
  expect(await keepEvidence(vault, { source: 'http://tmp/run.exe', name: 'run.exe', bytes: 1000 }, 0)).toMatchObject({ ok: false, message: expect.stringContaining('只能上传照片') })
  expect(await keepEvidence(vault, { source: 'http://tmp/notice.pdf', name: '空.pdf', bytes: 0 }, 0)).toMatchObject({ ok: false, message: expect.stringContaining('空的') })
  const full = await keepEvidence(vault, { source: 'http://tmp/big.pdf', name: '大.pdf', bytes: 2 * MB }, DEFAULT_LIMITS.maxQueuedBytes - MB)
  expect(full).toMatchObject({ ok: false, message: expect.stringContaining('待发送的文件已满') })
  expect(fs.files.size).toBe(before)
})

test('an upload answer: stored, refused for good (4xx with the server’s reason), or no answer (5xx, 401, 429)', () => {
  expect(readUploadAnswer(200, JSON.stringify({ ok: true, data: { id: 'local:x.jpg', name: 'a' } }))).toEqual({ id: 'local:x.jpg', name: 'a' })
  const refused = (() => {
    try {
      readUploadAnswer(400, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: '本月上传已达 300MB 上限' } }))
    } catch (e) {
      return e
    }
  })()
  expect(refused).toBeInstanceOf(UploadRefused)
  expect(refused).toMatchObject({ code: 'BAD_INPUT', message: '本月上传已达 300MB 上限' })
  expect(() => readUploadAnswer(413, '')).toThrow(UploadRefused)
  for (const status of [500, 502, 401, 429]) expect(() => readUploadAnswer(status, '{}')).toThrow(NetworkError)
})

test('the launch sweep removes only old kept files that no one’s queue entry or draft refers to', async () => {
  const fs = fakeFs()
  const T = Date.UTC(2020, 11, 20)
  let t = T - 2 * SWEEP_GRACE_MS
  const vault = weappVault(fs, () => newVaultId(t))
  fs.files.set('http://tmp/a.jpg', 1000)
  const keep = async () => {
    const r = await keepEvidence(vault, { source: 'http://tmp/a.jpg', name: 'a.jpg', bytes: 1000 }, 0)
    return r.ok ? r.file.localPath : ''
  }
  const queued = await keep() // old, in 张晓梅's queue
  const drafted = await keep() // old, in 刘洋's draft
  const abandoned = await keep() // old, nowhere
  t = T - 1000
  const fresh = await keep() // just picked, not yet in a draft
  const storage = memoryStorage({
    'gebao.p.u-grid-1.gebao.outbox.c-1': { files: [{ localPath: queued }] },
    'gebao.p.u-grid-2.gebao.draft.YL-133~g2~2020-12': { state: { evidence: [{ id: `phone:${drafted}` }] } }
  })
  expect(await sweepVault(vault, storage, T)).toBe(1)
  expect(await vault.exists(abandoned)).toBe(false)
  for (const p of [queued, drafted, fresh]) expect(await vault.exists(p)).toBe(true)
})
