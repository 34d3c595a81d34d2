import { cloudTransport } from './cloud'
import { httpTransport } from './http'
import type { TokenSource, Transport } from './types'

export * from './types'

/**
 * Chooses the transport for this build: HTTP in H5 (same origin as the
 * local server unless TARO_APP_API_BASE says otherwise), cloud functions in
 * the weapp build unless TARO_APP_API_BASE points it at a self-hosted server.
 */
export function createTransport(tokens: TokenSource): Transport {
  const base = process.env.TARO_APP_API_BASE ?? ''
  if (process.env.TARO_ENV === 'weapp' && !base) return cloudTransport(process.env.TARO_APP_CLOUD_ENV)
  return httpTransport(base, tokens)
}
