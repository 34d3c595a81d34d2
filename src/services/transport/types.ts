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
  constructor(message: string, readonly status?: number) {
    super(message)
    this.name = 'NetworkError'
  }
}

/** Keeps the local session token (HTTP mode); cloud mode needs none. */
export interface TokenSource {
  token(): string | null
}
