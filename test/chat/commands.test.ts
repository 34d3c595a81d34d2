import { Convo, contextFor } from './helpers'

describe('撤销, 重填 and editing from the summary', () => {
  test('撤销 takes back the last answer and asks it again', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2'])
    c.send('撤销')
    expect(c.last[0]).toMatchObject({ kind: 'info', text: '已撤销：新建幸福食堂 2个' })
    expect(c.current.text).toContain('请填「新建幸福食堂」')
    expect(c.state.values).toEqual({ service_points: 8 })
    c.send('撤销')
    expect(c.state.values).toEqual({})
    c.send('撤销')
    expect(c.last[0].text).toBe('没有可以撤销的了')
    expect(c.current.text).toContain('请填「新建服务网点」')
  })

  test('撤销 takes back a whole sentence at once', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['网点2个，食堂1个', '撤销'])
    expect(c.state.values).toEqual({})
    expect(c.last[0].text).toBe('已撤销：新建服务网点 2个、新建幸福食堂 1个')
  })

  test('撤销 at a warning takes back the warned figure', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2', '9000', '撤销'])
    expect(c.state.values).toEqual({ service_points: 8, canteens: 2 })
    expect(c.state.awaitReason).toEqual([])
    expect(c.current.text).toContain('请填「培训护理人员」')
  })

  test('撤销 from the summary reopens the last question', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2', '300'])
    expect(c.current.kind).toBe('summary')
    c.quick('撤销')
    expect(c.current.text).toContain('请填「培训护理人员」')
  })

  test('重填 starts over, keeps photos, and can itself be undone', () => {
    const c = new Convo(contextFor('FLY-2'))
    c.run(['是', '今天', { type: 'evidence', evidence: { id: 'p1', name: '土地证.jpg', kind: 'image' } }, '否'])
    c.send('重填')
    expect(c.last[0].text).toContain('已清空')
    expect(c.state.values).toEqual({})
    expect(c.state.dates).toEqual({})
    expect(c.state.evidence).toHaveLength(1)
    expect(c.current.text).toContain('「土地转让」完成了吗？')
    c.send('撤销')
    expect(c.state.values).toEqual({ land_done: 1, tender_done: 0 })
    expect(c.state.dates).toEqual({ land_done: '2020-12-21' })
  })

  test('editing a row of the summary asks that item again and comes back to the summary', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300'])
    const rows = c.current.summary!.rows
    c.send({ type: 'edit', field: rows[1].field })
    expect(c.current.text).toContain('请填「新建幸福食堂」')
    expect(c.current.text).toContain('原来填的：2个')
    expect(c.quickLabels()[0]).toBe('不改（2个）')
    c.send('3')
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows[1].value).toBe('3个')
    c.send({ type: 'edit', field: 'trainees' })
    c.quick('不改')
    expect(c.current.kind).toBe('summary')
    c.send({ type: 'confirm' })
    expect(c.submitted().values).toEqual({ service_points: 8, canteens: 3, trainees: 300 })
  })

  test('an edit can be undone, back to the summary', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', { type: 'edit', field: 'canteens' }, '撤销'])
    expect(c.current.kind).toBe('summary')
  })

  test('figures named on the summary change them directly', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', '食堂3个'])
    expect(c.lastText).toContain('已改：新建幸福食堂 2个 → 3个')
    expect(c.current.kind).toBe('summary')
    expect(c.state.values.canteens).toBe(3)
  })

  test('editing a field that does not exist is refused', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', { type: 'edit', field: 'beds' }])
    expect(c.last[0]).toMatchObject({ kind: 'error', text: '没有这一项' })
  })

  test('other words on the summary get a hint, not a submit', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', '嗯嗯'])
    expect(c.current.kind).toBe('error')
    expect(c.outcome).toBeUndefined()
    c.send('不对')
    expect(c.current.text).toContain('要改哪项')
  })

  test('确认 before the end is refused', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', { type: 'confirm' }])
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('还没填完')
    expect(c.outcome).toBeUndefined()
  })

  test('after submitting, nothing changes any more', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', '提交'])
    const state = c.state
    c.send('撤销')
    expect(c.state).toEqual({ ...state, seq: state.seq + 1 })
    expect(c.current.text).toBe('这份已经提交了')
  })
})

