import { Convo, contextFor } from './helpers'

/**
 * Every correction form at every step: at the next question, on the summary
 * card and after a soft warning. A correction edits the field named, or else
 * the last one answered, never the field being asked.
 */
const FORMS: [string, string, 'service_points' | 'canteens'][] = [
  ['implied', '不对，是9个', 'service_points'],
  ['back reference', '刚才那个改成9', 'service_points'],
  ['named', '网点改成9个', 'service_points'],
  ['named, wrong then right', '食堂写错了，是2个', 'canteens']
]

describe('corrections at the next question (YL-133)', () => {
  test.each(FORMS)('%s: %j', (_kind, text, key) => {
    // 网点 8 answered, 食堂 answered only for the canteens form, then the next question is showing.
    const script = key === 'canteens' ? ['8', '1'] : ['8']
    const c = new Convo(contextFor('YL-133')).run(script)
    const asking = c.current.text
    c.send(text)
    const expected = key === 'canteens' ? 2 : 9
    expect(c.state.values[key]).toBe(expected)
    // The field being asked stays unanswered and is asked again.
    if (key === 'service_points') expect(c.state.values.canteens).toBeUndefined()
    else expect(c.state.values.trainees).toBeUndefined()
    expect(c.lastText).toContain('已改：')
    expect(c.current.text.split('\n')[0]).toBe(asking.split('\n')[0])
  })

  test('the worst case of the report: "不对，是9个" at 食堂 never stores 食堂=9', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '不对，是9个'])
    expect(c.state.values).toEqual({ service_points: 9 })
    expect(c.lastText).toContain('已改：新建服务网点 8个 → 9个')
  })

  test('"不对" alone reopens the last answer; "不对，是9个" is never read as 不', () => {
    const c = new Convo(contextFor('FLY-2')).run(['是', '12月1日'])
    // At 招投标 (a yes/no step) "不对，是9个" must not answer 否.
    c.send('不对')
    expect(c.state.values.tender_done).toBeUndefined()
    expect(c.current.text).toContain('「土地转让」')
  })

  test('with nothing answered yet, an implied correction asks which field', () => {
    const c = new Convo(contextFor('YL-133')).run(['不对，是9个'])
    expect(c.state.values).toEqual({})
    expect(c.current.kind).toBe('error')
    expect(c.current.text).toContain('要改哪一项')
  })

  test('a correction to a span is asked again, not stored', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '网点改成七八个'])
    expect(c.state.values.service_points).toBe(8)
    expect(c.current.text).toContain('改成多少')
  })
})

describe('corrections on the summary card', () => {
  const done = ['8', '1', '300']

  test.each(FORMS)('%s: %j', (_kind, text, key) => {
    // 网点 re-entered from the card last, so it is the last one answered.
    const c = new Convo(contextFor('YL-133')).run([...done, { type: 'edit', field: 'service_points' }, '8'])
    expect(c.current.kind).toBe('summary')
    c.send(text)
    const expectedKey = key
    const expected = key === 'canteens' ? 2 : 9
    expect(c.state.values[expectedKey]).toBe(expected)
    expect(c.current.kind).toBe('summary')
    const row = c.current.summary!.rows.find((r) => r.field === expectedKey)!
    expect(row.value).toMatch(new RegExp(`^${expected}`))
    expect(c.outcome).toBeUndefined()
  })

  test('an implied correction whose unit does not fit the last answer is asked about, not stored', () => {
    const c = new Convo(contextFor('YL-133')).run([...done, '不对，是9个'])
    expect(c.state.values.trainees).toBe(300)
    expect(c.lastText).toContain('按“人次”算')
  })

  test('rows stay tappable after a typed line: an edit still works and the card comes back', () => {
    const c = new Convo(contextFor('YL-133')).run([...done, '这是啥'])
    c.send({ type: 'edit', field: 'canteens' })
    expect(c.current.text).toContain('请填「新建幸福食堂」')
    c.send('3')
    expect(c.current.kind).toBe('summary')
    expect(c.state.values.canteens).toBe(3)
  })
})

describe('corrections after a soft warning', () => {
  test.each<[string, number]>([
    ['不对，是900', 900],
    ['刚才那个改成900', 900],
    ['培训改成900人次', 900],
    ['培训写错了，是900人次', 900]
  ])('%j replaces the warned figure', (text, value) => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '9000人次'])
    expect(c.current.kind).toBe('warning')
    c.send(text)
    expect(c.state.values.trainees).toBe(value)
    expect(c.state.awaitReason).toEqual([])
    expect(c.state.reasons).toEqual({})
    expect(c.current.kind).toBe('summary')
  })

  test('a correction of another field keeps the warning pending', () => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '9000人次', '网点改成9个'])
    expect(c.state.values.service_points).toBe(9)
    expect(c.state.awaitReason).toEqual(['trainees'])
    expect(c.current.kind).toBe('warning')
  })
})

describe('words that only look like corrections', () => {
  test('a narrative with 改成 is the narrative, not a correction', () => {
    const c = new Convo(contextFor('YL-COVID')).run(['将旧仓库改成了隔离观察室，全年零感染'])
    expect(c.state.narrative).toBe('将旧仓库改成了隔离观察室，全年零感染')
  })

  test('a date question after a step: "不对，是12月1日" answers the date', () => {
    const c = new Convo(contextFor('FLY-2')).run(['是', '不对，是12月1日'])
    expect(c.state.dates.land_done).toBe('2020-12-01')
  })

  test('"没什么变化" is no question', () => {
    const c = new Convo(contextFor('YL-BED', { previous: { beds: 9000, elderly: 150000 } })).run(['没什么变化'])
    expect(c.lastText).not.toContain('指标要求')
  })
})
