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

/** One shape of a kind: the fields it reads and its numbers. */
export interface TargetForm {
  /** What the admin chooses between, when a kind has more than one shape. */
  label: string
  refs: readonly TargetFieldRef[]
  numbers: readonly TargetNumber[]
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
  /**
   * Other shapes of the same kind, the editor offers a choice between them
   * (a ceiling on one field or on a share). The first is `refs`/`numbers`.
   * A target is in the first form whose fields are all set on it.
   */
  forms?: readonly TargetForm[]
}

const CEILING_ON_FIELD: TargetForm = {
  label: '控制一个数',
  refs: [{ key: 'field', label: '控制的数', fieldKinds: ['amount', 'count', 'fraction'] }],
  numbers: [{ key: 'max', label: '不超过', initial: 1 }]
}

// max is a fraction of numerator ÷ denominator (schema/target.ts), typed as a percent.
const CEILING_ON_SHARE: TargetForm = {
  label: '控制一个比例（分子÷分母）',
  refs: [
    { key: 'numerator', label: '分子（如 超时件数）', fieldKinds: ['count', 'amount'] },
    { key: 'denominator', label: '分母（如 审核件数）', fieldKinds: ['count', 'amount'] }
  ],
  numbers: [{ key: 'max', label: '不超过（%）', percent: true, initial: 0.05 }]
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
  ceiling: {
    label: '上限（≤）',
    example: '低保审核确认时限不超过15个工作日',
    refs: CEILING_ON_FIELD.refs,
    numbers: CEILING_ON_FIELD.numbers,
    forms: [CEILING_ON_FIELD, CEILING_ON_SHARE]
  },
  qualitative: {
    label: '定性（审核评定）',
    example: '建立养老机构常态防控机制',
    refs: [],
    numbers: []
  }
}

export const TARGET_KIND_ORDER = Object.keys(TARGET_KINDS) as TargetKind[]

/** Every shape of a kind, the plain one first. */
export function formsOf(spec: TargetKindSpec): readonly TargetForm[] {
  return spec.forms ?? [{ label: spec.label, refs: spec.refs, numbers: spec.numbers }]
}

/** Which of its kind's shapes a target has: the first whose fields are all set (0 when none is). */
export function formOf(spec: TargetKindSpec, target: Record<string, unknown>): number {
  const i = formsOf(spec).findIndex((f) => f.refs.every((r) => target[r.key] !== undefined))
  return Math.max(0, i)
}

/** A new target of `kind` (in shape `form`), reading the given fields (keys), with the shape's starting numbers. */
export function blankTarget(kind: TargetKind, id: string, label: string, fieldKeys: Partial<Record<TargetFieldRef['key'], string>>, steps: string[] = [], form = 0) {
  const spec = TARGET_KINDS[kind]
  const shape = formsOf(spec)[form] ?? formsOf(spec)[0]
  const t: Record<string, unknown> = { id, kind, label }
  for (const r of shape.refs) t[r.key] = fieldKeys[r.key] ?? ''
  for (const n of shape.numbers) t[n.key] = n.initial
  if (spec.op) t.op = 'gte'
  if (spec.steps) t.steps = steps.map((field) => ({ field, required: true }))
  return t
}
