import type { WxFail } from './fakeWx'

/** Where saved files live (`wx.env.USER_DATA_PATH`); they survive a restart, temp files do not. */
export const USER_DATA_PATH = 'wxfile://usr'

type Opts = Record<string, any>
type AsyncApi = (api: string, impl: (o: Opts) => any) => (o?: Opts) => unknown

export const fsFail = (api: string, path: string): WxFail => ({ errMsg: `${api}:fail no such file or directory, open ${path}` })

/**
 * The stand-in's FileSystemManager over `files` (path → bytes): the calls
 * the app's weapp vault and Taro make, async ones through the stand-in's
 * callback-or-Promise wrapper.
 */
export function fileSystemManager(files: Map<string, Buffer>, async_: AsyncApi, nextSeq: () => number): Record<string, any> {
  const read = (api: string, filePath: string) => {
    const b = files.get(filePath)
    if (!b) throw fsFail(api, filePath)
    return b
  }
  const fs: Record<string, any> = {
    saveFile: async_('saveFile', (o) => {
      const b = read('saveFile', o.tempFilePath)
      const dest = o.filePath ?? `${USER_DATA_PATH}/saved_${nextSeq()}`
      files.set(dest, b)
      return { savedFilePath: dest }
    }),
    copyFile: async_('copyFile', (o) => {
      files.set(o.destPath, read('copyFile', o.srcPath))
      return {}
    }),
    readFile: async_('readFile', (o) => {
      const b = read('readFile', o.filePath)
      return { data: o.encoding ? b.toString(o.encoding === 'binary' ? 'latin1' : o.encoding) : b.buffer.slice(b.byteOffset, b.byteOffset + b.length) }
    }),
    writeFile: async_('writeFile', (o) => {
      files.set(o.filePath, Buffer.isBuffer(o.data) ? o.data : typeof o.data === 'string' ? Buffer.from(o.data, o.encoding ?? 'utf8') : Buffer.from(o.data))
      return {}
    }),
    unlink: async_('unlink', (o) => {
      if (!files.delete(o.filePath)) throw fsFail('unlink', o.filePath)
      return {}
    }),
    access: async_('access', (o) => {
      if (!files.has(o.path) && ![...files.keys()].some((k) => k.startsWith(`${o.path}/`))) throw fsFail('access', o.path)
      return {}
    }),
    stat: async_('stat', (o) => ({ stats: { size: read('stat', o.path).length, isFile: () => true, isDirectory: () => false } })),
    getFileInfo: async_('getFileInfo', (o) => ({ size: read('getFileInfo', o.filePath).length })),
    mkdir: async_('mkdir', () => ({})),
    readdir: async_('readdir', (o) => ({ files: [...files.keys()].filter((k) => k.startsWith(`${o.dirPath}/`)).map((k) => k.slice(o.dirPath.length + 1)) })),
    accessSync: (path: string) => {
      if (!files.has(path)) throw fsFail('accessSync', path)
    },
    mkdirSync: () => undefined,
    unlinkSync: (path: string) => {
      if (!files.delete(path)) throw fsFail('unlinkSync', path)
    },
    readFileSync: (path: string, encoding?: string) => {
      const b = read('readFileSync', path)
      return encoding ? b.toString(encoding as BufferEncoding) : b.buffer.slice(b.byteOffset, b.byteOffset + b.length)
    },
    writeFileSync: (path: string, data: any, encoding?: string) => {
      files.set(path, typeof data === 'string' ? Buffer.from(data, (encoding ?? 'utf8') as BufferEncoding) : Buffer.from(data))
    },
    statSync: (path: string) => ({ size: read('statSync', path).length, isFile: () => true, isDirectory: () => false }),
    readdirSync: (dir: string) => [...files.keys()].filter((k) => k.startsWith(`${dir}/`)).map((k) => k.slice(dir.length + 1))
  }
  return fs
}
