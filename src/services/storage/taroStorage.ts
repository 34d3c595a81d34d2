import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './types'

/** The one file that touches Taro's storage API. */
export const taroStorage: KeyValueStorage = {
  async get<T>(key: string): Promise<T | undefined> {
    try {
      const res = await Taro.getStorage({ key })
      return res.data as T
    } catch {
      // getStorage fails for a missing key.
      return undefined
    }
  },
  async set(key: string, value: unknown): Promise<void> {
    await Taro.setStorage({ key, data: value })
  },
  async remove(key: string): Promise<void> {
    try {
      await Taro.removeStorage({ key })
    } catch {
      // Already gone.
    }
  },
  async keys(): Promise<string[]> {
    const info = (await Taro.getStorageInfo()) as unknown as { keys: string[] }
    return info.keys
  }
}
