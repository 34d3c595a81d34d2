import { readFileSync, readdirSync } from 'fs'
import { join } from 'path'
import { NO_WORDS, YES_WORDS } from '../../src/core/chat/vocabulary'
import { Convo, contextFor } from './helpers'

/**
 * One vocabulary of yes and no (src/core/chat/vocabulary.ts), tested over
 * every card that asks yes or no: the summary card, "本期新增是0吗？", a
 * milestone step and a flag. The quick check-in card is covered in
 * controller.test.ts through the real controller.
 */
describe('the lists are the ones the issue names', () => {
  test('yes', () => {
    expect([...YES_WORDS].sort()).toEqual(['好', '好的', '确定', '确认', '可以', '行', '对', '是', '是的', '没问题', 'ok', '提交', '提交吧'].sort())
  })
  test('no', () => {
    expect([...NO_WORDS].sort()).toEqual(['不', '不用', '不要', '取消', '算了', '先不交'].sort())
  })
  test('no other file in src keeps its own list of confirmation words', () => {
    const files: string[] = []
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (/\.tsx?$/.test(e.name)) files.push(p)
      }
    }
    walk(join(__dirname, '../../src'))
    const offenders = files.filter((f) => !f.endsWith('vocabulary.ts') && /['"]确认['"],\s*['"](提交|好|是|确定)['"]|\(确认\|提交/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })
})

describe('the summary card', () => {
  test.each(YES_WORDS)('%j submits', (word) => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', word])
    expect(c.submitted().values).toEqual({ service_points: 8, canteens: 2, trainees: 300 })
  })
  test.each(NO_WORDS)('%j does not submit and keeps the card', (word) => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '300', word])
    expect(c.outcome).toBeUndefined()
    expect(c.state.values).toEqual({ service_points: 8, canteens: 2, trainees: 300 })
    expect(c.current.expects).toBe('none')
  })
})

describe('"本期新增是0吗？"', () => {
  test.each(YES_WORDS)('%j means 0', (word) => {
    const c = new Convo(contextFor('YL-133')).run(['同上', word])
    expect(c.state.values.service_points).toBe(0)
  })
  test.each(NO_WORDS)('%j asks for the figure', (word) => {
    const c = new Convo(contextFor('YL-133')).run(['同上', word])
    expect(c.state.values.service_points).toBeUndefined()
    expect(c.current.text).toContain('请填「新建服务网点」')
  })
})

describe('a milestone step and a flag', () => {
  test.each(YES_WORDS)('step: %j is done', (word) => {
    const c = new Convo(contextFor('FLY-2')).run([word])
    expect(c.state.values.land_done).toBe(1)
  })
  test.each(NO_WORDS)('step: %j is not done', (word) => {
    const c = new Convo(contextFor('FLY-2')).run([word])
    expect(c.state.values.land_done).toBe(0)
  })
  test.each(YES_WORDS)('flag: %j is yes', (word) => {
    const c = new Convo(contextFor('SQ-GOV')).run([word])
    expect(c.state.values.covenant_done).toBe(1)
  })
})

describe('a reason', () => {
  test.each([...YES_WORDS, '没错', '数没错', '9000', '这个指的是什么'])('%j is no reason', (word) => {
    const c = new Convo(contextFor('YL-133')).run(['8', '2', '9000人次', word])
    expect(c.state.reasons).toEqual({})
  })
})
