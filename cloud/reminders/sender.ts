/**
 * Where a reminder goes. The job hands each message to a sender and
 * records the answer in the outbox; it never talks to WeChat itself.
 * - `wechatSender`: cloud.openapi.subscribeMessage.send (remind function);
 * - `localSender`: the local server's stand-in, which sends nothing and
 *   answers "sent", so the outbox shows what WeChat would have received.
 */

export interface OutgoingMessage {
  /** The recipient's openid (null locally: demo people have none). */
  touser: string | null
  templateId: string
  page: string
  data: Record<string, { value: string }>
  miniprogramState: 'developer' | 'trial' | 'formal'
  lang: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
}

export type SendResult = { ok: true } | { ok: false; errCode: number; errMsg: string }

export interface MessageSender {
  readonly channel: 'wechat' | 'local'
  send(message: OutgoingMessage): Promise<SendResult>
}

/** WeChat: the user refused, or has no grant left for this template. */
export const ERR_REFUSED = 43101

export const localSender: MessageSender = {
  channel: 'local',
  send: async () => ({ ok: true })
}

/** The slice of `cloud.openapi` the WeChat sender calls (cloud-call parameter names are camelCase). */
export interface SubscribeMessageApi {
  subscribeMessage: {
    send(request: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: 'developer' | 'trial' | 'formal'
      lang: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW'
    }): Promise<{ errCode?: number; errMsg?: string }>
  }
}

/** The errCode of a failed cloud call: a property of the error, or "errCode: N" in its message. */
export function errCodeOf(e: unknown): number {
  if (e && typeof e === 'object' && typeof (e as { errCode?: unknown }).errCode === 'number') return (e as { errCode: number }).errCode
  const text = e instanceof Error ? e.message : String(e)
  const m = /errCode:\s*(-?\d+)/.exec(text)
  return m ? Number(m[1]) : -1
}

const messageOf = (e: unknown) => (e && typeof e === 'object' && typeof (e as { errMsg?: unknown }).errMsg === 'string' ? (e as { errMsg: string }).errMsg : e instanceof Error ? e.message : String(e))

export function wechatSender(openapi: SubscribeMessageApi): MessageSender {
  return {
    channel: 'wechat',
    async send(m) {
      if (!m.touser) return { ok: false, errCode: 40003, errMsg: '没有这个人的微信账号（未绑定或未授权）' }
      try {
        const res = await openapi.subscribeMessage.send({ touser: m.touser, templateId: m.templateId, page: m.page, data: m.data, miniprogramState: m.miniprogramState, lang: m.lang })
        const errCode = res?.errCode ?? 0
        return errCode === 0 ? { ok: true } : { ok: false, errCode, errMsg: res?.errMsg ?? '' }
      } catch (e) {
        return { ok: false, errCode: errCodeOf(e), errMsg: messageOf(e).slice(0, 300) }
      }
    }
  }
}
