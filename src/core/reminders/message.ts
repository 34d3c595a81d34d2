import { ORG_LEVEL_LABEL, type OrgUnit } from '../org'
import { periodLabel } from '../periodLabel'
import { fieldTypeOf, fitThingParts, fitValue, formatDate, formatTime, isValidValue, type DateStyle } from './fields'
import type { ReminderItem } from './items'
import type { FieldSource, TemplateSpec } from './template'

/**
 * The words of one reminder, then the template data built from them. One
 * reminder lists all of a person's items; a template has a few short keys,
 * so the facts are summaries ("3项待填报：养老床位等"), cut to each key's
 * type by `fields.ts`.
 */

export interface MessageFacts {
  /** A thing value built as head + middle + tail: the middle (a title) is cut first. */
  summary: { head: string; middle: string; tail: string }
  firstTitle: string
  hint: string
  /** A few 汉字 for phrase keys: 待填报, 已逾期, 被退回, 待处理, 逾期未报. */
  state: string
  unit: string
  person: string
  period: string
  code: string
  count: number
  overdueDays: number
  /** The earliest due date among the items, YYYY-MM-DD. */
  dueDate: string
  today: string
}

const distinctTitles = (items: readonly ReminderItem[]) => [...new Set(items.map((i) => i.title))]
const maxOverdue = (items: readonly ReminderItem[]) => Math.max(0, ...items.map((i) => -i.daysLeft))
const earliestDue = (items: readonly ReminderItem[]) => items.map((i) => i.dueDate).sort()[0]

function stateWord(items: readonly ReminderItem[]): string {
  const states = new Set(items.map((i) => i.state))
  if (states.size > 1) return '待处理'
  return items[0].state === 'returned' ? '被退回' : items[0].state === 'overdue' ? '已逾期' : '待填报'
}

function ownHint(items: readonly ReminderItem[]): string {
  const first = items[0]
  if (first.state === 'returned') return '请按审核意见修改后重报'
  if (first.state === 'overdue') return `最久逾期${maxOverdue(items)}天，请尽快填报`
  return first.daysLeft === 0 ? '今天截止，请及时填报' : `${first.daysLeft}天后截止，请及时填报`
}

function unitsWord(escalated: readonly ReminderItem[], units: ReadonlyMap<string, OrgUnit>): string {
  const ids = [...new Set(escalated.map((i) => i.unitId))]
  const level = units.get(ids[0])?.level
  return `${ids.length}个${level ? ORG_LEVEL_LABEL[level] : '单位'}`
}

interface Who {
  personName: string
  unitName: string
}

/**
 * A person's own items (most urgent first), plus any long-overdue items of
 * the units below them (reviewers), mentioned in the hint.
 */
export function pendingFacts(who: Who, items: readonly ReminderItem[], escalated: readonly ReminderItem[], units: ReadonlyMap<string, OrgUnit>, today: string): MessageFacts {
  const titles = distinctTitles(items)
  const word = stateWord(items)
  return {
    summary: { head: `${items.length}项${word}：`, middle: titles[0], tail: titles.length > 1 ? '等' : '' },
    firstTitle: titles[0],
    hint: escalated.length ? `另有${unitsWord(escalated, units)}逾期未报` : ownHint(items),
    state: word,
    unit: who.unitName,
    person: who.personName,
    period: periodLabel(items[0].period),
    code: items[0].indicatorCode,
    count: items.length,
    overdueDays: maxOverdue(items),
    dueDate: earliestDue(items),
    today
  }
}

/** Only long-overdue items of the units below a reviewer. */
export function escalationFacts(who: Who, escalated: readonly ReminderItem[], units: ReadonlyMap<string, OrgUnit>, today: string): MessageFacts {
  const titles = distinctTitles(escalated)
  return {
    summary: { head: `${unitsWord(escalated, units)}逾期：`, middle: titles[0], tail: titles.length > 1 ? '等' : '' },
    firstTitle: titles[0],
    hint: `最久逾期${maxOverdue(escalated)}天，请督促填报`,
    state: '逾期未报',
    unit: who.unitName,
    person: who.personName,
    period: periodLabel(escalated[0].period),
    code: escalated[0].indicatorCode,
    count: escalated.length,
    overdueDays: maxOverdue(escalated),
    dueDate: earliestDue(escalated),
    today
  }
}

export type TemplateData = Record<string, { value: string }>

function valueFor(key: string, source: FieldSource, facts: MessageFacts, dateStyle: DateStyle): string {
  const type = fieldTypeOf(key)
  if (!type) throw new Error(`unsupported template key ${key}`)
  if (typeof source !== 'string') return fitValue(type, source.text)
  switch (source) {
    case 'dueDate':
    case 'today':
      return type === 'time' ? formatTime(facts[source], 23, 59) : formatDate(facts[source], dateStyle)
    case 'count':
    case 'overdueDays':
      return fitValue(type, String(facts[source]))
    case 'summary': {
      const { head, middle, tail } = facts.summary
      return type === 'thing' ? fitThingParts(head, middle, tail) : fitValue(type, head + middle + tail)
    }
    default:
      return fitValue(type, facts[source])
  }
}

/**
 * `{ key: { value } }` for every key the template maps. Every value keeps
 * its type's rule; a value that would not is a bug here, so it throws
 * rather than letting WeChat answer 47003.
 */
export function templateData(template: TemplateSpec, facts: MessageFacts, dateStyle: DateStyle): TemplateData {
  const data: TemplateData = {}
  for (const [key, source] of Object.entries(template.fields)) {
    const value = valueFor(key, source, facts, dateStyle)
    if (!isValidValue(fieldTypeOf(key)!, value)) throw new Error(`template ${template.id} key ${key}: invalid value ${JSON.stringify(value)}`)
    data[key] = { value }
  }
  return data
}
