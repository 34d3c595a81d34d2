import type { ApiResult } from '../../src/core/errors'
import { requestReminders, templatesToRequest, type ReminderStatus, type ReminderTemplate } from '../../src/services/reminderClient'

// The real Taro is never loaded here: the panel is injected per test, and
// this stub proves the default path is not taken on H5.
const mockTaroRequest = jest.fn()
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requestSubscribeMessage: (...args: unknown[]) => mockTaroRequest(...args) } }))

/** The client side: ask WeChat on a tap (weapp only), then bank each answer with the server. */

const tpl = (id: string, over: Partial<ReminderTemplate> = {}): ReminderTemplate => ({ id, purpose: 'pending', title: '填报提醒', longTerm: false, banked: 0, subscribed: false, ...over })

const status = (banked: number): ReminderStatus => ({ enabled: banked > 0, banked, longTerm: false, remindedToday: false, templates: [tpl('a', { banked })], maxPerRequest: 3 })

function fakeApi(answer: (action: string, payload: any) => ApiResult<unknown> = () => ({ ok: true, data: status(1) })) {
  const calls: [string, unknown][] = []
  return {
    calls,
    api: {
      transport: {
        call: async <T>(action: string, payload?: unknown): Promise<ApiResult<T>> => {
          calls.push([action, payload])
          return answer(action, payload) as ApiResult<T>
        }
      }
    }
  }
}

const ENV = process.env.TARO_ENV
afterEach(() => {
  process.env.TARO_ENV = ENV
  mockTaroRequest.mockReset()
})

test('H5: nothing is asked or recorded, and the answer says why', async () => {
  process.env.TARO_ENV = 'h5'
  const { api, calls } = fakeApi()
  const panel = jest.fn()
  expect(await requestReminders(api, [tpl('a')], panel)).toEqual({ kind: 'unsupported', message: '提醒要在微信小程序里开启' })
  expect(panel).not.toHaveBeenCalled()
  expect(await requestReminders(api, [tpl('a')])).toMatchObject({ kind: 'unsupported' })
  expect(mockTaroRequest).not.toHaveBeenCalled()
  expect(calls).toEqual([])
})

test('weapp: asks for at most 3 ids, then posts each template\'s result to reminders.grant', async () => {
  process.env.TARO_ENV = 'weapp'
  const { api, calls } = fakeApi(() => ({ ok: true, data: status(2) }))
  const panel = jest.fn(async (_ids: string[]) => ({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'reject', c: 'acceptWithAudio', d: 'accept' }) as Record<string, unknown>)
  const outcome = await requestReminders(api, [tpl('a'), tpl('b'), tpl('c'), tpl('d')], panel)
  expect(panel).toHaveBeenCalledWith(['a', 'b', 'c'])
  expect(calls).toEqual([
    ['reminders.grant', { templateId: 'a', result: 'accept' }],
    ['reminders.grant', { templateId: 'b', result: 'reject' }],
    ['reminders.grant', { templateId: 'c', result: 'accept' }]
  ])
  expect(outcome).toMatchObject({ kind: 'done', accepted: 2, declined: 1, message: '已开启提醒，还可提醒2次' })
})

test('weapp through Taro.requestSubscribeMessage({ tmplIds })', async () => {
  process.env.TARO_ENV = 'weapp'
  mockTaroRequest.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', a: 'ban' })
  const { api, calls } = fakeApi()
  expect(await requestReminders(api, [tpl('a')])).toMatchObject({ kind: 'done', accepted: 0, declined: 1, message: '没有开启提醒' })
  expect(mockTaroRequest).toHaveBeenCalledWith({ tmplIds: ['a'] })
  expect(calls).toEqual([['reminders.grant', { templateId: 'a', result: 'ban' }]])
})

test('one-time and long-term ids are never asked together; long-term first while not subscribed', () => {
  const all = [tpl('once1'), tpl('long1', { longTerm: true }), tpl('once2'), tpl('long2', { longTerm: true, subscribed: true })]
  expect(templatesToRequest(all)).toEqual(['long1'])
  expect(templatesToRequest(all.map((t) => ({ ...t, subscribed: t.longTerm })))).toEqual(['once1', 'once2'])
  expect(templatesToRequest([])).toEqual([])
})

test('weapp failures: nothing configured, the panel refused (20004), the server unreachable', async () => {
  process.env.TARO_ENV = 'weapp'
  const { api } = fakeApi(() => ({ ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } }))
  expect(await requestReminders(api, [], jest.fn())).toMatchObject({ kind: 'not_configured' })
  const refused = jest.fn(async () => {
    throw Object.assign(new Error('requestSubscribeMessage:fail'), { errCode: 20004 })
  })
  expect(await requestReminders(api, [tpl('a')], refused)).toEqual({ kind: 'failed', errCode: 20004, message: '请在右上角“设置”里打开订阅消息' })
  expect(await requestReminders(api, [tpl('a')], async () => ({ a: 'accept' }))).toMatchObject({ kind: 'failed', message: '提醒已开启，但没能告诉服务器，请稍后再点一次' })
})
