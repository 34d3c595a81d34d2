import { escalationFacts, fieldTypeOf, fitThingParts, fitValue, formatDate, formatTime, isValidValue, pendingFacts, templateData, type FieldType, type ReminderItem, type TemplateSpec } from '../../src/core/reminders'
import type { OrgUnit } from '../../src/core/org'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'

/**
 * Template data keeps every WeChat field rule (a break gives 47003 and the
 * message is lost): checked here with independent patterns, over every seed
 * indicator title and deliberately hostile strings.
 */

const chars = (s: string) => Array.from(s).length
// Independent of src/core/reminders/fields.ts: WeChat's rules, written again.
const RULES: Record<FieldType, (v: string) => boolean> = {
  thing: (v) => chars(v) >= 1 && chars(v) <= 20 && !/[\u0000-\u001f\n\r]/.test(v) && !/[\ud800-\udfff]/.test(v),
  phrase: (v) => /^[\u4e00-\u9fff]{1,5}$/.test(v),
  number: (v) => /^\d{1,32}$/.test(v),
  date: (v) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v),
  time: (v) => /^(\d{4}年\d{1,2}月\d{1,2}日 )?\d{2}:\d{2}$/.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  name: (v) => /^[\u4e00-\u9fff]{1,10}$/.test(v) || /^[A-Za-z\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]{1,20}$/.test(v)
}

const HOSTILE = [
  '',
  ' ',
  '养',
  '“133”居家养老品牌打造',
  '全区养老服务设施建设与社区居家养老服务网络全覆盖提升工程（第二期）',
  '长'.repeat(40),
  'A'.repeat(100),
  '😀养老😀床位😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀',
  '第一行\n第二行\t第三行\r\n',
  '\u0000\u0007控制字符\u001f\u007f',
  '<script>alert(1)</script>',
  '１２３全角数字ＡＢＣ',
  '𠀀𠀁扩展字符𠀂',
  "O'Brien-张 三 Smith",
  '‮反向文字',
  '。。。！！！？？？'
]

const TITLES = [...SEED_INDICATORS.map((i) => i.title), ...HOSTILE.filter((t) => t.trim())]

describe('each field type, on its own', () => {
  const TYPES: FieldType[] = ['thing', 'phrase', 'number', 'character_string', 'name']
  test.each(TYPES)('%s: any text becomes a value within the rule, never empty', (type) => {
    for (const s of [...HOSTILE, ...TITLES, '12345678901234567890123456789012345678', '-42.5', '张晓梅', 'YL-133']) {
      const v = fitValue(type, s)
      expect({ s, v, ok: RULES[type](v) && isValidValue(type, v) }).toEqual({ s, v, ok: true })
    }
  })

  test('thing: at most 20 characters, a cut ends in …, head and tail are kept', () => {
    expect(fitValue('thing', '长'.repeat(40))).toBe('长'.repeat(19) + '…')
    expect(fitValue('thing', '社会事务')).toBe('社会事务')
    expect(fitValue('thing', '第一行\n第二行')).toBe('第一行 第二行')
    expect(fitValue('thing', '😀')).toBe('待办事项')
    const v = fitThingParts('12项已逾期：', '全区养老服务设施建设与社区居家养老服务网络全覆盖', '等')
    expect(v).toBe('12项已逾期：全区养老服务设施建设与…等')
    expect(chars(v)).toBe(20)
  })

  test('phrase: only 汉字, at most 5', () => {
    expect(fitValue('phrase', '逾期未报')).toBe('逾期未报')
    expect(fitValue('phrase', '已逾期3天了吧')).toBe('已逾期天了')
    expect(fitValue('phrase', 'ok')).toBe('待办')
    expect(isValidValue('phrase', '逾期12')).toBe(false)
    expect(isValidValue('phrase', '一二三四五六')).toBe(false)
  })

  test('number, character_string, name', () => {
    expect(fitValue('number', '0007')).toBe('7')
    expect(fitValue('number', '9'.repeat(40))).toHaveLength(32)
    expect(fitValue('character_string', '养老YL-133')).toBe('YL-133')
    expect(fitValue('character_string', 'x'.repeat(40))).toHaveLength(32)
    expect(fitValue('name', '欧阳娜娜娜娜娜娜娜娜娜娜')).toHaveLength(10)
    expect(fitValue('name', 'Zhang San')).toBe('ZhangSan')
    expect(isValidValue('name', '张San')).toBe(false)
    expect(isValidValue('thing', '长'.repeat(21))).toBe(false)
    expect(isValidValue('number', '1'.repeat(33))).toBe(false)
  })

  test('date and time formats', () => {
    expect(formatDate('2021-01-05')).toBe('2021年1月5日')
    expect(formatDate('2021-01-05', 'iso')).toBe('2021-01-05')
    expect(formatTime('2021-12-25', 23, 59)).toBe('2021年12月25日 23:59')
    for (const ok of ['2021年1月5日', '2021-01-05', '2021年12月31日 08:00']) expect(isValidValue('date', ok)).toBe(true)
    for (const bad of ['2021/01/05', '2021年13月1日', '2021-1-5', '2021年1月5日 24:00', '']) expect(isValidValue('date', bad)).toBe(false)
    for (const ok of ['15:01', '2019年10月1日 15:01']) expect(isValidValue('time', ok)).toBe(true)
    for (const bad of ['25:00', '9:00', '2019年10月1日']) expect(isValidValue('time', bad)).toBe(false)
    expect(() => fitValue('date', '下周一')).toThrow()
  })

  test('the type comes from the key', () => {
    expect(fieldTypeOf('thing1')).toBe('thing')
    expect(fieldTypeOf('character_string12')).toBe('character_string')
    expect(fieldTypeOf('time3')).toBe('time')
    expect(fieldTypeOf('amount2')).toBeNull()
    expect(fieldTypeOf('thing')).toBeNull()
  })
})

