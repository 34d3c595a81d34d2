import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { randomUUID } from 'node:crypto'
import { createReadStream, mkdirSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as z from 'zod/mini'
import { chinaDate, type Clock } from '../../src/core/clock'
import { checkEvidenceFile, type EvidenceLimits } from '../../src/core/evidence/files'
import { localFileOf } from '../../src/core/evidence/ids'
import { ApiError, httpStatus, type ErrorCode } from '../../src/core/errors'
import { isWithin } from '../../src/core/org'
import type { Caller, EvidenceIds } from '../api/context'
import type { UploadRecords } from '../store/server'
import type { FileLinks } from './fileLinks'
import { sniffType } from './sniff'

/** A file name under the upload folder: `<uuid>.<ext>` (the id without `local:`). */
const FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z]{3,4}$/

export interface UploadOptions {
  dataDir: string
  /** UPLOAD_DIR: default `uploads` in the data folder; several server processes must share it (one mounted volume). */
  uploadDir?: string
  clock: Clock
  store: UploadRecords
  limits: EvidenceLimits
  links: FileLinks
  callerOf(authorization: string | undefined): Promise<Caller | null>
}

/** The first instant of the China month of `now`, as an ISO time. */
export function chinaMonthStart(now: Date): string {
  return new Date(`${chinaDate(now).slice(0, 7)}-01T00:00:00+08:00`).toISOString()
}

/** Who may see an upload: a session whose unit is the uploader's or above it. */
const inScope = (caller: Caller, unitPath: string) => isWithin(unitPath, caller.unit.path)

/** Local uploads the caller may attach; cloud ids are never valid locally. */
export function localEvidenceIds(store: UploadRecords): EvidenceIds {
  return {
    async unknown(ids, caller) {
      const files = ids.map((id) => localFileOf(id))
      const found = await store.knownUploads(files.filter((f): f is string => f !== null))
      const mine = new Set<string>()
      for (const f of found) {
        const u = await store.getUpload(f)
        if (u && inScope(caller, u.unitPath)) mine.add(f)
      }
      return ids.filter((_, i) => !files[i] || !mine.has(files[i]!))
    }
  }
}

/**
 * Evidence files in local mode.
 * - `POST /api/upload` (multipart, signed-in callers): the bytes are sniffed
 *   (file-type) and judged by the one rule in src/core/evidence/files.ts
 *   (types, per-file size, the person's monthly quota); the file is stored
 *   under the data folder with its sniffed type and recorded with the
 *   uploader's unit. Answers `{ id: 'local:<file>', name, kind }`.
 * - `GET /files/<file>`: only with a session in scope (the uploader's unit
 *   or above) or a signed link from `POST /api/files.link`; anything else is
 *   the same 404 as a file that does not exist.
 */
