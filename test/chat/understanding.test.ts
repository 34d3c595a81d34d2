import { Convo, contextFor } from './helpers'

/** Estimates, spans, units, questions back and a note to the reviewer, through the engine. */
describe('an estimate', () => {
  test('is stored with its mark, shown as 约 on the card, and one tap makes it exact', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '大概1200人次'])
    expect(c.state.values.trainees).toBe(1200)
    expect(c.state.approx).toEqual(['trainees'])
    const row = c.current.summary!.rows.find((r) => r.field === 'trainees')!
    expect(row).toMatchObject({ value: '约1200人次', approx: true })
    expect(c.quickLabels()).toContain('培训护理人员是准数')
    c.quick('培训护理人员是准数')
    expect(c.state.approx).toEqual([])
    expect(c.current.summary!.rows.find((r) => r.field === 'trainees')!.value).toBe('1200人次')
    c.send('撤销')
    expect(c.state.approx).toEqual(['trainees'])
    c.send('确认')
    expect(c.submitted()).toMatchObject({ values: { trainees: 1200 }, approx: ['trainees'] })
  })

  test('an exact figure given later drops the mark', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '约1200', '培训改成1234人次'])
    expect(c.state.values.trainees).toBe(1234)
    expect(c.state.approx).toEqual([])
  })

  test('a draft saved before the mark existed still resumes', () => {
    const c = new Convo(contextFor('YL-133')).run(['8'])
    const old = JSON.parse(JSON.stringify(c.state))
    delete old.approx
    const resumed = new Convo(contextFor('YL-133'), old)
    expect(resumed.log[0].text).toContain('接着上次的填')
    resumed.run(['2', '约300', '确认'])
    expect(resumed.submitted().approx).toEqual(['trainees'])
  })
})

describe('a span is asked back, never stored', () => {
  test('七八个 offers both ends', () => {
    const c = new Convo(contextFor('YL-133')).run(['七八个'])
    expect(c.state.values).toEqual({})
    expect(c.current.text).toContain('“7到8个”是个范围')
    expect(c.quickLabels()).toEqual(['7个', '8个'])
    c.quick('8个')
    expect(c.state.values.service_points).toBe(8)
  })
})

describe('units', () => {
  test('another unit is asked about; the same unit in other words is fine; a conversion is shown', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300户'])
    expect(c.state.values.trainees).toBeUndefined()
    expect(c.lastText).toContain('按“人次”算')
    c.send('300名')
    expect(c.state.values.trainees).toBe(300)
    const b = new Convo(contextFor('YL-BED')).run(['9133', '15.59万人'])
    expect(b.state.values.elderly).toBe(155900)
    expect(b.lastText).toContain('“15.59万人”记为155900人')
  })

  test('a field may add its own words for its unit (unitAliases)', () => {
    const ctx = contextFor('YL-133')
    // A plan that counts home-visit training per household says so on the field.
    const ind = { ...ctx.indicator, fields: ctx.indicator.fields.map((f) => (f.key === 'trainees' ? { ...f, unitAliases: ['户次'] } : f)) }
    expect(new Convo(ctx).run(['8', '2', '300户次']).state.values.trainees).toBeUndefined()
    expect(new Convo({ ...ctx, indicator: ind }).run(['8', '2', '300户次']).state.values.trainees).toBe(300)
  })
})

describe('questions back', () => {
  test('get the field explained with the target and how it counts; nothing is stored', () => {
    const c = new Convo(contextFor('YL-133')).run(['这是什么意思'])
    expect(c.state.values).toEqual({})
    expect(c.lastText).toContain('「新建服务网点」是「“133”居家养老品牌打造」里的一项')
    expect(c.lastText).toContain('目标：')
    expect(c.lastText).toContain('只填12月这一期新增的')
    expect(c.current.text).toContain('请填「新建服务网点」')
  })

  test('the unit’s own target is said when the plan gives one', () => {
    const ctx = contextFor('YL-133')
    const target = ctx.indicator.targets.find((t) => t.kind === 'count' && t.field === 'service_points')!
    const c = new Convo({ ...ctx, unitTargets: { [target.id]: 2 } }).run(['指的是什么'])
    expect(c.lastText).toContain('本单位分到2个')
  })

  test('a question is never a reason', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '9000人次', '这个指的是什么'])
    expect(c.state.reasons).toEqual({})
    expect(c.state.awaitReason).toEqual(['trainees'])
    expect(c.current.kind).toBe('warning')
  })
})

describe('a returned report: a note to the reviewer', () => {
  const returned = { comment: '培训人次偏高，请核实', fields: ['trainees'], values: { service_points: 8, canteens: 2, trainees: 9000 } }

  test('is offered at the summary and sent with the fix', () => {
    const c = new Convo(contextFor('YL-133', { returned })).run(['1800人次'])
    expect(c.quickLabels()).toContain('给审核人留言')
    c.quick('给审核人留言')
    expect(c.current.text).toContain('想对审核人说什么')
    c.send('好')
    expect(c.current.kind).toBe('error')
    c.send('已核对签到表，实为1800人次')
    expect(c.current.kind).toBe('summary')
    expect(c.current.text).toContain('给审核人的留言：已核对签到表，实为1800人次')
    c.send('确认')
    expect(c.submitted().note).toBe('已核对签到表，实为1800人次')
  })

  test('a first report has no note', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300'])
    expect(c.quickLabels()).not.toContain('给审核人留言')
    c.send('确认')
    expect(c.submitted().note).toBeUndefined()
  })
})
