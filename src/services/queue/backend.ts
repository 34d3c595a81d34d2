import type { ApiResult } from '../../core/errors'
import type { ReportDraftInput } from '../../core/report'
import type { SyncData } from '../api'
import type { Transport } from '../transport/types'
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
