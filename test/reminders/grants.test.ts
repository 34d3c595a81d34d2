import { defaultTemplate } from '../../cloud/reminders/config'
import { DEMO_GRANTS } from '../../cloud/reminders/demo'
import { testConfig, world, type World } from './helpers'

/** Grant accounting: one grant per message sent, 43101 zeroes, failures give the grant back and retry. */

let w: World
afterEach(async () => {
  await w.close()
})

const day = (n: number) => `2020-12-${String(20 + n).padStart(2, '0')}T10:00:00+08:00`

test('each message uses exactly one one-time grant; when they run out the person is skipped as no_grant', async () => {
  w = await world()
  expect(await w.banked('u-grid-1')).toBe(DEMO_GRANTS)
  for (let n = 0; n < DEMO_GRANTS; n++) {
    w.clock.set(day(n))
    await w.run()
    expect(await w.banked('u-grid-1')).toBe(DEMO_GRANTS - n - 1)
  }
  w.clock.set(day(DEMO_GRANTS))
  await w.run()
  const statuses = (await w.entriesOf('u-grid-1')).map((e) => e.status)
  expect(statuses).toEqual(['no_grant', 'sent', 'sent', 'sent', 'sent', 'sent'])
  expect(await w.banked('u-grid-1')).toBe(0)
})

test('reminders.grant: accept banks one more, reject changes nothing, status shows the count', async () => {
  w = await world()
  const accept = await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-pending', result: 'accept' })
  expect(accept).toMatchObject({ ok: true, data: { enabled: true, banked: 1, longTerm: false } })
  await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-pending', result: 'accept' })
  const reject = await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-pending', result: 'reject' })
  expect(reject.data).toMatchObject({ banked: 2 })
  expect((await w.store.reminderGrants(['u-grid-2']))[0]).toMatchObject({ oneTime: 2, openid: 'wx-u-grid-2' })
  const status = await w.act('u-grid-2', 'reminders.status')
  expect(status.data).toEqual({
    enabled: true,
    banked: 2,
    longTerm: false,
    remindedToday: false,
    templates: [{ id: 'tpl-pending', purpose: 'pending', title: '填报提醒', longTerm: false, banked: 2, subscribed: false }],
    maxPerRequest: 3
  })
  expect(await w.act('u-grid-2', 'reminders.grant', { templateId: 'not-ours', result: 'accept' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '没有这个提醒模板' } })
  expect(await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-pending', result: 'maybe' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
})

test('43101 (refused, or no grant left at WeChat): the grants for that template are zeroed, recorded, and the person is not counted as reminded', async () => {
  w = await world()
  w.sender.answer = (m) => (m.page.includes('qk-s11-c01-g1') ? { ok: false, errCode: 43101, errMsg: 'user refuse to accept the msg' } : { ok: true })
  const summary = await w.run()
  expect(summary).toMatchObject({ refused: 1, sent: 3 })
  expect(await w.banked('u-grid-1')).toBe(0)
  expect((await w.entriesOf('u-grid-1'))[0]).toMatchObject({ status: 'refused', errCode: 43101, errMsg: 'user refuse to accept the msg' })
  expect(await w.store.remindedOn('2020-12-20')).not.toContain('u-grid-1')
  w.sender.answer = () => ({ ok: true })
  w.clock.set('2020-12-20T15:00:00+08:00')
  await w.run()
  expect((await w.entriesOf('u-grid-1'))[0]).toMatchObject({ status: 'no_grant' })
})

test('other errors are recorded as failed, keep the grant, and are retried by the next run', async () => {
  w = await world()
  w.sender.answer = (m) => (m.page.includes('qk-s11-c01-g1') ? { ok: false, errCode: 47003, errMsg: 'argument invalid! data.thing1.value invalid' } : { ok: true })
  expect(await w.run()).toMatchObject({ failed: 1, sent: 3 })
  expect((await w.entriesOf('u-grid-1'))[0]).toMatchObject({ status: 'failed', errCode: 47003 })
  expect(await w.banked('u-grid-1')).toBe(DEMO_GRANTS)
  expect(await w.store.remindedOn('2020-12-20')).not.toContain('u-grid-1')

  // A sender that throws (network) is a failure too.
  w.sender.answer = () => {
    throw new Error('socket hang up')
  }
  w.clock.set('2020-12-20T11:00:00+08:00')
  expect(await w.run()).toMatchObject({ failed: 1, alreadyReminded: 3 })
  expect((await w.entriesOf('u-grid-1'))[0]).toMatchObject({ status: 'failed', errCode: -1, errMsg: 'socket hang up' })

  w.sender.answer = () => ({ ok: true })
  w.clock.set('2020-12-20T12:00:00+08:00')
  expect(await w.run()).toMatchObject({ sent: 1, alreadyReminded: 3 })
  expect((await w.entriesOf('u-grid-1')).map((e) => e.status)).toEqual(['sent', 'failed', 'failed'])
  expect(await w.banked('u-grid-1')).toBe(DEMO_GRANTS - 1)
})

test('long-term subscriptions: accepted once, not used up by sending, ended by 43101 or a later reject', async () => {
  const cfg = testConfig({ templates: [{ ...defaultTemplate('tpl-long'), longTerm: true }] })
  w = await world('2020-12-20T10:00:00+08:00', cfg)
  expect((await w.store.reminderGrants(['u-grid-1']))[0]).toMatchObject({ templateId: 'tpl-long', oneTime: 0, longTerm: true })
  for (let n = 0; n < 8; n++) {
    w.clock.set(day(n))
    await w.run()
  }
  expect((await w.entriesOf('u-grid-1')).filter((e) => e.status === 'sent')).toHaveLength(8)
  expect((await w.store.reminderGrants(['u-grid-1']))[0]).toMatchObject({ oneTime: 0, longTerm: true })

  w.sender.answer = () => ({ ok: false, errCode: 43101, errMsg: 'refused' })
  w.clock.set(day(8))
  await w.run()
  expect((await w.store.reminderGrants(['u-grid-1']))[0]).toMatchObject({ longTerm: false })

  const on = await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-long', result: 'accept' })
  expect(on.data).toMatchObject({ enabled: true, banked: 0, longTerm: true, templates: [{ id: 'tpl-long', subscribed: true }] })
  const off = await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-long', result: 'reject' })
  expect(off.data).toMatchObject({ enabled: false, longTerm: false })
})

test('two runs at once still send each person one message and use one grant each', async () => {
  w = await world()
  w.sender.answer = () => new Promise((r) => setTimeout(() => r({ ok: true }), 5))
  const [a, b] = await Promise.all([w.run(), w.run()])
  expect(a.sent + b.sent).toBe(4)
  expect((await w.outbox()).filter((e) => e.status === 'sent')).toHaveLength(4)
  expect(await w.banked('u-grid-1')).toBe(DEMO_GRANTS - 1)
})

test('messages go to the WeChat account that granted them', async () => {
  w = await world()
  await w.act('u-grid-1', 'reminders.grant', { templateId: 'tpl-pending', result: 'accept' })
  expect(await w.banked('u-grid-1')).toBe(DEMO_GRANTS + 1)
  await w.run()
  expect(w.sender.sent.find((m) => m.page.includes('qk-s11-c01-g1'))?.touser).toBe('wx-u-grid-1')
})
