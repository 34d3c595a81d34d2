import { getServices } from '.'

/** Reports written on this phone and not yet delivered (or needing attention). */
export async function getUnsyncedCount(): Promise<number> {
  return getServices().unsyncedCount()
}
