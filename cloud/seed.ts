import { SEED_INDICATORS } from '../src/core/seed/catalog'
import { buildDemoOrgTree } from '../src/core/seed/orgTree'
import { DEMO_PEOPLE } from '../src/core/seed/users'
import type { Store } from './store/types'

/**
 * First-run data: the seed catalog (the 2020 plan), the demo district tree and demo people.
 * Only fills an empty store, so restarts never overwrite edits.
 */
export async function seedIfEmpty(store: Store): Promise<boolean> {
  if ((await store.planYears()).length > 0) return false
  await store.putOrgUnits(buildDemoOrgTree())
  await store.putPeople(DEMO_PEOPLE)
  for (const ind of SEED_INDICATORS) await store.putIndicator(ind)
  return true
}
