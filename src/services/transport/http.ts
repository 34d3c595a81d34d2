import Taro from '@tarojs/taro'
import type { ApiResult } from '../../core/errors'
import { NetworkError, networkErrorFrom, readUploadAnswer, type TokenSource, type Transport } from './types'

/** Where H5 keeps picked files: the bytes of a local path, or null if gone. */
export type BlobReader = (localPath: string) => Promise<Blob | null>

/**
 * HTTP transport to the local or self-hosted server: `POST {base}/api/<action>`
 * with a Bearer session token. Taro.request is the same call in H5 and weapp.
 * Uploads are multipart with their own content type (boundary and all): in
 * H5 a `fetch` of a FormData built from the bytes the file vault keeps, in
 * weapp Taro.uploadFile of the saved file.
 */
export function httpTransport(base: string, tokens: TokenSource, readBlob?: BlobReader): Transport {
  const auth = (): Record<string, string> => {
    const token = tokens.token()
    return token ? { authorization: `Bearer ${token}` } : {}
  }
  return {
    kind: 'http',
    async call<T>(action: string, payload?: unknown): Promise<ApiResult<T>> {
      let res: Taro.request.SuccessCallbackResult<any>
      try {
        res = await Taro.request({ url: `${base}/api/${action}`, method: 'POST', data: payload ?? {}, header: { 'content-type': 'application/json', ...auth() }, timeout: 15000 })
      } catch (e) {
        throw networkErrorFrom(e, 'request failed')
      }
      const body = res.data as ApiResult<T> | undefined
      if (res.statusCode >= 500 || !body || typeof body !== 'object' || !('ok' in body)) {
        throw new NetworkError(`server answered ${res.statusCode}`, res.statusCode)
      }
      return body
    },
    async upload(localPath: string, name: string, mime?: string) {
      // The session is read before anything waits: the caller checked it is
      // the queue owner's, and it must not change under this upload.
      const header = auth()
      if (readBlob) {
        const blob = await readBlob(localPath)
        if (!blob) throw new NetworkError('file missing')
        const form = new FormData()
        form.append('name', name)
        form.append('file', mime && blob.type !== mime ? new Blob([blob], { type: mime }) : blob, name)
        let res: Response
        try {
          // No content-type header: the browser writes multipart/form-data with its boundary.
          res = await fetch(`${base}/api/upload`, { method: 'POST', body: form, headers: header })
        } catch (e) {
          throw new NetworkError(e instanceof Error ? e.message : 'upload failed')
        }
        return readUploadAnswer(res.status, await res.text().catch(() => ''))
      }
      let res: Taro.uploadFile.SuccessCallbackResult
      try {
        res = await Taro.uploadFile({ url: `${base}/api/upload`, filePath: localPath, name: 'file', header, formData: { name } })
      } catch (e) {
        throw networkErrorFrom(e, 'upload failed')
      }
      return readUploadAnswer(res.statusCode, typeof res.data === 'string' ? res.data : JSON.stringify(res.data))
    }
  }
}
