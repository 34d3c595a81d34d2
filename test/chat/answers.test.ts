import { readDate } from '../../src/core/chat/answers/date'
import { asShare, readNumber } from '../../src/core/chat/answers/number'
import { readYesNo } from '../../src/core/chat/answers/yesno'
import { readGlobalIntent, says } from '../../src/core/chat/intents'
import { indicator } from './helpers'

const trainees = indicator('YL-133').fields[2]
const bounds = { earliest: '2020-01-01', latest: '2020-12-21' }
const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) => (r.ok ? r.value : r.error)

describe('answer parsers return a tagged result', () => {
  test.each([
    ['两千人次', 2000],
    ['2000', 2000],
    ['约1.5万', 15000],
    ['大概300人次吧', 300],
    ['１２３', 123],
    ['一百零五', 105],
    ['零', 0]
  ])('number %s', (text, expected) => {
    expect(readNumber(trainees, text)).toEqual({ ok: true, value: expected })
  })

  test('number errors say what is expected', () => {
    expect(value(readNumber(trainees, '很多'))).toBe('没看懂“很多”，请填一个数，如“8人次”')
    expect(value(readNumber(trainees, '300.5'))).toBe('「培训护理人员」要填整数，不能有小数')
  })

  test('bare numbers for shares', () => {
    expect([50, 1, 0, 0.5, 0.25, 12.5, 100].map(asShare)).toEqual([0.5, 0.01, 0, 0.5, 0.25, 0.125, 1])
  })

  test.each([
    ['今天', '2020-12-21'],
    ['昨天', '2020-12-20'],
    ['本月初', '2020-12-01'],
    ['上月底', '2020-11-30'],
    ['12月19日', '2020-12-19'],
    ['12月19号完成的', '2020-12-19'],
    ['十二月十九日', '2020-12-19'],
    ['2020-12-19', '2020-12-19'],
    ['2020/3/5', '2020-03-05'],
    ['2020年3月5日', '2020-03-05'],
    ['12.19', '2020-12-19']
  ])('date %s', (text, expected) => {
    expect(readDate(text, 2020, '2020-12-21', bounds)).toEqual({ ok: true, value: expected })
  })

  test('date errors', () => {
    expect(value(readDate('下周', 2020, '2020-12-21', bounds))).toContain('没看懂“下周”')
    expect(value(readDate('13月1日', 2020, '2020-12-21', bounds))).toContain('没看懂')
    expect(value(readDate('12月22日', 2020, '2020-12-21', bounds))).toBe('完成日期不能晚于今天')
    expect(value(readDate('2019-12-31', 2020, '2020-12-21', bounds))).toBe('完成日期不能早于1月1日')
  })

  test.each([
    ['是', 1],
    ['已完成', 1],
    ['已经完成了', 1],
    ['有', 1],
    ['1', 1],
    ['否', 0],
    ['没有', 0],
    ['未完成', 0],
    ['还没开始', 0],
    ['0', 0]
  ])('yes/no %s', (text, expected) => {
    expect(readYesNo(text)).toEqual({ ok: true, value: expected })
  })

  test('intents are whole messages only', () => {
    expect(readGlobalIntent('撤销')).toBe('undo')
    expect(readGlobalIntent(' 帮助。')).toBe('help')
    expect(readGlobalIntent('？')).toBe('help')
    expect(readGlobalIntent('待办')).toBe('inbox')
    expect(readGlobalIntent('查看进度')).toBe('progress')
    expect(readGlobalIntent('重新填')).toBe('restart')
    expect(readGlobalIntent('不填了')).toBe('exit')
    expect(readGlobalIntent('撤销培训')).toBeNull()
    expect(readGlobalIntent('确认')).toBeNull()
    expect(says('同上期', 'same')).toBe(true)
    expect(says('改一下', 'reenter')).toBe(true)
  })
})
