import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval'
import { keptAtOf } from './sweep'
import type { EvidenceKind } from '../../core/evidence/files'
import type { FileVault, KeptFile, PickedFile } from './types'

interface Stored {
  bytes: ArrayBuffer
  mime: string
  name: string
}

/** Longest side of a compressed photo, px; enough to read a notice board. */
const MAX_SIDE = 1600
const QUALITY = 0.8

/**
 * Taro's compressImage is a stub in H5: photos are scaled down and re-encoded
 * as JPEG on a canvas. A photo that does not get smaller (already small, or
 * undecodable such as HEIC in Chromium) is kept as it was.
 */
export async function compressInBrowser(blob: Blob): Promise<Blob> {
  try {
    const bitmap = await createImageBitmap(blob)
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
    const w = Math.max(1, Math.round(bitmap.width * scale))
    const h = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = document.createElement('canvas')
    canvas.width = w
    canvas.height = h
    const g = canvas.getContext('2d')
    if (!g) return blob
    g.drawImage(bitmap, 0, 0, w, h)
    bitmap.close()
    const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY))
    return out && out.size < blob.size ? out : blob
  } catch {
    return blob
  }
}

/**
 * H5: picked files are kept in IndexedDB (through idb-keyval) as bytes, not
 * as `blob:` URLs, which die with the page. Local paths are `idb:<id>`.
 */
export function idbVault(newId: () => string, store: UseStore = createStore('gebao-files', 'files')): FileVault {
  const key = (localPath: string) => (localPath.startsWith('idb:') ? localPath.slice(4) : null)
  const load = async (localPath: string) => {
    const k = key(localPath)
    return k ? ((await get<Stored>(k, store)) ?? null) : null
  }
  const urls = new Map<string, string>()
  return {
    async keep(file: PickedFile, kind: EvidenceKind, mime: string): Promise<KeptFile> {
      if (typeof file.source === 'string') throw new Error('H5 files are blobs')
      const blob = kind === 'image' ? await compressInBrowser(file.source) : file.source
      const type = blob === file.source ? mime : blob.type || mime
      const name = type === 'image/jpeg' && mime !== 'image/jpeg' ? file.name.replace(/\.[a-z0-9]+$/i, '') + '.jpg' : file.name
      const id = newId()
      await set(id, { bytes: await blob.arrayBuffer(), mime: type, name } satisfies Stored, store)
      return { localPath: `idb:${id}`, name, mime: type, bytes: blob.size, kind }
    },
    async exists(localPath) {
      return (await load(localPath)) !== null
    },
    async info(localPath) {
      const s = await load(localPath)
      return s ? { bytes: s.bytes.byteLength, mime: s.mime } : null
    },
    async remove(localPath) {
      const k = key(localPath)
      if (k) await del(k, store)
      const url = urls.get(localPath)
      if (url) URL.revokeObjectURL(url)
      urls.delete(localPath)
    },
    async previewUrl(localPath) {
      const known = urls.get(localPath)
      if (known) return known
      const s = await load(localPath)
      if (!s) return null
      const url = URL.createObjectURL(new Blob([s.bytes], { type: s.mime }))
      urls.set(localPath, url)
      return url
    },
    async list() {
      return (await keys(store)).map((k) => ({ localPath: `idb:${String(k)}`, keptAt: keptAtOf(String(k)) }))
    },
    async read(localPath) {
      const s = await load(localPath)
      return s ? new Blob([s.bytes], { type: s.mime }) : null
    }
  }
}
