import { G1, itemsOf, world, type World } from './helpers'

/**
 * Who is reminded of what, on which day, and who is not — the real SQLite
 * store with the demo seed and a fake clock. On 2020-12-20 (China time) a
 * grid's monthly YL-133 has 2020-10 (due 11-05) and 2020-11 (due 12-05)
 * overdue, and 2020-12 due 2021-01-05; YL-BED 2020-Q4 is due 2021-01-10.
 */

let w: World
afterEach(async () => {
  await w.close()
})

describe('who is reminded of what', () => {
  test('each person with something to do gets one message listing their items; the grid worker hears of both overdue months', async () => {
    w = await world()
    const summary = await w.run()
    expect(summary).toMatchObject({ day: '2020-12-20', quiet: false, sent: 4, noGrant: 1, failed: 0, refused: 0 })
    const [e] = await w.entriesOf('u-grid-1')
    expect(e).toMatchObject({ status: 'sent', kind: 'pending', templateId: 'tpl-pending', day: '2020-12-20', channel: 'wechat' })
    expect(itemsOf(e)).toEqual(['YL-133 2020-10 overdue', 'YL-133 2020-11 overdue'])
    expect(e.data).toEqual({
      thing1: { value: '2项已逾期：“133”居家养老品牌打造' },
      date2: { value: '2020年11月5日' },
      thing3: { value: '最久逾期45天，请尽快填报' }
    })
    expect(e.page).toBe(`pages/inbox/index?reportId=YL-133~${G1}~2020-10`)
    const msg = w.sender.sent.find((m) => m.page === e.page)
    expect(msg).toMatchObject({ templateId: 'tpl-pending', data: e.data, miniprogramState: 'formal', lang: 'zh_CN' })
    // One message per person: four sent, to four different pages/people.
    expect(new Set((await w.outbox()).map((x) => x.personId)).size).toBe((await w.outbox()).length)
  })

  test('an item already submitted is not reminded; with nothing left the person gets no message at all', async () => {
    w = await world()
    await w.submit('u-grid-1', G1, '2020-10')
    await w.run()
    expect(itemsOf((await w.entriesOf('u-grid-1'))[0])).toEqual(['YL-133 2020-11 overdue'])

    w.clock.set('2020-12-21T10:00:00+08:00')
    await w.submit('u-grid-1', G1, '2020-11')
    const sentBefore = w.sender.sent.length
    await w.run()
    expect(await w.entriesOf('u-grid-1')).toHaveLength(1)
    expect(w.sender.sent.slice(sentBefore).some((m) => m.page.includes(G1))).toBe(false)
  })

  test('a returned report is reminded first, with the reviewer\'s request; once resubmitted it is not', async () => {
    w = await world('2020-12-10T10:00:00+08:00')
    const { report } = await w.submit('u-grid-1', G1, '2020-11')
    const back = await w.act('u-comm-1', 'review', { reportId: report.id, version: report.version, decision: 'return', comment: '培训人次偏高，请核对' })
    expect(back.ok).toBe(true)
    await w.run()
    const [e] = await w.entriesOf('u-grid-1')
    expect(itemsOf(e)).toEqual(['YL-133 2020-11 returned', 'YL-133 2020-10 overdue'])
    expect(e.data.thing1.value).toBe('2项待处理：“133”居家养老品牌打造')
    expect(e.data.thing3.value).toBe('请按审核意见修改后重报')
    expect(e.page).toBe(`pages/inbox/index?reportId=YL-133~${G1}~2020-11`)

    w.clock.set('2020-12-11T10:00:00+08:00')
    await w.submit('u-grid-1', G1, '2020-11', 2)
    await w.run()
    expect(itemsOf((await w.entriesOf('u-grid-1'))[0])).toEqual(['YL-133 2020-10 overdue'])
  })

  test('items due within 3 days are reminded; a due date further away is not yet', async () => {
    w = await world('2021-01-01T10:00:00+08:00')
    await w.submit('u-grid-1', G1, '2020-10')
    await w.submit('u-grid-1', G1, '2020-11')
    await w.run()
    // 2020-12 is due 2021-01-05: 4 days away on 01-01, nothing to remind.
    expect(await w.entriesOf('u-grid-1')).toEqual([])
    w.clock.set('2021-01-02T10:00:00+08:00')
    await w.run()
    const [e] = await w.entriesOf('u-grid-1')
    expect(itemsOf(e)).toEqual(['YL-133 2020-12 due'])
    expect(e.data).toEqual({ thing1: { value: '1项待填报：“133”居家养老品牌打造' }, date2: { value: '2021年1月5日' }, thing3: { value: '3天后截止，请及时填报' } })
    w.clock.set('2021-01-05T10:00:00+08:00')
    await w.run()
    expect((await w.entriesOf('u-grid-1'))[0].data.thing3.value).toBe('今天截止，请及时填报')
  })
})

