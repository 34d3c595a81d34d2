import type { ApiResult } from '../../core/errors'

/**
 * How the client reaches the backend. Two implementations: WeChat cloud
 * functions in the weapp build, HTTP in H5 (and in weapp when an API base
 * URL is configured at build time, for self-hosted installs).
 */
export interface Transport {
  readonly kind: 'cloud' | 'http'
  /**
   * Runs an action. Resolves with the envelope whenever the backend
   * answered (including `{ ok: false }`); rejects with `NetworkError` when
   * it did not, or answered with a server failure, so the caller may retry.
   */
  call<T>(action: string, payload?: unknown): Promise<ApiResult<T>>
  /**
   * Uploads a file kept on the phone (see services/files); returns its
   * stored id. Rejects with `UploadRefused` when the server answered and
   * said no (a 4xx: wrong type, too big, over quota), with `NetworkError`
   * when it could not be asked.
   */
  upload(localPath: string, name: string, mime?: string): Promise<{ id: string; name: string }>
}

/** No answer, or a 5xx: the outcome is unknown and a retry is safe (writes are idempotent). */
export class NetworkError extends Error {
  /** WeChat's own reason, when WeChat gave one (e.g. -404011, "cloud.callFunction:fail …"). */
  readonly errCode?: number
  readonly errMsg?: string
  constructor(message: string, readonly status?: number, wx: WxReason = {}) {
    super(message)
    this.name = 'NetworkError'
    if (wx.errCode !== undefined) this.errCode = wx.errCode
    if (wx.errMsg !== undefined) this.errMsg = wx.errMsg
  }
}

export interface WxReason {
  errCode?: number
  errMsg?: string
}

/**
 * WeChat rejects with plain objects `{ errMsg, errCode? }`, not Errors
 * (STACK-NOTES): read both, from an Error too (Taro sometimes wraps them).
 */
export function wxReason(e: unknown): WxReason {
  if (!e || typeof e !== 'object') return {}
  const o = e as { errMsg?: unknown; errCode?: unknown; errno?: unknown }
  const out: WxReason = {}
  if (typeof o.errMsg === 'string') out.errMsg = o.errMsg
  const code = typeof o.errCode === 'number' ? o.errCode : typeof o.errno === 'number' ? o.errno : undefined
  if (code !== undefined) out.errCode = code
  return out
}

/** A NetworkError that keeps WeChat's errCode and errMsg, with them in its message. */
export function networkErrorFrom(e: unknown, fallback: string, status?: number): NetworkError {
  const wx = wxReason(e)
  const base = wx.errMsg ?? (e instanceof Error ? e.message : fallback)
  return new NetworkError(wx.errCode !== undefined ? `${base} (errCode ${wx.errCode})` : base, status, wx)
}

/** Keeps the local session token (HTTP mode); cloud mode needs none. */
export interface TokenSource {
  token(): string | null
}

/**
 * The server answered an upload and refused it. Sending the same bytes again
 * gets the same answer, so the queue shows `message` (the server's reason)
 * instead of retrying. `code` is the server's error code.
 */
export class UploadRefused extends Error {
  constructor(readonly code: string, message: string, readonly status?: number) {
    super(message)
    this.name = 'UploadRefused'
  }
}

/**
 * What an upload's HTTP answer means: the stored id, a refusal (4xx other
 * than a login or rate limit, which may pass), or no answer (5xx, garbage).
 * Shared by the H5 fetch upload and Taro.uploadFile.
 */
export function readUploadAnswer(status: number, text: string): { id: string; name: string } {
  let body: { ok?: unknown; data?: { id?: unknown; name?: unknown }; error?: { code?: unknown; message?: unknown } } | null = null
  try {
    body = JSON.parse(text)
  } catch {
    body = null
  }
  if (status >= 200 && status < 300 && body?.ok === true && typeof body.data?.id === 'string') {
    return { id: body.data.id, name: typeof body.data.name === 'string' ? body.data.name : '' }
  }
  const code = typeof body?.error?.code === 'string' ? body.error.code : status === 413 ? 'BAD_INPUT' : 'INTERNAL'
  const message = typeof body?.error?.message === 'string' ? body.error.message : status === 413 ? '文件太大，服务器不收' : `上传被拒绝（${status}）`
  if (status === 401 || status === 429 || code === 'UNAUTHENTICATED' || code === 'RATE_LIMITED') throw new NetworkError(message, status)
  if (status >= 400 && status < 500) throw new UploadRefused(code, message, status)
  throw new NetworkError(`upload answered ${status}`, status)
}
