import type { KeyValueStorage } from '../storage/types'
import type { FileVault } from './types'

/** A kept file no one refers to is removed only after this long: a pick is never swept before its draft is saved. */
export const SWEEP_GRACE_MS = 7 * 86400_000

/** Keys that may refer to kept files: every person's queue entries (quarantined ones too) and drafts. */
const REFERS = (key: string) => key.includes('gebao.outbox.') || key.includes('gebao.outbox-bad.') || key.includes('gebao.draft.')

/**
 * Files picked for a draft that was then abandoned stay in the vault (IndexedDB,
 * USER_DATA_PATH) for ever. At launch, a kept file older than the grace period
 * that no queue entry or draft of anyone on this phone mentions is removed.
 * Returns how many were removed.
 */
export async function sweepVault(vault: FileVault, storage: KeyValueStorage, now: number, graceMs = SWEEP_GRACE_MS): Promise<number> {
  if (!vault.list) return 0
  const old = (await vault.list()).filter((f) => now - f.keptAt > graceMs)
  if (old.length === 0) return 0
  const texts: string[] = []
  for (const key of (await storage.keys()).filter(REFERS)) {
    const value = await storage.get(key)
    if (value !== undefined) texts.push(JSON.stringify(value))
  }
  let removed = 0
  for (const f of old) {
    if (texts.some((t) => t.includes(f.localPath))) continue
    await vault.remove(f.localPath)
    removed++
  }
  return removed
}

/** Vault ids start with the time they were kept (base 36), so listing needs no reads. */
export function newVaultId(now: number, random: () => number = Math.random): string {
  return `${now.toString(36)}-${random().toString(36).slice(2, 10)}`
}

export function keptAtOf(id: string): number {
  const t = parseInt(id.split('-')[0], 36)
  return Number.isFinite(t) ? t : 0
}
