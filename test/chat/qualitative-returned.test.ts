import { Convo, contextFor } from './helpers'

describe('qualitative targets (YL-COVID): a narrative and evidence', () => {
  test('narrative, more words added at the evidence step, photos, submit', () => {
    const c = new Convo(contextFor('YL-COVID'))
    expect(c.log[0].text).toContain('共2项')
    expect(c.current.expects).toBe('text')
    expect(c.current.text).toContain('请说说「养老机构疫情防控」的完成情况')
    expect(c.current.text).toContain('目标：建立养老机构常态防控机制')

    c.send('好')
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('请多写几句')

    c.send('全区12家养老机构建立常态防控机制，全年零感染。')
    expect(c.current.expects).toBe('evidence')
    c.send('另外10月起有序恢复家属探视')
    expect(c.last[0].text).toBe('已补充到完成情况里')
    c.send({ type: 'evidence', evidence: { id: 'cloud://x/1', name: '防控台账.pdf', kind: 'file' } })
    c.send('好了')
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows).toEqual([
      { field: '#narrative', label: '完成情况', value: '全区12家养老机构建立常态防控机制，全年零感染。\n另外10月起有序恢复家属探视', missing: false }
    ])
    c.send('确认')
    expect(c.submitted()).toEqual({
      values: {},
      dates: {},
      narrative: '全区12家养老机构建立常态防控机制，全年零感染。\n另外10月起有序恢复家属探视',
      evidence: [{ id: 'cloud://x/1', name: '防控台账.pdf', kind: 'file' }],
      reasons: {},
      approx: []
    })
  })

  test('the narrative can be rewritten from the summary', () => {
    const c = new Convo(contextFor('YL-COVID')).run(['建立常态防控机制，全年零感染', '跳过'])
    c.send({ type: 'edit', field: '#narrative' })
    expect(c.current.text).toContain('原来写的：建立常态防控机制')
    c.send('建立常态防控机制，全年零感染，恢复探视')
    expect(c.current.kind).toBe('summary')
    expect(c.state.narrative).toBe('建立常态防控机制，全年零感染，恢复探视')
  })

  test('figures inside a narrative stay in the narrative', () => {
    const c = new Convo(contextFor('YL-COVID')).run(['培训300人次，床位9133张'])
    expect(c.state.values).toEqual({})
    expect(c.state.narrative).toBe('培训300人次，床位9133张')
  })
})

describe('a returned report asks only what the reviewer pointed at', () => {
  const returned = {
    comment: '培训人次偏高，请核实',
    fields: ['trainees'],
    values: { service_points: 8, canteens: 2, trainees: 9000 },
    reasons: { trainees: '集中培训' },
    evidence: [{ id: 'p1', name: '签到表.jpg', kind: 'image' as const }]
  }

  test('the comment comes first, then only the returned field, with its old value', () => {
    const c = new Convo(contextFor('YL-133', { returned }))
    expect(c.log[0].kind).toBe('warning')
    expect(c.log[0].text).toContain('被退回')
    expect(c.log[0].text).toContain('审核意见：培训人次偏高，请核实')
    expect(c.log[0].text).toContain('要改的：培训护理人员')
    expect(c.log).toHaveLength(2)
    expect(c.current.text).toContain('请填「培训护理人员」')
    expect(c.current.text).toContain('原来填的：9000人次')
    expect(c.quickLabels()[0]).toBe('不改（9000人次）')

    c.send('1800人次')
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows.map((r) => [r.field, r.value, r.changed])).toEqual([
      ['service_points', '8个', false],
      ['canteens', '2个', false],
      ['trainees', '1800人次', true]
    ])
    expect(c.log.filter((m) => m.kind === 'question').map((m) => m.text.split('\n')[0])).toEqual(['请填「培训护理人员」（人次）'])
    c.send('确认')
    // The new figure drops the old reason; everything else is kept.
    expect(c.submitted()).toEqual({ values: { service_points: 8, canteens: 2, trainees: 1800 }, dates: {}, narrative: '', evidence: returned.evidence, reasons: {}, approx: [] })
  })

  test('不改 keeps the value and its reason', () => {
    const c = new Convo(contextFor('YL-133', { returned })).run(['不改', '确认'])
    expect(c.submitted()).toMatchObject({ values: returned.values, reasons: { trainees: '集中培训' } })
  })

  test('an empty list of fields means all of them, each offering 不改', () => {
    const c = new Convo(contextFor('YL-133', { returned: { ...returned, fields: [] } }))
    expect(c.log[0].text).toContain('要改的：全部内容')
    expect(c.quickLabels()[0]).toBe('不改（8个）')
    c.run(['不改', '3', '不改'])
    expect(c.current.kind).toBe('summary')
    expect(c.state.values).toEqual({ service_points: 8, canteens: 3, trainees: 9000 })
  })

  test('a returned milestone step asks the step and its date only', () => {
    const c = new Convo(
      contextFor('FLY-2', {
        returned: { comment: '勘察还没验收', fields: ['survey_done'], values: { land_done: 1, tender_done: 1, survey_done: 1, start_done: 0 }, dates: { land_done: '2020-10-01', tender_done: '2020-11-01', survey_done: '2020-12-01' } }
      })
    )
    expect(c.current.text).toContain('「地质勘察」完成了吗？')
    c.send('否')
    expect(c.current.kind).toBe('summary')
    c.send('确认')
    expect(c.submitted()).toMatchObject({ values: { survey_done: 0 }, dates: { land_done: '2020-10-01', tender_done: '2020-11-01' } })
  })

  test('a returned qualitative report reopens the narrative', () => {
    const c = new Convo(contextFor('YL-COVID', { returned: { comment: '请补充感染率数据', fields: ['narrative'], values: {}, narrative: '建立了防控机制' } }))
    expect(c.log[0].text).toContain('要改的：完成情况')
    expect(c.current.text).toContain('原来写的：建立了防控机制')
    c.send('建立了防控机制，全年感染率为0')
    expect(c.current.kind).toBe('summary')
  })
})
