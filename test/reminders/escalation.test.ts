import { defaultTemplate } from '../../cloud/reminders/config'
import { planReminders, type ReminderItem, type TemplateSpec } from '../../src/core/reminders'
import type { OrgUnit } from '../../src/core/org'
import type { Person } from '../../src/core/person'
import { G1, testConfig, world, type World } from './helpers'

/**
 * Items overdue by more than `escalateAfterDays` also go to the reviewer of
 * the unit above (a grid's community reviewer), as part of that reviewer's
 * one reminder of the day.
 */

let w: World | null = null
afterEach(async () => {
  await w?.close()
  w = null
})

const escalatedOf = async (world: World, personId: string) =>
  ((await world.entriesOf(personId))[0]?.items ?? []).filter((i) => i.escalated).map((i) => `${i.unitId} ${i.period}`)

describe('with the demo data', () => {
  test('the community reviewer hears of every grid of her community overdue more than 3 days, her own items first', async () => {
    w = await world()
    await w.run()
    const [e] = await w.entriesOf('u-comm-1')
    expect(e.status).toBe('sent')
    const escalated = await escalatedOf(w, 'u-comm-1')
    const grids = (await w.store.childUnits('qk-s11-c01')).map((u) => u.id)
    expect(escalated).toHaveLength(grids.length * 2)
    expect(new Set(escalated.map((x) => x.split(' ')[0]))).toEqual(new Set(grids))
    expect(escalated).toContain(`${G1} 2020-10`)
    expect(escalated).toContain(`${G1} 2020-11`)
    // Another community's grid (赵敏's, in 长丰街's sibling street) is not hers.
    expect(escalated.some((x) => x.startsWith('qk-s01-'))).toBe(false)
    expect(e.data.thing3.value).toBe(`另有${grids.length}个网格逾期未报`)
    expect(e.items.filter((i) => !i.escalated).every((i) => i.unitId === 'qk-s11-c01')).toBe(true)
  })

  test('only items overdue by more than escalateAfterDays go up; a submitted one no longer does', async () => {
    w = await world()
    await w.submit('u-grid-1', G1, '2020-10')
    await w.run(testConfig({ escalateAfterDays: 20 }))
    const escalated = await escalatedOf(w, 'u-comm-1')
    // 2020-11 is 15 days overdue (not more than 20); 2020-10 is 45, except G1's, now submitted.
    expect(escalated.every((x) => x.endsWith('2020-10'))).toBe(true)
    expect(escalated).not.toContain(`${G1} 2020-10`)
    expect(escalated.length).toBeGreaterThan(0)
  })

  test('nothing goes up while items are within escalateAfterDays', async () => {
    w = await world()
    await w.run(testConfig({ escalateAfterDays: 60 }))
    expect(await escalatedOf(w, 'u-comm-1')).toEqual([])
    expect((await w.entriesOf('u-comm-1'))[0].data.thing3.value).toMatch(/^最久逾期\d+天，请尽快填报$/)
  })

  test('a street reviewer hears of the communities below, not of grids two levels down', async () => {
    w = await world()
    await w.run()
    const escalated = await escalatedOf(w, 'u-street-1')
    expect(escalated.length).toBeGreaterThan(0)
    expect(escalated.every((x) => /^qk-s11-c\d+ /.test(x))).toBe(true)
  })
})

describe('the planner, on its own', () => {
  const community: OrgUnit = { id: 'c', name: '园博北社区', level: 'community', parentId: 's', path: '/d/s/c/' }
  const grid = (n: number): OrgUnit => ({ id: `c-g${n}`, name: `第${n}网格`, level: 'grid', parentId: 'c', path: `/d/s/c/c-g${n}/` })
  const reviewer: Person = { id: 'r', name: '王芳', role: 'community_reviewer', orgUnitId: 'c' }
  const overdue = (n: number, days: number): ReminderItem => ({
    unitId: `c-g${n}`,
    indicatorCode: 'YL-133',
    title: '“133”居家养老品牌打造',
    period: '2020-11',
    reportId: `YL-133~c-g${n}~2020-11`,
    dueDate: '2020-12-05',
    daysLeft: -days,
    state: 'overdue'
  })
  const pending: TemplateSpec = defaultTemplate('tpl-pending')
  const escalation: TemplateSpec = { id: 'tpl-esc', purpose: 'escalation', title: '逾期督办', longTerm: false, fields: { thing1: 'summary', number2: 'count', phrase3: 'state', thing4: 'hint' } }
  const rules = { ...testConfig(), templates: [pending, escalation] }
  const units = new Map([community, grid(1), grid(2)].map((u) => [u.id, u]))
  const base = { today: '2020-12-20', hour: 10, people: [{ person: reviewer, unit: community }], units, remindedToday: new Set<string>(), rules }

  test('a reviewer with only escalations gets an escalation message, through the escalation template, opening the progress page', () => {
    const plan = planReminders({ ...base, items: [overdue(1, 15), overdue(2, 4), overdue(2, 2)], grants: [{ personId: 'r', templateId: 'tpl-esc', oneTime: 1, longTerm: false }, { personId: 'r', templateId: 'tpl-pending', oneTime: 1, longTerm: false }] })
    expect(plan.messages).toHaveLength(1)
    const m = plan.messages[0]
    expect(m).toMatchObject({ kind: 'escalation', usesOneTime: true, page: 'pages/progress/index?period=2020-11' })
    expect(m.template.id).toBe('tpl-esc')
    expect(m.escalated.map((i) => i.daysLeft)).toEqual([-15, -4])
    expect(m.data).toEqual({
      thing1: { value: '2个网格逾期：“133”居家养老品牌打造' },
      number2: { value: '2' },
      phrase3: { value: '逾期未报' },
      thing4: { value: '最久逾期15天，请督促填报' }
    })
  })

  test('without a grant for the escalation template, the pending template carries it', () => {
    const plan = planReminders({ ...base, items: [overdue(1, 15)], grants: [{ personId: 'r', templateId: 'tpl-pending', oneTime: 2, longTerm: false }] })
    expect(plan.messages[0].template.id).toBe('tpl-pending')
    expect(Object.keys(plan.messages[0].data)).toEqual(['thing1', 'date2', 'thing3'])
  })

  test('no grant for any template: skipped as no_grant, with the data it would have sent', () => {
    const plan = planReminders({ ...base, items: [overdue(1, 15)], grants: [] })
    expect(plan.messages).toEqual([])
    expect(plan.skipped).toMatchObject([{ reason: 'no_grant', kind: 'escalation', template: { id: 'tpl-esc' } }])
  })

  test('no template configured: skipped as no_template; grid workers are never escalated to', () => {
    const worker: Person = { id: 'w', name: '张晓梅', role: 'grid_worker', orgUnitId: 'c' }
    const plan = planReminders({ ...base, people: [{ person: worker, unit: community }], items: [overdue(1, 15)], grants: [], rules: { ...rules, templates: [] } })
    expect(plan).toEqual({ day: '2020-12-20', quiet: false, messages: [], skipped: [] })
    const plan2 = planReminders({ ...base, items: [overdue(1, 15)], grants: [], rules: { ...rules, templates: [] } })
    expect(plan2.skipped).toMatchObject([{ reason: 'no_template', template: null, data: {} }])
  })
})
