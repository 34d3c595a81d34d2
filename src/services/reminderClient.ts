import Taro from '@tarojs/taro'
import type { reminderStatus } from '../../cloud/api/handlers/reminders'
import type { ApiErrorBody } from '../core/errors'
import type { Transport } from './transport'

/**
 * Reminders on the phone: asks WeChat for subscribe-message grants and
 * banks each one with the server (`reminders.grant`), which then may send
 * one reminder per grant (or any number for a long-term subscription).
 *
 * WeChat rules this follows:
 * - requestSubscribeMessage works only straight from a tap: call
 *   `requestReminders` first thing in the tap handler, with templates
 *   loaded beforehand (`getReminderStatus` in useDidShow); await nothing
 *   before it.
 * - At most 3 template ids per call, and one-time and long-term ids never
 *   in the same call.
 * - H5 has no subscribe messages (Taro's H5 stub even "succeeds"): nothing
 *   is asked or recorded there, and the answer says so.
 */

export type ReminderStatus = Awaited<ReturnType<(typeof reminderStatus)['run']>>
export type ReminderTemplate = ReminderStatus['templates'][number]
export type GrantResult = 'accept' | 'reject' | 'ban' | 'filter'

/** What the client needs of the API: its transport (createApi(...).transport). */
export interface ReminderApi {
  transport: Pick<Transport, 'call'>
}

export type RequestOutcome =
  | { kind: 'unsupported'; message: string }
  | { kind: 'not_configured'; message: string }
  | { kind: 'failed'; message: string; errCode?: number }
  | { kind: 'done'; accepted: number; declined: number; status: ReminderStatus | null; message: string }

/** The subscribe panel; replaced in tests. */
export type SubscribeRequest = (tmplIds: string[]) => Promise<Record<string, unknown>>

// Taro's Option type demands the Alipay-only `entityIds` too; WeChat takes `tmplIds` alone.
type SubscribeOption = Parameters<typeof Taro.requestSubscribeMessage>[0]
const wechatRequest: SubscribeRequest = async (tmplIds) => (await Taro.requestSubscribeMessage({ tmplIds } as SubscribeOption)) as unknown as Record<string, unknown>

class ReminderCallError extends Error {
  constructor(readonly error: ApiErrorBody) {
    super(error.message)
  }
}

async function call<T>(api: ReminderApi, action: string, payload?: unknown): Promise<T> {
  const res = await api.transport.call<T>(action, payload)
  if (!res.ok) throw new ReminderCallError(res.error)
  return res.data
}

export function getReminderStatus(api: ReminderApi): Promise<ReminderStatus> {
  return call<ReminderStatus>(api, 'reminders.status')
}

/**
 * The ids for one panel: long-term templates not yet subscribed when there
 * are any (they need asking once), otherwise the one-time ones; at most 3.
 */
export function templatesToRequest(templates: readonly ReminderTemplate[], max = 3): string[] {
  const longTerm = templates.filter((t) => t.longTerm && !t.subscribed)
  const group = longTerm.length ? longTerm : templates.filter((t) => !t.longTerm)
  return group.slice(0, max).map((t) => t.id)
}

function resultOf(value: unknown): GrantResult | null {
  if (value === 'accept' || value === 'acceptWithAudio') return 'accept'
  return value === 'reject' || value === 'ban' || value === 'filter' ? value : null
}

const errCodeOf = (e: unknown) => (e && typeof e === 'object' && typeof (e as { errCode?: unknown }).errCode === 'number' ? (e as { errCode: number }).errCode : undefined)

/** Asks WeChat for grants (weapp only) and records each answer with the server. */
export async function requestReminders(api: ReminderApi, templates: readonly ReminderTemplate[], request: SubscribeRequest = wechatRequest): Promise<RequestOutcome> {
  if (process.env.TARO_ENV !== 'weapp') return { kind: 'unsupported', message: '提醒要在微信小程序里开启' }
  const ids = templatesToRequest(templates)
  if (ids.length === 0) return { kind: 'not_configured', message: '提醒还没有配置，请联系管理员' }
  let answer: Record<string, unknown>
  try {
    answer = await request(ids)
  } catch (e) {
    // 20004: the user turned subscribe messages off in the mini-program's settings.
    const errCode = errCodeOf(e)
    return { kind: 'failed', message: errCode === 20004 ? '请在右上角“设置”里打开订阅消息' : '没能开启提醒，请稍后再试', ...(errCode !== undefined ? { errCode } : {}) }
  }
  let accepted = 0
  let declined = 0
  let status: ReminderStatus | null = null
  try {
    for (const id of ids) {
      const result = resultOf(answer[id])
      if (!result) continue
      if (result === 'accept') accepted += 1
      else declined += 1
      status = await call<ReminderStatus>(api, 'reminders.grant', { templateId: id, result })
    }
  } catch {
    return { kind: 'failed', message: '提醒已开启，但没能告诉服务器，请稍后再点一次' }
  }
  const message = accepted ? (status && status.banked > 0 ? `已开启提醒，还可提醒${status.banked}次` : '已开启提醒') : '没有开启提醒'
  return { kind: 'done', accepted, declined, status, message }
}
