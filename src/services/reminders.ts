/**
 * Deadline reminders (WeChat subscribe messages). A stub the lead replaces:
 * the real one keeps the grant count ("已存 N 次提醒") and asks WeChat for
 * more with requestSubscribeMessage, which must run inside a tap handler.
 */
export interface ReminderStatus {
  enabled: boolean
  /** One-time grants banked: each lets the server send one reminder. */
  banked: number
}

// TODO(lead): read the real status.
export async function getReminderStatus(): Promise<ReminderStatus> {
  return { enabled: false, banked: 0 }
}

// TODO(lead): call Taro.requestSubscribeMessage (weapp only, never on H5)
// and bank the grants. Called straight from the 开启提醒 tap.
export async function requestReminders(): Promise<void> {}
