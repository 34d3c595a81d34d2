import { DEMO_PEOPLE } from '../../src/core/seed/users'
import type { Store } from '../store/types'
import type { ReminderConfig } from './config'

/** One-time grants each demo person starts with. */
export const DEMO_GRANTS = 5
/** Left without grants, so the demo outbox also shows a "no_grant" line. */
export const DEMO_PERSON_WITHOUT_GRANTS = 'u-grid-2'

/**
 * Local demo only: banks grants for the demo people, as if each had tapped
 * 开启提醒 in WeChat (H5 cannot ask). Runs while no grant exists at all, so
 * restarts and real grants are left alone.
 */
export async function seedDemoGrants(store: Store, config: ReminderConfig, at: string): Promise<boolean> {
  if (config.templates.length === 0 || (await store.reminderGrants()).length > 0) return false
  for (const person of DEMO_PEOPLE) {
    if (person.id === DEMO_PERSON_WITHOUT_GRANTS || !(await store.getPerson(person.id))) continue
    for (const t of config.templates) {
      await store.grantReminder({ personId: person.id, templateId: t.id, openid: null, add: t.longTerm ? 0 : DEMO_GRANTS, ...(t.longTerm ? { longTerm: true } : {}), at })
    }
  }
  return true
}
