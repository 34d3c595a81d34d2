import Taro from '@tarojs/taro'
import { ACCEPTED_TYPES } from '../../core/evidence/files'
import { newVaultId } from './sweep'
import { weappVault, type WeappFs } from './weappVault'
import type { FilePickers, FileVault, PickedFile } from './types'

/**
 * weapp (Taro picks platform.h5.ts for H5): the FileSystemManager and
 * WeChat's pickers. Only this file touches them, so weappVault and the
 * queue are tested with fakes; these few calls run only inside WeChat.
 */
function fsCall<T>(run: (cb: { success: (r: T) => void; fail: (e: { errMsg?: string }) => void }) => void): Promise<T> {
  // WeChat fails with plain { errMsg } objects: keep the message.
  return new Promise((resolve, reject) => run({ success: resolve, fail: (e) => reject(new Error(e?.errMsg ?? 'fs failed')) }))
}

export function taroFs(): WeappFs {
  const fs = Taro.getFileSystemManager()
  return {
    userDataPath: (Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH,
    mkdir: (dirPath) => fsCall<unknown>((cb) => fs.mkdir({ dirPath, recursive: true, ...cb })).then(
      () => undefined,
      (e: Error) => {
        if (!/exist/i.test(e.message)) throw e
      }
    ),
    copyFile: (srcPath, destPath) => fsCall<unknown>((cb) => fs.copyFile({ srcPath, destPath, ...cb })).then(() => undefined),
    size: (path) => fsCall<{ stats: { size: number } }>((cb) => fs.stat({ path, ...cb } as never)).then((r) => (Array.isArray(r.stats) ? null : r.stats.size), () => null),
    unlink: (filePath) => fsCall<unknown>((cb) => fs.unlink({ filePath, ...cb })).then(() => undefined),
    readdir: (dirPath) => fsCall<{ files: string[] }>((cb) => fs.readdir({ dirPath, ...cb })).then((r) => r.files, () => []),
    compressImage: async (src) => (await Taro.compressImage({ src, quality: 80 })).tempFilePath
  }
}

export function createVault(): FileVault {
  return weappVault(taroFs(), () => newVaultId(Date.now()))
}

const DOC_EXTENSIONS = ACCEPTED_TYPES.filter((t) => t.kind === 'file').map((t) => t.ext)

export const pickers: FilePickers = {
  async photo(): Promise<PickedFile | null> {
    try {
      const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
      const f = res.tempFiles[0]
      if (!f) return null
      const ext = /\.([a-z0-9]+)$/i.exec(f.tempFilePath)?.[1] ?? 'jpg'
      return { source: f.tempFilePath, name: `现场照片.${ext.toLowerCase()}`, bytes: f.size }
    } catch {
      return null // cancelled
    }
  },
  async document(): Promise<PickedFile | null> {
    try {
      // 支撑材料 usually arrive in a WeChat chat: pick from there.
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: DOC_EXTENSIONS })
      const f = res.tempFiles[0]
      return f ? { source: f.path, name: f.name, bytes: f.size } : null
    } catch {
      return null
    }
  }
}
