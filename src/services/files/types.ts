import type { EvidenceKind } from '../../core/evidence/files'

/** A file the worker just picked: a temp path (weapp) or the browser's File (H5). */
export interface PickedFile {
  source: string | Blob
  name: string
  /** As the platform reports it; may be missing (weapp temp paths). */
  mime?: string
  bytes: number
}

/** A picked file kept by the vault until its report is on the server. */
export interface KeptFile {
  localPath: string
  name: string
  mime: string
  bytes: number
  kind: EvidenceKind
}

/**
 * Where picked photos and documents wait on the phone, out of temp storage
 * and out of the 10 MB key-value storage: IndexedDB in H5, the
 * FileSystemManager under USER_DATA_PATH in weapp. Photos are compressed
 * on the way in.
 */
export interface FileVault {
  keep(file: PickedFile, kind: EvidenceKind, mime: string): Promise<KeptFile>
  exists(localPath: string): Promise<boolean>
  info(localPath: string): Promise<{ bytes: number; mime: string } | null>
  remove(localPath: string): Promise<void>
  /** Something an <Image> can show; null when the file is gone. */
  previewUrl(localPath: string): Promise<string | null>
  /** H5 only: the bytes, for a multipart upload. */
  read?(localPath: string): Promise<Blob | null>
  /** Every kept file with when it was kept (epoch ms), for the launch sweep. */
  list?(): Promise<{ localPath: string; keptAt: number }[]>
}

/** The platform's pickers; each must be called straight from a tap. */
export interface FilePickers {
  photo(): Promise<PickedFile | null>
  document(): Promise<PickedFile | null>
}
