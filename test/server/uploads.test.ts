import { Document, Packer, Paragraph } from 'docx'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { GRID_WORKER, startServer, type Running } from './harness'

let s: Running
beforeAll(async () => {
  s = await startServer()
})
afterAll(async () => {
  await s.stop()
})

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

const upload = (blob: Blob, filename: string, token?: string) => {
  const form = new FormData()
  form.append('name', '楼道照片')
  form.append('file', blob, filename)
  return fetch(`${s.base}/api/upload`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} })
}

test('a signed-in worker uploads a photo and it is served back by its id', async () => {
  const res = await upload(new Blob([PNG], { type: 'image/png' }), 'a.png', s.tokenFor(GRID_WORKER))
  const body = (await res.json()) as any
  expect(body).toMatchObject({ ok: true, data: { name: '楼道照片' } })
  expect(body.data.id).toMatch(/^local:[0-9a-f-]{36}\.png$/)
  const file = await fetch(`${s.base}/files/${body.data.id.slice('local:'.length)}`, { headers: { authorization: `Bearer ${s.tokenFor(GRID_WORKER)}` } })
  expect(file.headers.get('content-type')).toBe('image/png')
  expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true)
})

test('no session, or not a photo: refused, nothing stored', async () => {
  const before = readdirSync(join(s.dataDir, 'uploads')).length
  const anonymous = await upload(new Blob([PNG], { type: 'image/png' }), 'a.png')
  expect(anonymous.status).toBe(401)
  const text = await upload(new Blob(['hello'], { type: 'text/plain' }), 'a.txt', s.tokenFor(GRID_WORKER))
  expect(text.status).toBe(400)
  expect(((await text.json()) as any).error.message).toContain('只能上传照片')
  expect(readdirSync(join(s.dataDir, 'uploads')).length).toBe(before)
})

test('file names outside the upload folder cannot be requested', async () => {
  expect((await fetch(`${s.base}/files/..%2Fgebao.db`)).status).toBe(404)
  expect((await fetch(`${s.base}/files/session.key`)).status).toBe(404)
})

test('documents of the evidence rule are accepted by their bytes (PDF, a real Word file under a generic type); others are refused with the rule’s message', async () => {
  const token = s.tokenFor(GRID_WORKER)
  const pdf = await upload(new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), '签到表.pdf', token)
  const body = (await pdf.json()) as any
  expect(body.data.id).toMatch(/^local:[0-9a-f-]{36}\.pdf$/)
  const served = await fetch(`${s.base}/files/${body.data.id.slice('local:'.length)}`, { headers: { authorization: `Bearer ${token}` } })
  expect(served.headers.get('content-type')).toBe('application/pdf')
  const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('通知')] }] }))
  const docx = await upload(new Blob([new Uint8Array(word)], { type: 'application/octet-stream' }), '通知.docx', token)
  expect(((await docx.json()) as any).data.id).toMatch(/\.docx$/)
  const exe = await upload(new Blob(['MZ'], { type: 'application/octet-stream' }), 'run.exe', token)
  expect(exe.status).toBe(400)
  expect(((await exe.json()) as any).error.message).toBe('只能上传照片（jpg、png、webp、heic）或 PDF、Word、Excel、PPT 文件')
})