describe('quick replies: 同上期, 0, 跳过', () => {
  const previous = { service_points: 2, canteens: 1, trainees: 300 }

  test('per-period counts offer no 同上期; saying it asks whether this period is 0', () => {
    const c = new Convo(contextFor('YL-133', { previous }))
    expect(c.quickLabels()).toEqual(['0', '跳过'])
    c.send('跟上个月一样')
    expect(c.current.text).toContain('本期新增是0吗？')
    expect(c.state.values.service_points).toBeUndefined()
    c.send('不是')
    expect(c.current.text).toContain('请填「新建服务网点」')
    c.send('同上')
    c.quick('是，本期是0')
    expect(c.state.values.service_points).toBe(0)
    c.quick('0')
    c.quick('跳过')
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows.map((r) => r.value)).toEqual(['0个', '0个', '未填'])
    expect(c.current.text).toContain('有1项未填')
    c.send('确认')
    expect(c.submitted().values).toEqual({ service_points: 0, canteens: 0 })
  })

  test('同上期 carries a stock over (YL-BED)', () => {
    const c = new Convo(contextFor('YL-BED', { previous: { beds: 9133, elderly: 155900 } }))
    expect(c.quickLabels()[0]).toBe('同上期（9133张）')
    c.send('没变化')
    expect(c.state.values.beds).toBe(9133)
  })

  test('values seen before are offered', () => {
    const c = new Convo(contextFor('YL-133', { previous, seen: { service_points: [3, 2, 3, 5, 6] } }))
    expect(c.quickLabels()).toEqual(['3个', '2个', '5个', '0', '跳过'])
    c.quick('5个')
    expect(c.state.values.service_points).toBe(5)
  })

  test('同上期 without a last period says so', () => {
    const c = new Convo(contextFor('YL-BED'))
    c.send('同上期')
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('没有上期的数')
  })

  test('nothing reported at all cannot be submitted', () => {
    const c = new Convo(contextFor('YL-133')).run(['跳过', '跳过', '跳过'])
    expect(c.current.summary!.canSubmit).toBe(false)
    expect(c.quickLabels()).not.toContain('确认提交')
    c.send('确认')
    expect(c.outcome).toBeUndefined()
    expect(c.lastText).toContain('还没有填任何内容')
  })
})

describe('intents understood anywhere', () => {
  test('帮助 explains and asks the same question again', () => {
    const c = new Convo(contextFor('YL-133')).run(['8'])
    const before = c.state
    c.send('帮助')
    expect(c.last[0].kind).toBe('info')
    expect(c.last[0].text).toContain('两千人次')
    expect(c.current.text).toContain('请填「新建幸福食堂」')
    expect({ ...c.state, seq: 0 }).toEqual({ ...before, seq: 0 })
  })

  test.each([
    ['待办', { navigate: 'inbox' }],
    ['进度', { navigate: 'progress' }],
    ['退出', { exit: true }]
  ])('%s produces an outcome for the page and keeps the draft', (word, outcome) => {
    const c = new Convo(contextFor('YL-133')).run(['8'])
    const values = c.state.values
    c.send(word)
    expect(c.outcome).toEqual(outcome)
    expect(c.state.values).toEqual(values)
    expect(c.current.text).toContain('草稿已保存')
  })

  test('intents work in the middle of a warning', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '9000', '待办'])
    expect(c.outcome).toEqual({ navigate: 'inbox' })
    expect(c.state.awaitReason).toEqual(['trainees'])
  })

  test('an intent word inside an answer is not a command', () => {
    const c = new Convo(contextFor('YL-133')).run(['培训进度300人次'])
    expect(c.outcome).toBeUndefined()
    expect(c.state.values).toEqual({ trainees: 300 })
  })
})
