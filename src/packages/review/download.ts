import Taro from '@tarojs/taro'
import type { ExportFile, ExportFormat } from '../../services/reviewApi'
import { networkErrorFrom } from '../../services/transport/types'
import { browserDownload } from './browserDownload'

/**
 * A server answer's URL made absolute: relative ones ("/exports/…") live on
 * the API server, which is the page's own origin in H5 unless the build
 * names an API base.
 */
export function absoluteUrl(url: string, opts: { base?: string; origin?: string } = {}): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url
  const base = (opts.base ?? __API_BASE__).replace(/\/+$/, '')
  if (base) return `${base}${url.startsWith('/') ? '' : '/'}${url}`
  const origin = opts.origin ?? (typeof window !== 'undefined' && window.location ? window.location.origin : '')
  return url.startsWith('/') ? `${origin}${url}` : url
}

/**
 * Gets an exported file to the user: a browser download in H5; in the
 * mini-program, download it and open it in WeChat's document viewer, from
 * where it can be forwarded. The cloud function answers a cloud file id
 * (`cloud://…`), fetched with wx.cloud.downloadFile: no download domain to
 * whitelist, and the storage security rules decide who may read it. A
 * self-hosted server answers a URL, fetched with downloadFile (its domain
 * must be in the 下载 whitelist). Failures keep WeChat's errCode/errMsg.
 */
export async function deliverFile(file: ExportFile, format: ExportFormat): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    if (!browserDownload(absoluteUrl(file.url), file.name)) throw new Error('no document')
    return
  }
  let filePath: string
  try {
    if (file.url.startsWith('cloud://') && process.env.TARO_ENV === 'weapp') {
      const res = await Taro.cloud.downloadFile({ fileID: file.url })
      filePath = res.tempFilePath
    } else {
      const res = await Taro.downloadFile({ url: absoluteUrl(file.url) })
      if (res.statusCode !== 200) throw new Error(`download answered ${res.statusCode}`)
      filePath = res.tempFilePath
    }
    await Taro.openDocument({ filePath, fileType: format, showMenu: true })
  } catch (e) {
    throw networkErrorFrom(e, 'download failed')
  }
}
