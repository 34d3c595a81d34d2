import { acceptedType, checkEvidenceFile, DEFAULT_LIMITS, typeByExtension, type EvidenceLimits } from '../../core/evidence/files'
import type { FileVault, KeptFile, PickedFile } from './types'

export type KeepResult = { ok: true; file: KeptFile } | { ok: false; message: string }

/**
 * Checks a picked file against the one evidence rule (src/core/evidence/files)
 * and keeps it: the type first (so a PDF is never treated as a photo), then,
 * after the vault compressed it, its size and the queue's file budget. A file
 * that fails is not kept.
 */
export async function keepEvidence(vault: FileVault, picked: PickedFile, queuedBytes: number, limits: EvidenceLimits = DEFAULT_LIMITS): Promise<KeepResult> {
  const type = acceptedType(picked.mime) ?? typeByExtension(picked.name)
  const first = checkEvidenceFile({ mime: type?.mime, name: picked.name, bytes: picked.bytes }, { ...limits, maxFileBytes: Infinity, maxQueuedBytes: Infinity })
  if (!first.ok || !type) return { ok: false, message: first.ok ? '这个文件不能上传' : first.message }
  let kept: KeptFile
  try {
    kept = await vault.keep(picked, type.kind, type.mime)
  } catch {
    return { ok: false, message: '手机存储空间不足，没能保存这个文件。请清理空间后再试。' }
  }
  const check = checkEvidenceFile({ mime: kept.mime, name: kept.name, bytes: kept.bytes }, limits, { queuedBytes })
  if (!check.ok) {
    await vault.remove(kept.localPath).catch(() => undefined)
    return { ok: false, message: check.message }
  }
  return { ok: true, file: kept }
}
