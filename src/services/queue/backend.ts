import type { ApiResult } from '../../core/errors'
import type { ReportDraftInput } from '../../core/report'
import type { SyncData } from '../api'
import { NetworkError, type Transport } from '../transport/types'
import type { SyncItemResult } from './rules'

/**
 * The little the queue needs from the backend. `sync` resolves with the
 * envelope whenever the backend answered and rejects (NetworkError) when it
 * did not; `upload` rejects when a file could not be stored (UploadRefused: the
 * server said no; NetworkError: it could not be asked).
 */
export interface QueueBackend {
  sync(drafts: ReportDraftInput[]): Promise<ApiResult<{ results: SyncItemResult[] }>>
  upload(localPath: string, name: string, mime?: string): Promise<{ id: string }>
  /**
   * Whether a local photo still exists. Transports report a missing file as
   * a network error; asking first lets the queue tell the worker to retake
   * it instead of retrying for ever.
   */
  fileExists?(localPath: string): Promise<boolean>
}

export function queueBackend(transport: Transport, fileExists?: (localPath: string) => Promise<boolean>): QueueBackend {
  return {
    // Typed by the handler's own result: the compiler checks that what the
    // server answers is what the queue reads.
    sync: (drafts) => transport.call<SyncData>('sync', { reports: drafts }),
    upload: (localPath, name, mime) => transport.upload(localPath, name, mime),
    ...(fileExists ? { fileExists } : {})
  }
}

/**
 * A person's queue is sent only under that person's session: when someone
 * else (or no one) is signed in, every call is refused as a login problem
 * before anything leaves the phone, and the entries wait for their owner.
 * The check and the request start in the same tick, so a sign-in cannot
 * slip in between.
 */
export function ownerOnly(inner: QueueBackend, owner: string | null, signedIn: () => string | null): QueueBackend {
  const mine = () => owner !== null && signedIn() === owner
  const message = '请用本人账号登录，之后会自动发送'
  return {
    sync: (drafts) => (mine() ? inner.sync(drafts) : Promise.resolve({ ok: false, error: { code: 'UNAUTHENTICATED', message } })),
    upload: (localPath, name, mime) => (mine() ? inner.upload(localPath, name, mime) : Promise.reject(new NetworkError(message, 401))),
    ...(inner.fileExists ? { fileExists: inner.fileExists } : {})
  }
}
