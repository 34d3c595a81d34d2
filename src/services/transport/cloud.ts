import Taro from '@tarojs/taro'
import type { ApiResult } from '../../core/errors'
import { NetworkError, networkErrorFrom, type Transport } from './types'

/**
 * WeChat cloud functions: every action goes to the one `api` function, which
 * reads the caller's OPENID from the platform. Only ever used in the weapp
 * build: in H5, Taro's cloud stubs *resolve* with `{ errMsg }` instead of
 * failing, which would look like success.
 */
export function cloudTransport(env?: string): Transport {
  let initialised = false
  const init = () => {
    if (initialised) return
    // env: the CloudBase environment from the build (TARO_APP_CLOUD_ENV;
    // `npm run release:weapp` refuses to build without one). traceUser
    // records visiting users in the console's user list.
    Taro.cloud.init({ ...(env ? { env } : {}), traceUser: true })
    initialised = true
  }
  return {
    kind: 'cloud',
    async call<T>(action: string, payload?: unknown): Promise<ApiResult<T>> {
      init()
      try {
        const res = await Taro.cloud.callFunction({ name: 'api', data: { action, payload: payload ?? {} } })
        const body = res.result as ApiResult<T> | undefined
        if (!body || typeof body !== 'object' || !('ok' in body)) throw new NetworkError('empty result')
        return body
      } catch (e) {
        // Timeouts and network failures: the write may or may not have
        // happened; the client id makes the retry safe.
        if (e instanceof NetworkError) throw e
        throw networkErrorFrom(e, 'callFunction failed')
      }
    },
    async upload(localPath: string, name: string) {
      init()
      const ext = /\.[a-z0-9]+$/i.exec(localPath)?.[0] ?? '.jpg'
      const cloudPath = `evidence/${Date.now()}-${Math.random().toString(36).slice(2, 10)}${ext}`
      try {
        const res = await Taro.cloud.uploadFile({ cloudPath, filePath: localPath })
        return { id: res.fileID, name }
      } catch (e) {
        throw networkErrorFrom(e, 'uploadFile failed')
      }
    }
  }
}
