import multipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { createReadStream, existsSync, mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ACCEPTED_TYPES, acceptedType, checkEvidenceFile, DEFAULT_LIMITS, typeByExtension } from '../../src/core/evidence/files'
import { ApiError, httpStatus } from '../../src/core/errors'

// The one evidence rule (src/core/evidence/files). Types are still the
// declared ones here; checking the bytes is the security branch's work.
const MAX_BYTES = DEFAULT_LIMITS.maxFileBytes
const TYPES: Record<string, string> = Object.fromEntries(ACCEPTED_TYPES.map((t) => [t.mime, `.${t.ext}`]))
const refused = checkEvidenceFile({ mime: 'none/none', bytes: 1 })
const TYPE_REFUSED = refused.ok ? undefined : refused.message
const NAME = new RegExp(`^[0-9a-f-]{36}\\.(${ACCEPTED_TYPES.map((t) => t.ext).join('|')})$`)

/**
 * Evidence photos in local mode: `POST /api/upload` (multipart, signed-in
 * callers only) stores a file under the data folder and answers its id;
 * `GET /files/<id>` serves it. Ids are random UUIDs, so a link is as good as
 * a capability (an <img> cannot send our Bearer header).
 */
export async function registerUploads(app: FastifyInstance, dataDir: string, isSignedIn: (authorization: string | undefined) => Promise<boolean>) {
  const dir = join(dataDir, 'uploads')
  mkdirSync(dir, { recursive: true })
  await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 4 } })

  const refuse = (code: 'BAD_INPUT' | 'UNAUTHENTICATED', message?: string) => ({ status: httpStatus(code), body: { ok: false, error: new ApiError(code, message).toBody() } })

  app.post('/api/upload', async (req, reply) => {
    if (!(await isSignedIn(req.headers.authorization))) {
      const r = refuse('UNAUTHENTICATED')
      return reply.code(r.status).send(r.body)
    }
    const file = await req.file().catch(() => undefined)
    const type = file ? (acceptedType(file.mimetype) ?? (file.mimetype === 'application/octet-stream' ? typeByExtension(file.filename) : undefined)) : undefined
    if (!file || !type) {
      const r = refuse('BAD_INPUT', TYPE_REFUSED)
      return reply.code(r.status).send(r.body)
    }
    const buffer = await file.toBuffer().catch(() => null)
    const size = buffer && !file.file.truncated ? checkEvidenceFile({ mime: type.mime, bytes: buffer.length }) : checkEvidenceFile({ mime: type.mime, bytes: MAX_BYTES + 1 })
    if (!buffer || !size.ok) {
      const r = refuse('BAD_INPUT', size.ok ? undefined : size.message)
      return reply.code(r.status).send(r.body)
    }
    const id = `${randomUUID()}.${type.ext}`
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
