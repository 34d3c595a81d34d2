import type { ReportDraftInput } from '../../core/report'
import type { QueueFile } from '../../services/queue'

/**
 * Photos and documents picked in the chat stay on the phone (in the file
 * vault) until their report is sent: the engine holds them as evidence whose
 * id is this prefix and the vault's local path, and the queue uploads them
 * just before the report.
 */
export const LOCAL_PHOTO = 'phone:'

/** A confirmed draft split into what is sent and the files to upload first. */
export function splitPhotos(draft: ReportDraftInput): { draft: ReportDraftInput; files: QueueFile[] } {
  const evidence = draft.evidence ?? []
  const files = evidence
    .filter((e) => e.id.startsWith(LOCAL_PHOTO))
    .map((e): QueueFile => ({ localPath: e.id.slice(LOCAL_PHOTO.length), name: e.name || '现场照片', kind: e.kind ?? 'image', ...(e.field ? { field: e.field } : {}) }))
  return { draft: { ...draft, evidence: evidence.filter((e) => !e.id.startsWith(LOCAL_PHOTO)) }, files }
}
