import type { EvidenceKind } from '../../core/evidence/files'
import { keptAtOf } from './sweep'
import type { FileVault, KeptFile, PickedFile } from './types'

/**
 * The little of WeChat's FileSystemManager the vault uses, so it is tested
 * with a fake here (the real one runs only in WeChat; see taroFs).
 */
export interface WeappFs {
  /** wx.env.USER_DATA_PATH: its own quota, apart from the 10 MB storage. */
  userDataPath: string
  mkdir(path: string): Promise<void>
  copyFile(src: string, dest: string): Promise<void>
  /** Size in bytes, or null if there is no such file. */
  size(path: string): Promise<number | null>
  unlink(path: string): Promise<void>
  /** File names in a folder; [] when it does not exist. */
  readdir(path: string): Promise<string[]>
  /** Taro.compressImage: a new temp path for a smaller copy. */
  compressImage(src: string): Promise<string>
}

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic' }

/**
 * weapp: temp files from chooseMedia / chooseMessageFile die with the run,
 * so each is copied (photos compressed first) to USER_DATA_PATH/evidence/
 * before it is queued, and removed once its report is acknowledged.
 */
export function weappVault(fs: WeappFs, newId: () => string): FileVault {
  const dir = `${fs.userDataPath}/evidence`
  let made = false
  const mine = (p: string) => p.startsWith(`${dir}/`)
  return {
    async keep(file: PickedFile, kind: EvidenceKind, mime: string): Promise<KeptFile> {
      if (typeof file.source !== 'string') throw new Error('weapp files are paths')
      if (!made) {
        await fs.mkdir(dir)
        made = true
      }
      let src = file.source
      if (kind === 'image') src = await fs.compressImage(src).catch(() => src)
      const ext = EXT[mime] ?? (/\.([a-z0-9]+)$/i.exec(file.name)?.[1] ?? 'bin').toLowerCase()
      const dest = `${dir}/${newId()}.${ext}`
      await fs.copyFile(src, dest)
      const bytes = (await fs.size(dest)) ?? file.bytes
      return { localPath: dest, name: file.name, mime, bytes, kind }
    },
    async exists(localPath) {
      // Only files this vault kept can be told apart from temp paths of old
      // queue entries (kept before the vault existed): those are gone after
      // a restart, so asking the file system answers for both.
      return (await fs.size(localPath).catch(() => null)) !== null
    },
    async info(localPath) {
      const bytes = await fs.size(localPath).catch(() => null)
      const ext = /\.([a-z0-9]+)$/i.exec(localPath)?.[1]?.toLowerCase()
      const mime = Object.entries(EXT).find(([, e]) => e === ext)?.[0] ?? ''
      return bytes === null ? null : { bytes, mime }
    },
    async remove(localPath) {
      if (mine(localPath)) await fs.unlink(localPath).catch(() => undefined)
    },
    async previewUrl(localPath) {
      return (await fs.size(localPath).catch(() => null)) === null ? null : localPath
    },
    async list() {
      const names = await fs.readdir(dir).catch(() => [] as string[])
      return names.map((n) => ({ localPath: `${dir}/${n}`, keptAt: keptAtOf(n) }))
    }
  }
}
