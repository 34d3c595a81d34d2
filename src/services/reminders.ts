import { getServices } from '.'
import * as client from './reminderClient'

/**
 * Deadline reminders for pages: the status ("已存 N 次提醒") and the request
 * for more grants, over the reminder client and the app's API.
 */
export interface ReminderStatus {
  enabled: boolean
  /** One-time grants banked: each lets the server send one reminder. */
  banked: number
}

// Kept from the last status so a tap can ask WeChat at once: the subscribe
// panel only opens straight from a tap, with nothing awaited first.
let templates: readonly client.ReminderTemplate[] = []

export async function getReminderStatus(): Promise<ReminderStatus> {
  const status = await client.getReminderStatus(getServices().api)
  templates = status.templates
  return status
}

/** Call first thing in a tap handler. Resolves with a message to show. */
export async function requestReminders(): Promise<string> {
  const outcome = await client.requestReminders(getServices().api, templates)
  return outcome.message
}
