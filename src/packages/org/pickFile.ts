import Taro from '@tarojs/taro'

export interface PickedFile {
  name: string
  base64: string
}

/**
 * The mini-program: a file from a chat (chooseMessageFile), read as base64.
 * H5 gets pickFile.h5.ts (a browser file input). Null when nothing was picked.
 */
export async function pickSheet(): Promise<PickedFile | null> {
  const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).catch(() => null)
  const file = res?.tempFiles[0]
  if (!file) return null
  const base64 = Taro.getFileSystemManager().readFileSync(file.path, 'base64') as string
  return { name: file.name, base64 }
}
