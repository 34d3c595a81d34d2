/**
 * The one rule for evidence files (照片 and 支撑材料): which types the product
 * accepts, how big one may be, and how much a person may send. The phone
 * checks it before queueing a file and the server checks it again on the
 * bytes it receives, so both call these functions instead of keeping lists.
 *
 * Pure: no I/O. The server sniffs the real type from the bytes and passes the
 * sniffed MIME type in; the phone passes the type it was given.
 */

export type EvidenceKind = 'image' | 'file'

export interface AcceptedType {
  mime: string
  ext: string
  kind: EvidenceKind
  /** What a worker calls it, for messages. */
  label: string
}

/** Photos a phone camera or album produces, and the documents that 支撑材料 usually are. */
export const ACCEPTED_TYPES: readonly AcceptedType[] = [
  { mime: 'image/jpeg', ext: 'jpg', kind: 'image', label: '照片' },
  { mime: 'image/png', ext: 'png', kind: 'image', label: '照片' },
  { mime: 'image/webp', ext: 'webp', kind: 'image', label: '照片' },
  { mime: 'image/heic', ext: 'heic', kind: 'image', label: '照片' },
  { mime: 'application/pdf', ext: 'pdf', kind: 'file', label: 'PDF 文件' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', kind: 'file', label: 'Word 文件' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', kind: 'file', label: 'Excel 文件' },
  { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', kind: 'file', label: 'PPT 文件' },
  { mime: 'application/msword', ext: 'doc', kind: 'file', label: 'Word 文件' },
  { mime: 'application/vnd.ms-excel', ext: 'xls', kind: 'file', label: 'Excel 文件' }
]

export const MB = 1024 * 1024

export interface EvidenceLimits {
  /** Largest single file, bytes. */
  maxFileBytes: number
  /** What one person may upload in one calendar month (UTC+8), bytes. */
  maxMonthBytesPerPerson: number
  /** What the phone may hold in queued, unsent files, bytes. */
  maxQueuedBytes: number
}

/** Defaults; the server's may be configured (UPLOAD_MAX_FILE_MB, UPLOAD_MONTH_MB). */
export const DEFAULT_LIMITS: EvidenceLimits = {
  maxFileBytes: 20 * MB,
  maxMonthBytesPerPerson: 300 * MB,
  maxQueuedBytes: 100 * MB
}

export function acceptedType(mime: string | undefined): AcceptedType | undefined {
  if (!mime) return undefined
  const m = mime.toLowerCase().split(';')[0].trim()
  return ACCEPTED_TYPES.find((t) => t.mime === m)
}

export function typeByExtension(name: string | undefined): AcceptedType | undefined {
  const dot = name?.lastIndexOf('.') ?? -1
  if (!name || dot < 0) return undefined
  const ext = name.slice(dot + 1).toLowerCase()
  return ACCEPTED_TYPES.find((t) => t.ext === ext || (ext === 'jpeg' && t.ext === 'jpg'))
}

export type EvidenceCheck =
  | { ok: true; type: AcceptedType }
  | { ok: false; reason: 'type' | 'empty' | 'too-big' | 'month-quota' | 'queue-full'; message: string }

function megabytes(bytes: number): string {
  return `${Math.round(bytes / MB)}MB`
}

/**
 * Can this file be accepted? `usedThisMonth` is what the person already sent
 * this month (server side); `queuedBytes` what is waiting on the phone
 * (client side). Either may be omitted where it does not apply.
 */
export function checkEvidenceFile(
  file: { mime?: string; name?: string; bytes: number },
  limits: EvidenceLimits = DEFAULT_LIMITS,
  usage: { usedThisMonth?: number; queuedBytes?: number } = {}
): EvidenceCheck {
  const type = acceptedType(file.mime) ?? (file.mime ? undefined : typeByExtension(file.name))
  if (!type) return { ok: false, reason: 'type', message: '只能上传照片（jpg、png、webp、heic）或 PDF、Word、Excel、PPT 文件' }
  if (!(file.bytes > 0)) return { ok: false, reason: 'empty', message: '这个文件是空的，请重新选择' }
  if (file.bytes > limits.maxFileBytes) return { ok: false, reason: 'too-big', message: `文件太大，请压缩后再传（${megabytes(limits.maxFileBytes)} 以内）` }
  if (usage.usedThisMonth !== undefined && usage.usedThisMonth + file.bytes > limits.maxMonthBytesPerPerson) {
    return { ok: false, reason: 'month-quota', message: `本月上传已达 ${megabytes(limits.maxMonthBytesPerPerson)} 上限，请下月再传或联系管理员` }
  }
  if (usage.queuedBytes !== undefined && usage.queuedBytes + file.bytes > limits.maxQueuedBytes) {
    return { ok: false, reason: 'queue-full', message: `手机里待发送的文件已满（${megabytes(limits.maxQueuedBytes)}），请联网发送后再添加` }
  }
  return { ok: true, type }
}
