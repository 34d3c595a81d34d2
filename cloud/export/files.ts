import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chinaDate, type Clock } from '../../src/core/clock'

/**
 * Where an exported file goes so that the caller can download it: a link
 * and when it stops working. Locally the server keeps it under the data
 * folder; in the cloud it goes to cloud storage behind a temporary link.
 */
export interface StoredFile {
  url: string
  /** ISO time after which the link no longer works. */
  expiresAt: string
}

export interface FileSink {
  put(name: string, buffer: Buffer, contentType: string): Promise<StoredFile>
}

/** How long a download link works: long enough to open it, short enough not to linger. */
export const EXPORT_TTL_MS = 60 * 60 * 1000

/** 24 hex characters (96 random bits): a link nobody can guess. */
export const newToken = () => randomBytes(12).toString('hex')
export const TOKEN = /^[0-9a-f]{24}$/

/**
 * A file name that is one path segment: no separators, no "." or ".."
 * (and no leading dot, which the local sink keeps for its own files).
 */
export function assertFileName(name: string): void {
  if (!name || name.length > 200 || /[\\/\u0000-\u001f]/.test(name) || name.startsWith('.')) throw new Error(`unsafe export file name: ${JSON.stringify(name)}`)
}

const META = '.meta.json'
const PARTIAL = '.partial-'

interface Meta {
  name: string
  contentType: string
  expiresAt: string
}

export type OpenedFile = { kind: 'ok'; path: string; name: string; contentType: string } | { kind: 'expired' } | { kind: 'missing' }

/**
 * The local server's sink: `<dir>/<token>/<name>` plus a small meta file
 * with the expiry, served at `<urlPrefix>/<token>/<name>` (see
 * cloud/server/exports.ts). Expiry follows the server's clock, so a test
 * clock can move past it; expired folders are removed lazily, on the next
 * export or when their link is asked for. A folder is written under a
 * partial name and renamed into place, so a link never sees half a file.
 */
export class LocalFileSink implements FileSink {
  constructor(
    readonly dir: string,
    private readonly clock: Clock,
    private readonly ttlMs = EXPORT_TTL_MS,
    readonly urlPrefix = '/exports'
  ) {}

  async put(name: string, buffer: Buffer, contentType: string): Promise<StoredFile> {
    assertFileName(name)
    await this.sweep()
    const token = newToken()
    const partial = join(this.dir, PARTIAL + token)
    await mkdir(partial, { recursive: true })
    const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString()
    await writeFile(join(partial, name), buffer)
    await writeFile(join(partial, META), JSON.stringify({ name, contentType, expiresAt } satisfies Meta))
    await rename(partial, join(this.dir, token))
    return { url: `${this.urlPrefix}/${token}/${encodeURIComponent(name)}`, expiresAt }
  }

  /** The file behind a link, if the link is still good. */
  async open(token: string, name: string): Promise<OpenedFile> {
    if (!TOKEN.test(token)) return { kind: 'missing' }
    const meta = await this.meta(token)
    if (!meta || meta.name !== name) return { kind: 'missing' }
    if (this.expired(meta)) {
      await rm(join(this.dir, token), { recursive: true, force: true })
      return { kind: 'expired' }
    }
    const path = join(this.dir, token, meta.name)
    return existsSync(path) ? { kind: 'ok', path, name: meta.name, contentType: meta.contentType } : { kind: 'missing' }
  }

  /** Removes expired exports, and partial folders a crash left behind. */
  async sweep(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => [] as string[])
    for (const entry of entries) {
      const path = join(this.dir, entry)
      if (TOKEN.test(entry)) {
        const meta = await this.meta(entry)
        if (!meta || this.expired(meta)) await rm(path, { recursive: true, force: true })
      } else if (entry.startsWith(PARTIAL)) {
        // Another export may be writing this one right now: only old
        // leftovers go (by the file system's own time, which wrote mtime).
        const info = await stat(path).catch(() => null)
        if (info && Date.now() - info.mtimeMs > this.ttlMs) await rm(path, { recursive: true, force: true })
      }
    }
  }

  private expired(meta: Meta): boolean {
    return Date.parse(meta.expiresAt) <= this.clock.now().getTime()
  }

  private async meta(token: string): Promise<Meta | null> {
    try {
      return JSON.parse(await readFile(join(this.dir, token, META), 'utf8')) as Meta
    } catch {
      return null
    }
  }
}

/**
 * The slice of wx-server-sdk's storage API the cloud sink calls, as the
 * cloud-function docs give it (reference-sdk-api/storage): `uploadFile`
 * takes `{ cloudPath, fileContent: Buffer }` and resolves `{ fileID }`;
 * `getTempFileURL` takes `fileList` items `{ fileID, maxAge }` (seconds) and
 * resolves one item per file with `tempFileURL` and `status` (0 = ok).
 * `cloud` from wx-server-sdk satisfies it (tsc checks that in the function).
 */
export interface CloudStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[]
  }>
}

/**
 * Cloud storage path rules allow letters, digits, Chinese and a few
 * marks (/ ! - _ . *); anything else in a name becomes "_".
 */
export function cloudFileName(name: string): string {
  return name.replace(/[^0-9A-Za-z!\-_.*\u4e00-\u9fff]/g, '_')
}

/**
 * The cloud function's sink: uploads to `exports/<China date>/<token>/<name>`
 * (one folder per day, so a storage lifecycle rule or a clean-up can drop
 * old exports by prefix) and answers the cloud file id (`cloud://…`). The
 * phone downloads it with `wx.cloud.downloadFile`, which needs no download
 * domain in the console's whitelist (an https temp link would), and which
 * the storage security rules in cloud/rules/ guard. `expiresAt` is an hour
 * from the upload: the export page downloads at once; the file id itself
 * does not stop working, a lifecycle rule on `exports/` removes the file.
 */
export class CloudFileSink implements FileSink {
  constructor(
    private readonly cloud: Pick<CloudStorage, 'uploadFile'>,
    private readonly clock: Clock,
    private readonly ttlMs = EXPORT_TTL_MS,
    private readonly token: () => string = newToken
  ) {}

  // wx-server-sdk's uploadFile takes no content type: storage serves by the name's extension.
  async put(name: string, buffer: Buffer, _contentType?: string): Promise<StoredFile> {
    assertFileName(name)
    const now = this.clock.now().getTime()
    const cloudPath = `exports/${chinaDate(new Date(now))}/${this.token()}/${cloudFileName(name)}`
    const { fileID } = await this.cloud.uploadFile({ cloudPath, fileContent: buffer })
    if (!fileID || !fileID.startsWith('cloud://')) throw new Error(`uploadFile gave no cloud file id for ${cloudPath}`)
    return { url: fileID, expiresAt: new Date(now + this.ttlMs).toISOString() }
  }
}