export async function registerUploads(app: FastifyInstance, o: UploadOptions) {
  const dir = o.uploadDir ?? join(o.dataDir, 'uploads')
  mkdirSync(dir, { recursive: true })
  await app.register(multipart, { limits: { fileSize: o.limits.maxFileBytes, files: 1, fields: 4, fieldSize: 1000 } })

  const refuse = (reply: FastifyReply, code: ErrorCode, message?: string) => reply.code(httpStatus(code)).send({ ok: false, error: new ApiError(code, message).toBody() })

  app.post('/api/upload', async (req, reply) => {
    const caller = await o.callerOf(req.headers.authorization)
    if (!caller) return refuse(reply, 'UNAUTHENTICATED')
    const file = await req.file().catch(() => undefined)
    if (!file) return refuse(reply, 'BAD_INPUT', '没有收到文件，请重新选择')
    const buffer = await file.toBuffer().catch(() => null)
    const declared = { mime: file.mimetype, name: file.filename }
    if (!buffer || file.file.truncated) {
      const check = checkEvidenceFile({ mime: 'image/jpeg', bytes: o.limits.maxFileBytes + 1 }, o.limits)
      return refuse(reply, 'BAD_INPUT', check.ok ? undefined : check.message)
    }
    const now = o.clock.now()
    const mime = (await sniffType(buffer, declared)) ?? 'application/octet-stream'
    const used = await o.store.uploadedBytesSince(caller.person.id, chinaMonthStart(now))
    const check = checkEvidenceFile({ mime, bytes: buffer.length }, o.limits, { usedThisMonth: used })
    if (!check.ok) return refuse(reply, 'BAD_INPUT', check.message)

    const id = `${randomUUID()}.${check.type.ext}`
    const field = (file.fields.name as { value?: unknown } | undefined)?.value
    const name = typeof field === 'string' && field.trim() ? field.trim().slice(0, 100) : check.type.kind === 'image' ? '现场照片' : (file.filename || '支撑材料').slice(0, 100)
    // The check above reads the month's sum; the reservation re-checks it and
    // records the upload in one step, so two uploads at once cannot both pass.
    const record = { id, personId: caller.person.id, unitPath: caller.unit.path, mime: check.type.mime, name, bytes: buffer.length, createdAt: now.toISOString() }
    if (!(await o.store.reserveUpload(record, chinaMonthStart(now), o.limits.maxMonthBytesPerPerson))) {
      const over = checkEvidenceFile({ mime, bytes: buffer.length }, o.limits, { usedThisMonth: o.limits.maxMonthBytesPerPerson })
      return refuse(reply, 'BAD_INPUT', over.ok ? undefined : over.message)
    }
    try {
      await writeFile(join(dir, id), buffer, { flag: 'wx' })
    } catch (e) {
      await o.store.deleteUpload(id)
      throw e
    }
    return { ok: true, data: { id: `local:${id}`, name, kind: check.type.kind } }
  })

  const LinkInput = z.strictObject({ ids: z.array(z.string().check(z.maxLength(200))).check(z.minLength(1), z.maxLength(50)) })

  // Links for <img> and downloads: one per id the caller may see; ids they
  // may not see, or that are no upload, are simply left out.
  app.post('/api/files.link', async (req, reply) => {
    const caller = await o.callerOf(req.headers.authorization)
    if (!caller) return refuse(reply, 'UNAUTHENTICATED')
    const parsed = LinkInput.safeParse(req.body ?? {})
    if (!parsed.success) return refuse(reply, 'BAD_INPUT')
    const now = o.clock.now().getTime()
    const links: Record<string, { url: string; expiresAt: string }> = {}
    for (const id of parsed.data.ids) {
      const f = localFileOf(id)
      const u = f ? await o.store.getUpload(f) : null
      if (u && inScope(caller, u.unitPath)) links[id] = o.links.link(u.id, now)
    }
    return { ok: true, data: { links } }
  })

  app.get<{ Params: { id: string }; Querystring: { exp?: string; sig?: string } }>('/files/:id', async (req, reply) => {
    const id = req.params.id
    const notFound = () => refuse(reply, 'NOT_FOUND', '没有这个文件，或链接已过期')
    const u = FILE.test(id) ? await o.store.getUpload(id) : null
    if (!u) return notFound()
    const signed = o.links.valid(id, req.query.exp, req.query.sig, o.clock.now().getTime())
    if (!signed) {
      const caller = await o.callerOf(req.headers.authorization)
      if (!caller || !inScope(caller, u.unitPath)) return notFound()
    }
    const image = u.mime.startsWith('image/')
    const ascii = u.name.replace(/[^\x20-\x7e]|["\\]/g, '_')
    return reply
      .type(u.mime)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `${image ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(u.name)}`)
      .header('cache-control', 'private, max-age=600')
      .send(createReadStream(join(dir, id)))
  })
}

/**
 * Removes uploads no report names, once they are older than `graceMs`
 * (longer than the phone keeps a queued report that names them). Answers
 * how many went.
 */
export async function sweepOrphanUploads(o: { dataDir: string; uploadDir?: string; store: UploadRecords; now: Date; graceMs: number; batch?: number }): Promise<number> {
  const before = new Date(o.now.getTime() - o.graceMs).toISOString()
  const orphans = await o.store.orphanUploads(before, o.batch ?? 500)
  for (const u of orphans) {
    await rm(join(o.uploadDir ?? join(o.dataDir, 'uploads'), u.id), { force: true })
    await o.store.deleteUpload(u.id)
  }
  return orphans.length
}
