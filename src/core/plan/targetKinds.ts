import type { FieldKind } from '../field'
import type { TargetKind } from '../target'

/**
 * What the plan designer's target editor shows for each target kind, and
 * nothing else: the editor is generic over this table, so a new kind (the
 * ceiling) is one entry here. Keyed by every TargetKind, so adding a kind
 * to the schema without an entry here does not compile.
 */
export interface TargetFieldRef {
  /** The target property holding a field key. */
  key: 'field' | 'numerator' | 'denominator'
  label: string
  /** Field kinds that make sense here; the first is proposed for a new field. */
  fieldKinds: readonly FieldKind[]
}

export interface TargetNumber {
  key: 'min' | 'max' | 'percent' | 'scale'
  label: string
  /** Stored as a fraction, typed and shown as a percent (20 → 0.2). */
  percent?: boolean
  initial: number
}

export interface TargetKindSpec {
  label: string
  /** How the bureau writes one: shown as the label's placeholder. */
  example: string
  refs: readonly TargetFieldRef[]
  numbers: readonly TargetNumber[]
  /** percentage: 'eq' (all of them) or 'gte' (at least). */
  op?: boolean
  /** milestone: ordered steps, each a `step` field, required or stretch. */
  steps?: boolean
  /** Count targets split down the tree (指标分解). */
  splits?: boolean
}

export const TARGET_KINDS: Record<TargetKind, TargetKindSpec> = {
  count: {
    label: '数量（≥）',
    example: '新建老年幸福食堂3个',
    refs: [{ key: 'field', label: '数的是', fieldKinds: ['count', 'amount'] }],
    numbers: [{ key: 'min', label: '目标数', initial: 1 }],
    splits: true
  },
  rate: {
    label: '每N人比率（≥）',
    example: '每千名老人50张以上',
    refs: [
      { key: 'numerator', label: '分子', fieldKinds: ['count', 'amount'] },
      { key: 'denominator', label: '分母（人口）', fieldKinds: ['count'] }
    ],
    numbers: [
      { key: 'scale', label: '每多少人', initial: 1000 },
      { key: 'min', label: '至少', initial: 1 }
    ]
  },
  percentage: {
    label: '百分比',
    example: '流浪人员救助安置率100%',
    refs: [
      { key: 'numerator', label: '完成数', fieldKinds: ['count', 'flag'] },
      { key: 'denominator', label: '总数', fieldKinds: ['count'] }
    ],
    numbers: [{ key: 'percent', label: '目标（%）', percent: true, initial: 1 }],
    op: true
  },
  progress: {
    label: '进度（%）',
    example: '全区界线勘界工作完成25%',
    refs: [{ key: 'field', label: '进度', fieldKinds: ['fraction'] }],
    numbers: [{ key: 'min', label: '目标进度（%）', percent: true, initial: 1 }]
  },
  milestone: {
    label: '节点（分步完成）',
    example: '完成土地转让、招投标和地质勘察，力争年内动工',
    refs: [],
    numbers: [],
    steps: true
  },
  // The designer writes the one-field ceiling; a numerator/denominator
  // ceiling (schema/target.ts) comes from indicator.put or an import.
  ceiling: {
    label: '上限（≤）',
    example: '低保审核确认时限不超过15个工作日',
    refs: [{ key: 'field', label: '控制的数', fieldKinds: ['amount', 'count', 'fraction'] }],
    numbers: [{ key: 'max', label: '不超过', initial: 1 }]
  },
  qualitative: {
    label: '定性（审核评定）',
    example: '建立养老机构常态防控机制',
    refs: [],
    numbers: []
  }
}

export const TARGET_KIND_ORDER = Object.keys(TARGET_KINDS) as TargetKind[]

/** A new target of `kind`, reading the given fields (keys), with the spec's starting numbers. */
export function blankTarget(kind: TargetKind, id: string, label: string, fieldKeys: Partial<Record<TargetFieldRef['key'], string>>, steps: string[] = []) {
  const spec = TARGET_KINDS[kind]
  const t: Record<string, unknown> = { id, kind, label }
  for (const r of spec.refs) t[r.key] = fieldKeys[r.key] ?? ''
  for (const n of spec.numbers) t[n.key] = n.initial
  if (spec.op) t.op = 'gte'
  if (spec.steps) t.steps = steps.map((field) => ({ field, required: true }))
  return t
}
