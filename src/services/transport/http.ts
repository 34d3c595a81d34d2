import Taro from '@tarojs/taro'
import type { ApiResult } from '../../core/errors'
import { NetworkError, networkErrorFrom, type TokenSource, type Transport } from './types'

/**
 * HTTP transport to the local or self-hosted server: `POST {base}/api/<action>`
 * with a Bearer session token. Taro.request is the same call in H5 and weapp.
 */
export function httpTransport(base: string, tokens: TokenSource): Transport {
  const headers = () => {
    const token = tokens.token()
    return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }
  }
  return {
    kind: 'http',
    async call<T>(action: string, payload?: unknown): Promise<ApiResult<T>> {
      let res: Taro.request.SuccessCallbackResult<any>
      try {
        res = await Taro.request({ url: `${base}/api/${action}`, method: 'POST', data: payload ?? {}, header: headers(), timeout: 15000 })
      } catch (e) {
        throw networkErrorFrom(e, 'request failed')
      }
      const body = res.data as ApiResult<T> | undefined
      if (res.statusCode >= 500 || !body || typeof body !== 'object' || !('ok' in body)) {
        throw new NetworkError(`server answered ${res.statusCode}`, res.statusCode)
      }
      return body
    },
    async upload(localPath: string, name: string) {
      let res: Taro.uploadFile.SuccessCallbackResult
      try {
        res = await Taro.uploadFile({ url: `${base}/api/upload`, filePath: localPath, name: 'file', header: headers(), formData: { name } })
      } catch (e) {
        throw networkErrorFrom(e, 'upload failed')
      }
      if (res.statusCode >= 500) throw new NetworkError(`upload answered ${res.statusCode}`, res.statusCode)
      const body = JSON.parse(res.data) as ApiResult<{ id: string; name: string }>
      if (!body.ok) throw new Error(body.error.message)
      return body.data
    }
  }
}
