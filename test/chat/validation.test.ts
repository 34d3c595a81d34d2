import { Convo, contextFor } from './helpers'

describe('hard validation: what is wrong and what is expected, then the same question again', () => {
  test('garbage is answered with a clear error and the question is asked again', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('asdf')
    expect(c.last).toHaveLength(1)
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('没看懂“asdf”')
    expect(c.current.text).toContain('如“8个”')
    expect(c.current.text).toContain('请填「新建服务网点」')
    expect(c.current.expects).toBe('number')
    expect(c.quickLabels()).toContain('跳过')
    expect(c.state.values).toEqual({})
    c.send('8')
    expect(c.state.values).toEqual({ service_points: 8 })
  })

  test('a typo with letters in the number is refused, not half-read', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('8o')
    expect(c.current.kind).toBe('error')
  })

  test('negative counts are refused', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('-3')
    expect(c.current.text).toContain('「新建服务网点」不能是负数')
    c.send('负3个')
    expect(c.current.text).toContain('不能是负数')
    expect(c.state.values).toEqual({})
  })

  test('decimal counts are refused', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('2.5个')
    expect(c.current.text).toContain('要填整数')
    expect(c.state.values).toEqual({})
  })

  test("a count above the field's maximum is refused with the maximum", () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('200')
    expect(c.current.text).toContain('最多100个')
  })

  test('a percentage for a count is refused', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('50%')
    expect(c.current.text).toContain('要填个，不是百分比')
  })

  test('two figures without names are not guessed', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('3个和5个')
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('一次只能填一个数')
  })

  test('in a sentence, good figures are kept and the bad one is asked again', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('网点2个，食堂1.5个')
    expect(c.state.values).toEqual({ service_points: 2 })
    expect(c.lastText).toContain('「新建幸福食堂」要填整数')
    expect(c.current.text).toContain('请填「新建幸福食堂」')
  })

  test('percentage targets: the part may not exceed the whole (SW-AFF)', () => {
    const c = new Convo(contextFor('SW-AFF'))
    c.send('12')
    c.send('10')
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('「流浪人员总数」（10人）不能少于「流浪人员已安置」（12人）')
    expect(c.state.values).toEqual({ homeless_placed: 12 })
    c.send('12')
    expect(c.state.values).toEqual({ homeless_placed: 12, homeless_total: 12 })
    expect(c.current.text).toContain('已慰问家属')
  })

  test('the same check holds inside one sentence', () => {
    const c = new Convo(contextFor('SW-AFF'))
    c.send('已慰问6人，家属5人')
    expect(c.lastText).toContain('不能少于「已慰问家属」（6人）')
    expect(c.state.values).toEqual({ families_visited: 6 })
  })

  test('没有 means zero, not a skip', () => {
    const c = new Convo(contextFor('YL-133'))
    c.send('没有')
    expect(c.state.values).toEqual({ service_points: 0 })
  })
})

describe('fractions (QH-BORDER progress)', () => {
  test.each([
    ['50%', 0.5],
    ['百分之五十', 0.5],
    ['0.5', 0.5],
    ['50', 0.5],
    ['12.5', 0.125],
    ['1', 0.01],
    ['百分之百', 1]
  ])('"%s" is stored as %s', (typed, stored) => {
    const c = new Convo(contextFor('QH-BORDER'))
    expect(c.current.text).toContain('（%）')
    expect(c.current.text).toContain('如 50%')
    c.send(typed)
    expect(c.state.values.info_progress).toBeCloseTo(stored, 10)
  })

  test('above 100% is refused', () => {
    const c = new Convo(contextFor('QH-BORDER'))
    c.send('150')
    expect(c.current.text).toContain('「基础信息采集进度」最多100%')
  })

  test('the summary shows percents', () => {
    const c = new Convo(contextFor('QH-BORDER')).run(['60', '30%', '否', '确认'])
    expect(c.submitted().values).toEqual({ info_progress: 0.6, border_progress: 0.3, atlas_done: 0 })
    expect(c.log.find((m) => m.kind === 'summary')!.text).toContain('基础信息采集进度：60%')
  })
})

describe('flags and fixed fields (SW-AID)', () => {
  test('fixed fields are never asked and are filled in the draft; flags are yes/no', () => {
    const c = new Convo(contextFor('SW-AID'))
    c.send('已救助3户，需救助3户，已帮扶低保2户，低保家庭2户，一对一帮扶4人，特困群体4人，准确发放10笔，补贴发放10笔')
    expect(c.current.expects).toBe('yesno')
    expect(c.current.text).toContain('「精神康复服务已覆盖」，是吗？')
    expect(c.quickLabels()).toEqual(['是', '否', '跳过'])
    c.send('已覆盖')
    expect(c.current.kind).toBe('summary')
    expect(c.current.summary!.rows.map((r) => r.field)).not.toContain('street_count')
    c.send('确认')
    expect(c.submitted().values).toMatchObject({ mental_covered: 1, street_count: 1, temp_aided: 3, subsidy_total: 10 })
    expect(c.log.some((m) => m.text.includes('街道数'))).toBe(false)
  })

  test('an unclear yes/no is asked again', () => {
    const c = new Convo(contextFor('SQ-GOV'))
    expect(c.current.text).toContain('居民公约已制订')
    c.send('也许吧')
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('请回答“是”或“否”')
    c.send('否')
    expect(c.state.values.covenant_done).toBe(0)
    expect(c.state.values.community_count).toBe(1)
  })
})
