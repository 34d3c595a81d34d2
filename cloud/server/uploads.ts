import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError, httpStatus } from '../../src/core/errors'

const MAX_BYTES = 10 * 1024 * 1024
const TYPES: Record<string, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/webp': '.webp', 'image/heic': '.heic' }
const NAME = /^[0-9a-f-]{36}\.(jpg|png|webp|heic)$/

/**
 * Evidence photos in local mode: `POST /api/upload` (multipart, signed-in
 * callers only) stores a file under the data folder and answers its id;
 * `GET /files/<id>` serves it. `dir` is UPLOAD_DIR (default DATA_DIR/uploads):
 * several server processes must share it (one mounted volume). Ids are random UUIDs, so a link is as good as
 * a capability (an <img> cannot send our Bearer header).
 */
export async function registerUploads(app: FastifyInstance, dir: string, isSignedIn: (authorization: string | undefined) => Promise<boolean>) {
  mkdirSync(dir, { recursive: true })
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 4 } })

  const refuse = (code: 'BAD_INPUT' | 'UNAUTHENTICATED', message?: string) => ({ status: httpStatus(code), body: { ok: false, error: new ApiError(code, message).toBody() } })

  app.post('/api/upload', async (req, reply) => {
    if (!(await isSignedIn(req.headers.authorization))) {
      const r = refuse('UNAUTHENTICATED')
      return reply.code(r.status).send(r.body)
    }
    const file = await req.file().catch(() => undefined)
    if (!file || !TYPES[file.mimetype]) {
      const r = refuse('BAD_INPUT', '只能上传照片（jpg、png）')
      return reply.code(r.status).send(r.body)
    }
    const buffer = await file.toBuffer().catch(() => null)
    if (!buffer || file.file.truncated) {
      const r = refuse('BAD_INPUT', '照片太大，请压缩后再传（10MB 以内）')
      return reply.code(r.status).send(r.body)
    }
    const id = `${randomUUID()}${TYPES[file.mimetype]}`
    await writeFile(join(dir, id), buffer)
    const name = typeof (file.fields.name as { value?: unknown } | undefined)?.value === 'string' ? String((file.fields.name as { value: string }).value).slice(0, 100) : '现场照片'
    return { ok: true, data: { id: `local:${id}`, name } }
  })

  app.get<{ Params: { id: string } }>('/files/:id', async (req, reply) => {
    const id = req.params.id
    if (!NAME.test(id) || !existsSync(join(dir, id))) return reply.code(404).send({ ok: false, error: new ApiError('NOT_FOUND').toBody() })
    const ext = id.slice(id.lastIndexOf('.'))
    const type = Object.entries(TYPES).find(([, e]) => e === ext)?.[0] ?? 'application/octet-stream'
    return reply.type(type).header('cache-control', 'private, max-age=86400').send(createReadStream(join(dir, id)))
  })
}
