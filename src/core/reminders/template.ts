import { fieldTypeOf, type FieldType } from './fields'

/**
 * A subscribe-message template as configuration: its WeChat id, what it is
 * for, and which of our facts fills each of its keys. Template ids and the
 * key mapping change with the account's template library, never the code.
 * (The server validates configuration with a schema in cloud/reminders;
 * this module stays free of zod.)
 */

/** Facts about one reminder that a template key can show. */
export const TEXT_SOURCES = ['summary', 'firstTitle', 'hint', 'state', 'unit', 'person', 'period', 'code'] as const
export const NUMBER_SOURCES = ['count', 'overdueDays'] as const
export const DATE_SOURCES = ['dueDate', 'today'] as const
export const SOURCES = [...TEXT_SOURCES, ...NUMBER_SOURCES, ...DATE_SOURCES] as const
export type SourceName = (typeof SOURCES)[number]

/** A fact by name, or fixed text (`{ "text": "请登录格报填报" }`). */
export type FieldSource = SourceName | { text: string }

export const PURPOSES = ['pending', 'escalation'] as const
export type Purpose = (typeof PURPOSES)[number]

/** WeChat template ids: letters, digits, '-' and '_'. */
export const TEMPLATE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export interface TemplateSpec {
  id: string
  /** `pending`: a person's own items; `escalation`: long-overdue items of the units below a reviewer. */
  purpose: Purpose
  /** What the app calls it (我的 lists it). */
  title: string
  /** A long-term subscription (public-service accounts only): not used up by sending. */
  longTerm: boolean
  /** Template key → source, e.g. { thing1: 'summary', date2: 'dueDate', thing3: 'hint' }. */
  fields: Record<string, FieldSource>
}

/** Which sources make sense for a key's type: a date key needs a date, a number key a count. */
export function sourceFits(type: FieldType, source: FieldSource): boolean {
  if (typeof source !== 'string') return type !== 'date' && type !== 'time' && type !== 'number'
  if (type === 'date' || type === 'time') return (DATE_SOURCES as readonly string[]).includes(source)
  if (type === 'number') return (NUMBER_SOURCES as readonly string[]).includes(source)
  return (TEXT_SOURCES as readonly string[]).includes(source)
}

/** What is wrong with a template's key mapping (empty when nothing is). */
export function templateProblems(t: TemplateSpec): string[] {
  const keys = Object.keys(t.fields)
  const out: string[] = []
  if (keys.length === 0 || keys.length > 10) out.push(`模板 ${t.id} 的字段数不对`)
  for (const key of keys) {
    const type = fieldTypeOf(key)
    if (!type) out.push(`模板 ${t.id} 的字段 ${key} 类型不支持`)
    else if (!sourceFits(type, t.fields[key])) out.push(`模板 ${t.id} 的字段 ${key} 不能填 ${JSON.stringify(t.fields[key])}`)
  }
  return out
}

/** Hours of the day (China time) when nothing is sent: from `from`:00 up to `to`:00, wrapping midnight. */
export interface QuietHours {
  from: number
  to: number
}

export function isQuietHour(hour: number, quiet: QuietHours): boolean {
  if (quiet.from === quiet.to) return false
  return quiet.from < quiet.to ? hour >= quiet.from && hour < quiet.to : hour >= quiet.from || hour < quiet.to
}

/** The rules the planner follows (the pure part of the reminder configuration). */
export interface ReminderRules {
  templates: TemplateSpec[]
  /** A due item is reminded of from this many days before its due date. */
  dueWithinDays: number
  /** An item overdue by more than this many days also goes to the reviewer above. */
  escalateAfterDays: number
  quietHours: QuietHours
  /** Mini-program pages a message opens: a person's item, and a reviewer's overview. */
  pages: { pending: string; escalation: string }
  dateStyle: 'cn' | 'iso'
}
