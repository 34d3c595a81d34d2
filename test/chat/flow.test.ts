import { ReportDraftSchema } from '../../src/core/schema/report'
import { checkDraft } from '../../src/core/validate'
import { Convo, contextFor, indicator } from './helpers'

describe('YL-133, the 133 home-care brand, asked one figure at a time', () => {
  const ctx = contextFor('YL-133', { yearToDate: { service_points: 5, canteens: 1, trainees: 1200 } })

  test('the full flow in Chinese numbers ends in the draft the report schema accepts', () => {
    const c = new Convo(ctx)
    expect(c.log[0].kind).toBe('info')
    expect(c.log[0].text).toContain('“133”居家养老品牌打造')
    expect(c.log[0].text).toContain('2020年12月')
    expect(c.log[0].text).toContain('共3项')

    const first = c.current
    expect(first.kind).toBe('question')
    expect(first.expects).toBe('number')
    expect(first.text).toContain('新建服务网点')
    expect(first.text).toContain('（个）')
    expect(first.text).toContain('服务网点8个')
    expect(first.text).toContain('今年已报5个，还差3个')
    expect(c.quickLabels()).toEqual(['0', '跳过'])

    c.send('八个')
    expect(c.current.text).toContain('新建幸福食堂')
    expect(c.current.text).toContain('还差2个')
    c.send('两个')
    expect(c.current.text).toContain('培训护理人员')
    expect(c.current.text).toContain('（人次）')
    c.send('两千人次')

    expect(c.current.kind).toBe('summary')
    const card = c.current.summary!
    expect(card.rows.map((r) => [r.label, r.value])).toEqual([
      ['新建服务网点', '8个'],
      ['新建幸福食堂', '2个'],
      ['培训护理人员', '2000人次']
    ])
    expect(card.canSubmit).toBe(true)
    expect(c.quickLabels()).toContain('确认提交')

    c.quick('确认提交')
    const draft = c.submitted()
    expect(draft).toEqual({ values: { service_points: 8, canteens: 2, trainees: 2000 }, dates: {}, narrative: '', evidence: [], reasons: {}, approx: [] })
    expect(c.current).toMatchObject({ kind: 'info', text: '好的，正在提交…' })

    const full = ReportDraftSchema.parse({ ...draft, clientId: 'abcdefgh12', indicatorCode: 'YL-133', orgUnitId: 'grid-3', period: ctx.period })
    expect(checkDraft(indicator('YL-133'), full, ctx.today)).toEqual({ ok: true, values: draft.values })
  })

  test('one sentence with several figures fills several fields and asks only what is missing', () => {
    const c = new Convo(ctx)
    c.send('新建网点2个，食堂1个')
    expect(c.last[0]).toMatchObject({ kind: 'info', text: '记下了：新建服务网点 2个、新建幸福食堂 1个' })
    expect(c.current.text).toContain('培训护理人员')
    c.send('300')
    expect(c.current.kind).toBe('summary')
    c.send('确认')
    expect(c.submitted().values).toEqual({ service_points: 2, canteens: 1, trainees: 300 })
  })

  test('all three in one sentence go straight to the summary', () => {
    const c = new Convo(ctx)
    c.send('新建网点2个，食堂1个，培训300人次')
    expect(c.last.map((m) => m.kind)).toEqual(['info', 'summary'])
  })

  test('a figure named for another field fills it, and the question asked stays open', () => {
    const c = new Convo(ctx)
    c.send('食堂1个')
    expect(c.lastText).toContain('记下了：新建幸福食堂 1个')
    expect(c.current.text).toContain('请填「新建服务网点」')
    c.send('3')
    // 食堂 was answered already: it is not asked again.
    expect(c.current.text).toContain('培训护理人员')
  })

  test('a figure without a name before a named one answers the open question', () => {
    const c = new Convo(ctx)
    c.send('2个，食堂1个')
    expect(c.state.values).toMatchObject({ service_points: 2, canteens: 1 })
  })

  test('a name after its figure works too: "3个网点"', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('培训50人次')
    c.send('3个网点')
    expect(c.state.values).toEqual({ trainees: 50, service_points: 3 })
  })

  test('message ids are sequential and unique across the conversation', () => {
    const c = new Convo(ctx).run(['8', '帮助', 'x', '2', '300', '确认'])
    expect(c.log.map((m) => m.id)).toEqual(c.log.map((_, i) => `m${i + 1}`))
  })
})
