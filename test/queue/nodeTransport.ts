import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ApiResult } from '../../src/core/errors'
import { NetworkError, readUploadAnswer, type Transport } from '../../src/services/transport/types'

/**
 * The HTTP transport's contract (src/services/transport/http.ts) over Node's
 * fetch, for tests that run the queue against the real local server: no
 * answer, a cut connection or a 5xx rejects with NetworkError; any envelope
 * resolves. `base` is read per call because a restarted server has a new port.
 */
export function nodeTransport(base: () => string, token: () => string | null, timeoutMs = 15000): Transport {
  const headers = (): Record<string, string> => {
    const t = token()
    return t ? { authorization: `Bearer ${t}` } : {}
  }
  return {
    kind: 'http',
    async call<T>(action: string, payload?: unknown): Promise<ApiResult<T>> {
      let status = 0
      let body: unknown
      try {
        const res = await fetch(`${base()}/api/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers() },
          body: JSON.stringify(payload ?? {}),
          signal: AbortSignal.timeout(timeoutMs)
        })
        status = res.status
        body = await res.json() // a server killed mid-answer fails here
      } catch (e) {
        throw new NetworkError(e instanceof Error ? e.message : 'request failed', status || undefined)
      }
      if (status >= 500 || !body || typeof body !== 'object' || !('ok' in body)) throw new NetworkError(`server answered ${status}`, status)
      return body as ApiResult<T>
    },
    async upload(localPath: string, name: string, mime?: string) {
      // Same request as the H5 transport makes: multipart, its own content type.
      let res: Response
      try {
        const form = new FormData()
        form.append('name', name)
        form.append('file', new Blob([await readFile(localPath)], mime ? { type: mime } : {}), basename(localPath))
        res = await fetch(`${base()}/api/upload`, { method: 'POST', headers: headers(), body: form, signal: AbortSignal.timeout(timeoutMs) })
      } catch (e) {
        throw new NetworkError(e instanceof Error ? e.message : 'upload failed')
      }
      return readUploadAnswer(res.status, await res.text().catch(() => ''))
    }
  }
}
