import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_REMINDER_CONFIG, DEMO_TEMPLATE_ID, loadReminderConfig, loadReminderConfigOrOff, withDemoTemplate } from '../../cloud/reminders/config'

/** Template ids, key mappings and rules are configuration, read from the environment. */

test('defaults: no template (reminders off), 3 days ahead, escalate after 3, quiet 21:00–08:00, formal build', () => {
  expect(loadReminderConfig({})).toEqual(DEFAULT_REMINDER_CONFIG)
  expect(DEFAULT_REMINDER_CONFIG).toEqual({
    templates: [],
    dueWithinDays: 3,
    escalateAfterDays: 3,
    quietHours: { from: 21, to: 8 },
    pages: { pending: 'pages/inbox/index', escalation: 'pages/progress/index' },
    dateStyle: 'cn',
    miniprogramState: 'formal',
    lang: 'zh_CN'
  })
  expect(withDemoTemplate(DEFAULT_REMINDER_CONFIG).templates.map((t) => t.id)).toEqual([DEMO_TEMPLATE_ID])
})

test('REMIND_TEMPLATE_ID gives one pending template with the usual mapping; REMIND_MINIPROGRAM_STATE picks the build', () => {
  const c = loadReminderConfig({ REMIND_TEMPLATE_ID: 'zun-LzcQyW-edafCVvzPkK4de2Rllr1fFpw2A_x0oXE', REMIND_MINIPROGRAM_STATE: 'trial' })
  expect(c.templates).toEqual([
    { id: 'zun-LzcQyW-edafCVvzPkK4de2Rllr1fFpw2A_x0oXE', purpose: 'pending', title: '填报提醒', longTerm: false, fields: { thing1: 'summary', date2: 'dueDate', thing3: 'hint' } }
  ])
  expect(c.miniprogramState).toBe('trial')
  expect(() => loadReminderConfig({ REMIND_MINIPROGRAM_STATE: 'beta' })).toThrow(/miniprogramState/)
})

test('REMIND_CONFIG: inline JSON or a file path; what it leaves out keeps the default', () => {
  const json = {
    templates: [
      { id: 'tplA', fields: { thing1: 'summary', time2: 'dueDate', phrase3: 'state', name4: 'person', character_string5: 'code', number6: 'count' } },
      { id: 'tplB', purpose: 'escalation', title: '逾期督办', longTerm: true, fields: { thing1: 'summary', thing2: { text: '请督促网格员填报' } } }
    ],
    dueWithinDays: 5,
    quietHours: { from: 22, to: 7 }
  }
  const inline = loadReminderConfig({ REMIND_CONFIG: JSON.stringify(json) })
  expect(inline).toMatchObject({ dueWithinDays: 5, escalateAfterDays: 3, quietHours: { from: 22, to: 7 }, miniprogramState: 'formal' })
  expect(inline.templates.map((t) => [t.id, t.purpose, t.longTerm])).toEqual([
    ['tplA', 'pending', false],
    ['tplB', 'escalation', true]
  ])
  const dir = mkdtempSync(join(tmpdir(), 'gebao-remind-'))
  try {
    writeFileSync(join(dir, 'remind.json'), JSON.stringify(json))
    expect(loadReminderConfig({ REMIND_CONFIG: join(dir, 'remind.json') })).toEqual(inline)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a broken configuration is refused with the reason', () => {
  const bad = (config: unknown) => () => loadReminderConfig({ REMIND_CONFIG: JSON.stringify(config) })
  expect(bad({ templates: [{ id: 't', fields: { date1: 'summary' } }] })).toThrow(/date1/)
  expect(bad({ templates: [{ id: 't', fields: { number1: 'hint' } }] })).toThrow(/number1/)
  expect(bad({ templates: [{ id: 't', fields: { amount1: 'count' } }] })).toThrow(/amount1/)
  expect(bad({ templates: [{ id: 't', fields: {} }] })).toThrow(/字段数/)
  expect(bad({ templates: [{ id: 't', fields: { thing1: 'nope' } }] })).toThrow(/reminder config is invalid/)
  expect(bad({ templates: [{ id: 'has space', fields: { thing1: 'hint' } }] })).toThrow(/templates/)
  expect(bad({ templates: [{ id: 't', fields: { thing1: 'hint' } }, { id: 't', fields: { thing1: 'hint' } }] })).toThrow(/twice/)
  expect(bad({ quietHours: { from: 24, to: 8 } })).toThrow(/quietHours/)
  expect(bad({ surprise: true })).toThrow()
  expect(() => loadReminderConfig({ REMIND_CONFIG: '{not json' })).toThrow(/not JSON/)
  expect(() => loadReminderConfig({ REMIND_CONFIG: 'remind.json' }, () => '[1]')).toThrow(/JSON object/)
})

test('the api function turns reminders off (and logs why) rather than failing every action', () => {
  const logged: string[] = []
  expect(loadReminderConfigOrOff({ REMIND_CONFIG: '{not json' }, (m) => logged.push(m))).toEqual(DEFAULT_REMINDER_CONFIG)
  expect(logged).toEqual(['reminder config is invalid: REMIND_CONFIG is not JSON'])
})
