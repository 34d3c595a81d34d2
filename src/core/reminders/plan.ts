import type { OrgUnit } from '../org'
import { isReviewer, type Person } from '../person'
import { byUrgency, isEscalated, type ReminderItem } from './items'
import { escalationFacts, pendingFacts, templateData, type TemplateData } from './message'
import { isQuietHour, type Purpose, type ReminderRules, type TemplateSpec } from './template'

/**
 * Who is reminded of what today: at most one message per person, listing
 * their own items (and, for a reviewer, the long-overdue items of the
 * units directly below), through a template they have a grant for.
 * Pure: the job reads the store, calls this, then sends and records.
 */

export interface GrantState {
  personId: string
  templateId: string
  oneTime: number
  longTerm: boolean
}

export interface PlanInput {
  today: string
  /** China hour, 0–23. */
  hour: number
  /** Everyone who might be reminded, with their unit. */
  people: readonly { person: Person; unit: OrgUnit }[]
  /** Reminder items of every unit that matters (the people's units and the units below reviewers). */
  items: readonly ReminderItem[]
  units: ReadonlyMap<string, OrgUnit>
  grants: readonly GrantState[]
  remindedToday: ReadonlySet<string>
  rules: ReminderRules
}

export type SkipReason = 'already_reminded' | 'no_template' | 'no_grant'

export interface PlannedReminder {
  person: Person
  kind: Purpose
  /** Own items, most urgent first. */
  items: ReminderItem[]
  /** Long-overdue items of the units below (reviewers only). */
  escalated: ReminderItem[]
  template: TemplateSpec | null
  data: TemplateData
  page: string
}

export interface PlannedMessage extends PlannedReminder {
  template: TemplateSpec
  /** A one-time grant is used up by sending; a long-term one is not. */
  usesOneTime: boolean
}

export interface PlannedSkip extends PlannedReminder {
  reason: SkipReason
}

export interface ReminderPlan {
  day: string
  quiet: boolean
  messages: PlannedMessage[]
  skipped: PlannedSkip[]
}

/** Templates for `kind` first (in configured order), then the rest as fallbacks. */
function templatesFor(kind: Purpose, templates: readonly TemplateSpec[]): TemplateSpec[] {
  return [...templates.filter((t) => t.purpose === kind), ...templates.filter((t) => t.purpose !== kind)]
}

function pageFor(kind: Purpose, first: ReminderItem, rules: ReminderRules): string {
  return kind === 'pending'
    ? `${rules.pages.pending}?reportId=${encodeURIComponent(first.reportId)}`
    : `${rules.pages.escalation}?period=${encodeURIComponent(first.period)}`
}

export function planReminders(input: PlanInput): ReminderPlan {
  const { today, rules } = input
  const plan: ReminderPlan = { day: today, quiet: isQuietHour(input.hour, rules.quietHours), messages: [], skipped: [] }
  if (plan.quiet) return plan

  const byUnit = new Map<string, ReminderItem[]>()
  for (const item of input.items) byUnit.set(item.unitId, [...(byUnit.get(item.unitId) ?? []), item])
  const grant = (personId: string, templateId: string) => input.grants.find((g) => g.personId === personId && g.templateId === templateId)

  for (const { person, unit } of input.people) {
    const own = [...(byUnit.get(unit.id) ?? [])].sort(byUrgency)
    const escalated = isReviewer(person.role)
      ? input.items.filter((i) => i.unitId !== unit.id && input.units.get(i.unitId)?.parentId === unit.id && isEscalated(i, rules.escalateAfterDays)).sort(byUrgency)
      : []
    if (own.length === 0 && escalated.length === 0) continue

    const kind: Purpose = own.length ? 'pending' : 'escalation'
    const who = { personName: person.name, unitName: unit.name }
    const facts = own.length ? pendingFacts(who, own, escalated, input.units, today) : escalationFacts(who, escalated, input.units, today)
    const candidates = templatesFor(kind, rules.templates)
    const usable = candidates.find((t) => {
      const g = grant(person.id, t.id)
      return !!g && ((t.longTerm && g.longTerm) || (!t.longTerm && g.oneTime > 0))
    })
    const template = usable ?? candidates[0] ?? null
    const base: PlannedReminder = {
      person,
      kind,
      items: own,
      escalated,
      template,
      data: template ? templateData(template, facts, rules.dateStyle) : {},
      page: pageFor(kind, own[0] ?? escalated[0], rules)
    }
    if (input.remindedToday.has(person.id)) plan.skipped.push({ ...base, reason: 'already_reminded' })
    else if (!template) plan.skipped.push({ ...base, reason: 'no_template' })
    else if (!usable) plan.skipped.push({ ...base, reason: 'no_grant' })
    else plan.messages.push({ ...base, template: usable, usesOneTime: !usable.longTerm })
  }
  return plan
}
