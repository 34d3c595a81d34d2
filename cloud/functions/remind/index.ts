import cloud from 'wx-server-sdk'
import type { Clock } from '../../../src/core/clock'
import { DEFAULT_CONFIG } from '../../api/context'
import { loadReminderConfig } from '../../reminders/config'
import { runReminders, type RunSummary } from '../../reminders/run'
import { wechatSender } from '../../reminders/sender'
import { CloudBaseStore } from '../../store/cloudbase/CloudBaseStore'

/**
 * The reminder job in the cloud: `config.json` starts it every day at 09:00
 * (timer trigger, UTC+8) and grants `subscribeMessage.send`; the `api`
 * function also calls it for the admin action `reminders.run`. Templates and
 * rules come from this function's environment variables (REMIND_CONFIG,
 * REMIND_TEMPLATE_ID, REMIND_MINIPROGRAM_STATE; see cloud/reminders/config.ts).
 * Set the function's timeout well above the 3 s default in the console: it
 * reads every person's open periods and sends one message at a time.
 */

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

const store = new CloudBaseStore(cloud.database({ throwOnNotFound: false }))
const clock: Clock = { now: () => new Date() }
const log = { error: (msg: string, err: unknown) => console.error(msg, err) }

/**
 * Only the timer, another cloud function (the api function, after checking
 * the admin) or the console may start a run: a mini-program calling this
 * function directly is refused.
 */
export function calledByClient(source: string | undefined): boolean {
  const chain = (source ?? '').split(',')
  const last = chain[chain.length - 1]
  return last === 'wx_client' || last === 'wx_http'
}

export async function main(_event: unknown, _context?: unknown): Promise<{ ok: true; data: RunSummary } | { ok: false; error: { code: string; message: string } }> {
  if (calledByClient(cloud.getWXContext().SOURCE)) return { ok: false, error: { code: 'FORBIDDEN', message: '没有权限操作这一项' } }
  try {
    const config = loadReminderConfig(process.env)
    const data = await runReminders({ store, clock, config, sender: wechatSender(cloud.openapi), graceDays: DEFAULT_CONFIG.graceDays, log })
    console.log('reminders', JSON.stringify(data))
    return { ok: true, data }
  } catch (e) {
    log.error('reminder run failed', e)
    return { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } }
  }
}
