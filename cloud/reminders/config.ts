import { readFileSync } from 'node:fs'
import * as z from 'zod/mini'
import { PURPOSES, SOURCES, TEMPLATE_ID_PATTERN, templateProblems, type TemplateSpec } from '../../src/core/reminders'
import { listOf, matching, text, wholeBetween } from '../../src/core/schema/builders'

/**
 * Reminder configuration: which subscribe-message templates to use and how
 * our facts map onto their keys, plus the sending rules. Configuration,
 * not code: the cloud functions read it from their environment variables
 * (set in the CloudBase console), the local server from its own.
 *
 * - REMIND_CONFIG: a JSON object (or a path to a JSON file) with any of the
 *   keys of ReminderConfig; what it leaves out keeps the default.
 * - REMIND_TEMPLATE_ID: shortcut for one one-time "pending" template with
 *   the default mapping { thing1: summary, date2: dueDate, thing3: hint }.
 * - REMIND_MINIPROGRAM_STATE: developer | trial | formal.
 */

export const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'] as const

/** A template (src/core/reminders/template.ts), checked key by key against its type. */
export const TemplateSpecSchema = z
  .strictObject({
    id: matching(TEMPLATE_ID_PATTERN),
    purpose: z._default(z.enum(PURPOSES), 'pending'),
    title: z._default(text(20, 1), '填报提醒'),
    longTerm: z._default(z.boolean(), false),
    fields: z.record(z.string(), z.union([z.enum(SOURCES), z.strictObject({ text: text(40, 1) })]))
  })
  .check(z.superRefine((t, ctx) => templateProblems(t).forEach((message) => ctx.addIssue({ code: 'custom', message }))))

const QuietHoursSchema = z.strictObject({ from: wholeBetween(0, 23), to: wholeBetween(0, 23) })

export const ReminderConfigSchema = z.strictObject({
  templates: z._default(listOf(TemplateSpecSchema, 10), []),
  dueWithinDays: z._default(wholeBetween(0, 31), 3),
  escalateAfterDays: z._default(wholeBetween(0, 90), 3),
  quietHours: z._default(QuietHoursSchema, { from: 21, to: 8 }),
  pages: z._default(z.strictObject({ pending: text(100, 1), escalation: text(100, 1) }), { pending: 'pages/inbox/index', escalation: 'pages/progress/index' }),
  dateStyle: z._default(z.enum(['cn', 'iso']), 'cn'),
  /** Which mini-program build a message opens. */
  miniprogramState: z._default(z.enum(MINIPROGRAM_STATES), 'formal'),
  lang: z._default(z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']), 'zh_CN')
})
export type ReminderConfig = z.infer<typeof ReminderConfigSchema>

/** A "pending" template with the usual three keys: 事项 (thing1), 截止日期 (date2), 备注 (thing3). */
export function defaultTemplate(id: string): TemplateSpec {
  return { id, purpose: 'pending', title: '填报提醒', longTerm: false, fields: { thing1: 'summary', date2: 'dueDate', thing3: 'hint' } }
}

/** Everything at its default, and no template: reminders are off until one is configured. */
export const DEFAULT_REMINDER_CONFIG: ReminderConfig = ReminderConfigSchema.parse({})

/**
 * The local server's stand-in template when none is configured, so demo
 * people can bank grants and the outbox shows what would be sent.
 */
export const DEMO_TEMPLATE_ID = 'gebao-demo-pending'

export function parseReminderConfig(input: unknown): ReminderConfig {
  const parsed = ReminderConfigSchema.safeParse(input)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`).join('; ')
    throw new Error(`reminder config is invalid: ${detail}`)
  }
  const ids = parsed.data.templates.map((t) => t.id)
  if (new Set(ids).size !== ids.length) throw new Error('reminder config is invalid: a template id appears twice')
  return parsed.data
}

type Env = Record<string, string | undefined>

/** The configuration from environment variables; throws with a readable reason when it is wrong. */
export function loadReminderConfig(env: Env, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): ReminderConfig {
  const raw = env.REMIND_CONFIG?.trim()
  let input: Record<string, unknown> = {}
  if (raw) {
    const json = raw.startsWith('{') ? raw : read(raw)
    try {
      input = JSON.parse(json)
    } catch {
      throw new Error('reminder config is invalid: REMIND_CONFIG is not JSON')
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw new Error('reminder config is invalid: REMIND_CONFIG must be a JSON object')
  }
  const id = env.REMIND_TEMPLATE_ID?.trim()
  if (id) {
    if (!TEMPLATE_ID_PATTERN.test(id)) throw new Error('reminder config is invalid: REMIND_TEMPLATE_ID is not a template id')
    const listed = Array.isArray(input.templates) ? (input.templates as unknown[]) : []
    if (!listed.some((t) => (t as { id?: unknown })?.id === id)) input = { ...input, templates: [defaultTemplate(id), ...listed] }
  }
  const state = env.REMIND_MINIPROGRAM_STATE?.trim()
  if (state) input = { ...input, miniprogramState: state }
  return parseReminderConfig(input)
}

/** Like loadReminderConfig, but a broken configuration turns reminders off (and is logged) instead of stopping the caller. */
export function loadReminderConfigOrOff(env: Env, log: (msg: string) => void): ReminderConfig {
  try {
    return loadReminderConfig(env)
  } catch (e) {
    log(e instanceof Error ? e.message : String(e))
    return DEFAULT_REMINDER_CONFIG
  }
}

/** The local server's configuration: as configured, or the demo template when none is. */
export function withDemoTemplate(config: ReminderConfig): ReminderConfig {
  return config.templates.length ? config : { ...config, templates: [defaultTemplate(DEMO_TEMPLATE_ID)] }
}
