import cloud from 'wx-server-sdk'
import type { Clock } from '../../../src/core/clock'
import { DEFAULT_CONFIG } from '../../api/context'
import { loadReminderConfig } from '../../reminders/config'
import { remindPeople, runReminderChunk, type RunSummary } from '../../reminders/run'
import { wechatSender } from '../../reminders/sender'
import { CloudBaseStore } from '../../store/cloudbase/CloudBaseStore'

/**
 * The reminder job in the cloud. `config.json` starts it every 5 minutes
 * from 09:00 to 10:55 (timer trigger, UTC+8) and grants
 * `subscribeMessage.send`. Each run works for at most REMIND_BUDGET_MS
 * (default 45 s: set the function's timeout to 60 s in the console) and
 * continues the day's pass from the cursor the previous run stored, so a
 * city's 15,000 people are done in a dozen or so runs; once the day is
 * done the remaining ticks only read the cursor. The `api` function calls
 * it for the admin action `reminders.run`, which starts a new pass from
 * the first person (the per-day mark keeps anyone from a second message).
 * Templates and rules come from this function's environment variables
 * (REMIND_CONFIG, REMIND_TEMPLATE_ID, REMIND_MINIPROGRAM_STATE; see
 * cloud/reminders/config.ts); REMIND_CHUNK sets how many people are read
 * and planned at a time (default 200).
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

const positive = (v: string | undefined, fallback: number) => (v && Number(v) > 0 ? Number(v) : fallback)

export async function main(event: unknown, _context?: unknown): Promise<{ ok: true; data: RunSummary } | { ok: false; error: { code: string; message: string } }> {
  if (calledByClient(cloud.getWXContext().SOURCE)) return { ok: false, error: { code: 'FORBIDDEN', message: '没有权限操作这一项' } }
  try {
    const config = loadReminderConfig(process.env)
    const restart = (event as { source?: unknown } | null)?.source === 'reminders.run'
    // The api function's "立即提醒" (completeness.remind): these people only, now.
    const ids = (event as { personIds?: unknown } | null)?.personIds
    if (Array.isArray(ids)) {
      const people = (await Promise.all(ids.filter((x): x is string => typeof x === 'string').slice(0, 200).map((id) => store.getPerson(id)))).filter((x) => x !== null)
      const data = await remindPeople({ store, clock, config, sender: wechatSender(cloud.openapi), graceDays: DEFAULT_CONFIG.graceDays, log }, people)
      return { ok: true, data }
    }
    const data = await runReminderChunk(
      { store, clock, config, sender: wechatSender(cloud.openapi), graceDays: DEFAULT_CONFIG.graceDays, log },
      { budgetMs: positive(process.env.REMIND_BUDGET_MS, 45_000), chunkSize: positive(process.env.REMIND_CHUNK, 200), restart }
    )
    console.log('reminders', JSON.stringify(data))
    return { ok: true, data }
  } catch (e) {
    log.error('reminder run failed', e)
    return { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } }
  }
}
