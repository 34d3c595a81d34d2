import type { ReportDraftInput } from '../../core/report'
import type { QueueFile } from '../../services/queue'

/**
 * Photos picked in the chat stay on the phone until their report is sent:
 * the engine holds them as evidence whose id is this prefix and the local
 * path, and the queue uploads them just before the report.
 */
export const LOCAL_PHOTO = 'phone:'

/** A confirmed draft split into what is sent and the photos to upload first. */
export function splitPhotos(draft: ReportDraftInput): { draft: ReportDraftInput; files: QueueFile[] } {
  const evidence = draft.evidence ?? []
  const files = evidence
    .filter((e) => e.id.startsWith(LOCAL_PHOTO))
    .map((e): QueueFile => ({ localPath: e.id.slice(LOCAL_PHOTO.length), name: e.name || '现场照片', kind: 'image' }))
  return { draft: { ...draft, evidence: evidence.filter((e) => !e.id.startsWith(LOCAL_PHOTO)) }, files }
}
