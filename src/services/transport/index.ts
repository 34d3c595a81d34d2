import { cloudTransport } from './cloud'
import { httpTransport, type BlobReader } from './http'
import type { TokenSource, Transport } from './types'

export * from './types'

/**
 * Chooses the transport for this build: HTTP in H5 (same origin as the
 * local server unless TARO_APP_API_BASE says otherwise), cloud functions in
 * the weapp build unless TARO_APP_API_BASE points it at a self-hosted server.
 */
export function createTransport(tokens: TokenSource, readBlob?: BlobReader): Transport {
  const base = __API_BASE__
  if (process.env.TARO_ENV === 'weapp' && !base) return cloudTransport(__CLOUD_ENV__ || undefined)
  return httpTransport(base, tokens, readBlob)
}
