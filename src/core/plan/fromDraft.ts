import type { DraftIndicator, DraftPlanTarget } from '../import/draftPlan'
import type { IndicatorInput } from '../indicator'

/**
 * Turns an imported draft (plan.import) into the plan designer's editable
 * indicators for `year`. Nothing is checked or stored here: the admin
 * reviews every item in the designer and publishes from there, where the
 * server's rule applies. An item whose title matches one already in a plan
 * keeps that code, so an indicator keeps its code across years.
 */
export function indicatorsFromDraft(draft: readonly DraftIndicator[], year: number, known: readonly { code: string; title: string }[] = []): IndicatorInput[] {
  const codes = new Map(known.map((k) => [k.title, k.code]))
  const used = new Set<string>()
  return draft.map((d) => {
    let code = codes.get(d.title)
    if (!code || used.has(code)) code = `N${year}-${String(d.seq).padStart(2, '0')}`
    used.add(code)
    const prefix = `${d.title}：`
    const description = d.description.startsWith(prefix) ? d.description.slice(prefix.length) : d.description === d.title ? '' : d.description
    const hasProgress = d.fields.some((f) => f.kind === 'fraction' || f.kind === 'step')
    return {
      code,
      seq: d.seq,
      category: d.category,
      title: d.title.slice(0, 40),
      description: description.slice(0, 500),
      fields: d.fields.map((f) => ({ key: f.key, label: f.label, kind: f.kind, unit: f.unit.slice(0, 8) })),
      targets: d.targets.map(targetFromDraft),
      period: 'quarter',
      due: { daysAfterEnd: 10 },
      accumulation: hasProgress ? 'cumulative' : 'per_period',
      reportLevel: 'community',
      year
    } as IndicatorInput
  })
}

function targetFromDraft(t: DraftPlanTarget): Record<string, unknown> {
  const base = { id: t.id, label: t.label.slice(0, 60) }
  const [a, b] = t.fields
  switch (t.kind) {
    case 'count':
      return { ...base, kind: 'count', field: a ?? '', min: t.min ?? 1 }
    case 'rate':
      return { ...base, kind: 'rate', numerator: a ?? '', denominator: b ?? '', scale: t.scale ?? 1000, min: t.min ?? 1 }
    case 'percentage':
      return { ...base, kind: 'percentage', numerator: a ?? '', denominator: b ?? '', op: t.op ?? 'gte', percent: t.percent ?? 1 }
    case 'progress':
      return { ...base, kind: 'progress', field: a ?? '', min: t.percent ?? t.min ?? 1 }
    case 'milestone':
      return { ...base, kind: 'milestone', steps: t.fields.map((field, i) => ({ field, required: t.steps?.[i]?.required ?? true })) }
    case 'ceiling':
      // The ceiling kind comes from branch ceil; until it is in TargetKind the
      // designer gets it in the draft's own terms and shows the kind as unknown.
      return { ...base, kind: 'ceiling', field: a ?? '', max: t.max ?? 0 }
    case 'qualitative':
      return { ...base, kind: 'qualitative' }
  }
}
