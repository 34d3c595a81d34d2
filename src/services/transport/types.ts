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
  /** Uploads a local file (a photo from chooseMedia); returns its stored id. */
  upload(localPath: string, name: string): Promise<{ id: string; name: string }>
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