describe('template data for whole reminders', () => {
  // A template that maps every source onto every key type it fits.
  const EVERYTHING: TemplateSpec = {
    id: 'all-keys',
    purpose: 'pending',
    title: '全部字段',
    longTerm: false,
    fields: {
      thing1: 'summary',
      thing2: 'firstTitle',
      thing3: 'hint',
      thing4: 'unit',
      thing5: 'period',
      thing6: { text: '请登录格报小程序填报，逾期将通报' },
      phrase7: 'state',
      phrase8: 'summary',
      name9: 'person',
      character_string10: 'code',
      character_string11: 'firstTitle',
      number12: 'count',
      number13: 'overdueDays',
      date14: 'dueDate',
      time15: 'dueDate',
      date16: 'today'
    }
  }
  const unit = (i: number): OrgUnit => ({ id: `g${i}`, name: `园博北社区第${i}网格`, level: 'grid', parentId: 'c', path: `/d/c/g${i}/` })
  const units = new Map(Array.from({ length: 60 }, (_, i) => [`g${i}`, unit(i)]))
  const item = (title: string, n: number, state: ReminderItem['state']): ReminderItem => ({
    unitId: `g${n % 60}`,
    indicatorCode: 'YL-133',
    title,
    period: n % 2 ? '2020-11' : '2020-Q4',
    reportId: `YL-133~g${n % 60}~2020-11`,
    dueDate: '2020-12-05',
    daysLeft: state === 'overdue' ? -n - 1 : state === 'due' ? n % 4 : 3,
    state
  })

  test('every value of every key keeps its rule, for every title, count and state mix', () => {
    let checked = 0
    for (const title of TITLES) {
      for (const count of [1, 2, 3, 9, 10, 99, 100, 120]) {
        for (const states of [['due'], ['overdue'], ['returned'], ['returned', 'overdue', 'due']] as ReminderItem['state'][][]) {
          const items = Array.from({ length: count }, (_, n) => item(n % 3 ? title : `${title}${n}`, n, states[n % states.length]))
          for (const who of [{ personName: '张晓梅', unitName: '园博北社区第1网格' }, { personName: 'Tian Lili 田莉莉', unitName: title }]) {
            const facts = [pendingFacts(who, items, [], units, '2020-12-20'), pendingFacts(who, items, items, units, '2020-12-20'), escalationFacts(who, items, units, '2020-12-20')]
            for (const f of facts) {
              for (const style of ['cn', 'iso'] as const) {
                const data = templateData(EVERYTHING, f, style)
                for (const [key, { value }] of Object.entries(data)) {
                  const type = fieldTypeOf(key)!
                  if (!RULES[type](value)) throw new Error(`${key} = ${JSON.stringify(value)} breaks the ${type} rule (title ${title})`)
                  checked += 1
                }
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10000)
  })

  test('the usual three keys read as a short reminder', () => {
    const items = [item('养老床位', 1, 'overdue'), item('“133”居家养老品牌打造', 2, 'overdue'), item('社会事务', 3, 'overdue')]
    const f = pendingFacts({ personName: '张晓梅', unitName: '第1网格' }, items, [], units, '2020-12-20')
    const t: TemplateSpec = { id: 't', purpose: 'pending', title: '填报提醒', longTerm: false, fields: { thing1: 'summary', date2: 'dueDate', thing3: 'hint' } }
    expect(templateData(t, f, 'cn')).toEqual({
      thing1: { value: '3项已逾期：养老床位等' },
      date2: { value: '2020年12月5日' },
      thing3: { value: '最久逾期4天，请尽快填报' }
    })
  })
})
