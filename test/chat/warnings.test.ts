import { Convo, contextFor } from './helpers'

describe('soft warnings ask for a reason, stored in reasons[field]', () => {
  test('far above the target: the reason is stored and shown in the summary', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2', '9000人次'])
    expect(c.current.kind).toBe('warning')
    expect(c.current.text).toContain('「培训护理人员」填了9000人次')
    expect(c.current.text).toContain('是本单位全年目标（2000人次）的约4.5倍')
    expect(c.current.expects).toBe('text')
    expect(c.quickLabels()).toEqual(['改一下'])
    // The figure is kept while the reason is asked.
    expect(c.state.values.trainees).toBe(9000)

    c.send('本月全街集中培训')
    expect(c.last[0]).toMatchObject({ kind: 'info', text: '好的，原因已记下' })
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows[2]).toMatchObject({ field: 'trainees', value: '9000人次', reason: '本月全街集中培训' })
    expect(c.current.text).toContain('培训护理人员：9000人次（原因：本月全街集中培训）')
    c.send('确认')
    expect(c.submitted().reasons).toEqual({ trainees: '本月全街集中培训' })
  })

  test('改一下 drops the figure and asks it again', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2', '9000', '改一下'])
    expect(c.state.values.trainees).toBeUndefined()
    expect(c.current.text).toContain('请填「培训护理人员」')
    c.send('900')
    expect(c.current.kind).toBe('summary')
    expect(c.state.reasons).toEqual({})
  })

  test('a corrected figure typed instead of a reason replaces the warned one', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2', '9000', '900'])
    expect(c.state.values.trainees).toBe(900)
    expect(c.state.awaitReason).toEqual([])
    expect(c.current.kind).toBe('summary')
  })

  test('a reason must say something', () => {
    const c = new Convo(contextFor('YL-133'))
    c.run(['8', '2', '9000', 'ok'])
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('说明原因')
    expect(c.state.awaitReason).toEqual(['trainees'])
  })

  test('more than three times last period', () => {
    const c = new Convo(contextFor('YL-133', { previous: { service_points: 2, canteens: 1, trainees: 300 } }))
    c.send('7')
    // Small numbers stay quiet: 2 → 7 is an ordinary month.
    expect(c.current.kind).toBe('question')
    c.send('撤销')
    c.send('23')
    expect(c.current.kind).toBe('warning')
    expect(c.current.text).toContain('是上期（2个）的约11.5倍')
    c.send('新建了一批社区网点')
    expect(c.state.reasons).toEqual({ service_points: '新建了一批社区网点' })
  })

  test('a cumulative figure falling below last period (YL-BED)', () => {
    const c = new Convo(contextFor('YL-BED', { previous: { beds: 9133, elderly: 155900 } }))
    expect(c.current.text).toContain('填截至第4季度末的总数')
    expect(c.current.text).toContain('上期：9133张')
    expect(c.quickLabels()[0]).toBe('同上期（9133张）')
    c.send('9000张')
    expect(c.current.kind).toBe('warning')
    expect(c.current.text).toContain('比上期（9133张）少了')
    c.send('一家养老院停业，减少133张')
    c.send('同上期')
    expect(c.current.kind).toBe('summary')
    c.send('确认')
    expect(c.submitted()).toMatchObject({ values: { beds: 9000, elderly: 155900 }, reasons: { beds: '一家养老院停业，减少133张' } })
  })

  test('a rate far beyond its target points at a mistyped whole (YL-BED)', () => {
    const c = new Convo(contextFor('YL-BED'))
    c.run(['9133', '1559'])
    expect(c.current.kind).toBe('warning')
    expect(c.current.text).toContain('「户籍老人」填了1559人')
    expect(c.current.text).toContain('达到5858.2，是目标（50）的约117.2倍')
    c.send('15.59万')
    expect(c.state.values.elderly).toBe(155900)
    expect(c.current.kind).toBe('summary')
  })

  test('several warned figures in one sentence are explained one after another', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('网点30个，食堂20个')
    expect(c.state.awaitReason).toEqual(['service_points', 'canteens'])
    expect(c.current.text).toContain('新建服务网点')
    c.send('全区统一建设')
    expect(c.current.text).toContain('新建幸福食堂')
    c.send('全区统一建设食堂')
    expect(c.state.reasons).toEqual({ service_points: '全区统一建设', canteens: '全区统一建设食堂' })
    expect(c.current.text).toContain('请填「培训护理人员」')
  })

  test('a done step reported undone in a cumulative indicator (FLY-2)', () => {
    const c = new Convo(contextFor('FLY-2', { previous: { land_done: 1 } }))
    c.send('否')
    expect(c.current.kind).toBe('warning')
    expect(c.current.text).toContain('「土地转让」选了“未完成”')
    expect(c.current.text).toContain('上期是“已完成”')
  })
})
