import Taro from '@tarojs/taro'

/** A short toast; never throws or rejects (a page rendered without Taro's APIs simply shows none). */
export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  try {
    void Promise.resolve(Taro.showToast({ title, icon })).catch(() => undefined)
  } catch {
    // No toast available: the page's own notice line says the same.
  }
}
