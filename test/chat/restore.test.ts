import { startChat, stepChat } from '../../src/core/chat'
import { Convo, contextFor, toInput, type Script } from './helpers'

const script: Script = [
  '八个',
  'abc',
  '食堂两个',
  '9000人次',
  '本月集中培训',
  { type: 'evidence', evidence: { id: 'p1', name: '签到表.jpg', kind: 'image' } },
  { type: 'edit', field: 'canteens' },
  '撤销',
  '帮助',
  '确认'
]

describe('the state is plain JSON and the conversation is deterministic', () => {
  const ctx = contextFor('YL-133', { previous: { service_points: 6, canteens: 1, trainees: 2500 }, seen: { trainees: [2500, 1800] } })

  test('the same inputs give the same conversation', () => {
    const a = new Convo(ctx).run(script)
    const b = new Convo(ctx).run(script)
    expect(b.log).toEqual(a.log)
    expect(b.state).toEqual(a.state)
    expect(b.submitted()).toEqual(a.submitted())
    expect(a.submitted()).toMatchObject({ values: { service_points: 8, canteens: 2, trainees: 9000 }, reasons: { trainees: '本月集中培训' } })
  })

  test('after every step, a JSON round trip of the state continues identically', () => {
    let state = startChat(ctx).state
    for (const x of script) {
      const restored = JSON.parse(JSON.stringify(state))
      expect(restored).toEqual(state)
      const direct = stepChat(ctx, state, toInput(x))
      const viaStorage = stepChat(ctx, restored, toInput(x))
      expect(viaStorage).toEqual(direct)
      state = direct.state
    }
  })

  test('startChat with a saved state resumes at the same question', () => {
    const a = new Convo(ctx).run(script.slice(0, 3))
    const saved = JSON.parse(JSON.stringify(a.state))
    const b = new Convo(ctx, saved)
    expect(b.log[0]).toMatchObject({ kind: 'info', text: '接着上次的填，还剩1项' })
    // Ids continue from the saved counter.
    expect(b.log[0].id).toBe(`m${a.state.seq + 1}`)
    expect(b.current.text).toBe(a.current.text)
    b.run(script.slice(3))
    a.run(script.slice(3))
    expect(b.submitted()).toEqual(a.submitted())
  })

  test('a saved state of another indicator, period or shape starts afresh', () => {
    const other = new Convo(contextFor('YL-BED')).run(['9133']).state
    for (const saved of [other, { ...new Convo(ctx).state, period: '2020-11' }, { v: 2 }, 'garbage', null]) {
      const c = new Convo(ctx, saved)
      expect(c.log[0].text).toContain('开始填')
      expect(c.state.values).toEqual({})
    }
  })

  test('the state stays small: no copy of the indicator', () => {
    const c = new Convo(ctx).run(script.slice(0, -1))
    const json = JSON.stringify(c.state)
    expect(json).not.toContain('居家养老')
    expect(json.length).toBeLessThan(1500)
  })

  test('the undo stack is capped', () => {
    const c = new Convo(contextFor('YL-133'))
    for (let i = 0; i < 30; i++) c.run([{ type: 'edit', field: 'service_points' }, String(i % 5)])
    expect(c.state.undo.length).toBeLessThanOrEqual(20)
  })
})