describe('on which day, and who is not reminded', () => {
  test('quiet hours (21:00–08:00 China time): nothing is read, sent or recorded; 08:00 sends', async () => {
    for (const at of ['2020-12-20T21:00:00+08:00', '2020-12-20T23:59:00+08:00', '2020-12-21T07:59:00+08:00']) {
      w = await world(at)
      expect(await w.run()).toMatchObject({ quiet: true, sent: 0 })
      expect(await w.outbox()).toEqual([])
      expect(await w.banked('u-grid-1')).toBe(5)
      expect(await w.store.remindedOn(at.slice(0, 10))).toEqual([])
      await w.close()
    }
    w = await world('2020-12-21T08:00:00+08:00')
    expect(await w.run()).toMatchObject({ quiet: false, sent: 4 })
  })

  test('quiet hours are configuration: none at all when from equals to', async () => {
    w = await world('2020-12-20T23:00:00+08:00')
    expect(await w.run({ ...w.config, quietHours: { from: 0, to: 0 } })).toMatchObject({ quiet: false, sent: 4 })
  })

  test('no grant: not sent, recorded as no_grant, not counted as reminded; a grant banked later the same day lets the next run send', async () => {
    w = await world()
    await w.run()
    const [e] = await w.entriesOf('u-grid-2')
    expect(e).toMatchObject({ status: 'no_grant', templateId: 'tpl-pending', channel: null })
    expect(itemsOf(e)).toEqual(['YL-133 2020-10 overdue', 'YL-133 2020-11 overdue'])
    expect(w.sender.sent.some((m) => m.page.includes('qk-s11-c01-g2'))).toBe(false)
    expect(await w.store.remindedOn('2020-12-20')).not.toContain('u-grid-2')

    expect((await w.act('u-grid-2', 'reminders.grant', { templateId: 'tpl-pending', result: 'accept' })).ok).toBe(true)
    w.clock.set('2020-12-20T15:00:00+08:00')
    expect(await w.run()).toMatchObject({ sent: 1, alreadyReminded: 4 })
    expect((await w.entriesOf('u-grid-2'))[0]).toMatchObject({ status: 'sent' })
    expect(w.sender.sent.at(-1)?.touser).toBe('wx-u-grid-2')
    expect(await w.banked('u-grid-2')).toBe(0)
  })

  test('at most one reminder per person per day: a second run that day sends nothing; the next day sends again', async () => {
    w = await world()
    await w.run()
    w.clock.set('2020-12-20T20:59:00+08:00')
    expect(await w.run()).toMatchObject({ sent: 0, alreadyReminded: 4, noGrant: 1 })
    expect((await w.entriesOf('u-grid-1')).filter((e) => e.status === 'sent')).toHaveLength(1)
    expect(await w.banked('u-grid-1')).toBe(4)

    w.clock.set('2020-12-21T09:00:00+08:00')
    expect(await w.run()).toMatchObject({ day: '2020-12-21', sent: 4 })
    expect(await w.banked('u-grid-1')).toBe(3)
  })

  test('"today" is the China date: 23:30 and 00:30 China time are two days, though the same UTC day', async () => {
    w = await world('2020-12-20T23:30:00+08:00')
    const noQuiet = { ...w.config, quietHours: { from: 0, to: 0 } }
    expect(await w.run(noQuiet)).toMatchObject({ day: '2020-12-20', sent: 4 })
    w.clock.set('2020-12-21T00:30:00+08:00')
    expect(await w.run(noQuiet)).toMatchObject({ day: '2020-12-21', sent: 4 })
  })

  test('people of units with nothing open, and periods not begun, are left alone', async () => {
    w = await world('2020-01-03T10:00:00+08:00')
    // Indicators start in 2020: on 2020-01-03 nothing is due within 3 days or overdue.
    expect(await w.run()).toMatchObject({ sent: 0, noGrant: 0 })
    expect(await w.outbox()).toEqual([])
  })
})
