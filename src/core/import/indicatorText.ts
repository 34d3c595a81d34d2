import { extractQuantities, type QuantityMatch } from '../quantity'

/**
 * Reads one 指标内容及指标值 cell of a 自查表 ("养老床位：每千名老人50张以上")
 * into a title and draft targets. A draft is what the text says, for an
 * admin to check in the plan designer; it names no fields yet (see
 * ./draftPlan for proposed ones) and is never published as it is.
 *
 * Conventions, shared with ../quantity:
 * - `percent` is a fraction (100% is 1) and is set for percentage and
 *   progress targets, with `op`;
 * - `min` is a count or a rate per `scale`, in `unit`;
 * - a ceiling ("不超过15个工作日", "控制在1%以内") has `max` in the figure's
 *   own terms: 15 with unit 工作日, 0.01 with unit "%".
 */

export type DraftTargetKind = 'count' | 'rate' | 'percentage' | 'progress' | 'milestone' | 'qualitative' | 'ceiling'

export interface DraftStep {
  label: string
  /** Stretch steps ("力争年内动工") are reported beside the rate and never lower it. */
  required: boolean
}

export interface DraftTarget {
  kind: DraftTargetKind
  /** The clause the target was read from, as written (line-wrap spaces removed). */
  label: string
  unit?: string
  min?: number
  max?: number
  percent?: number
  op?: 'gte' | 'eq'
  scale?: number
  steps?: DraftStep[]
}

export interface IndicatorText {
  title: string
  targets: DraftTarget[]
}

const CJK_OR_MARK = /[^\x00-\x7f]/

/**
 * Dumps and narrow table cells wrap mid-word ("服  务网点8个", "调配使用率\n100%"):
 * whitespace next to a Chinese character or mark is layout, not text.
 */
export function normalizeCellText(text: string): string {
  return text
    .replace(/\s+/g, (gap, at: number, all: string) => {
      const before = all.charAt(at - 1)
      const after = all.charAt(at + gap.length)
      return before === '' || after === '' || CJK_OR_MARK.test(before) || CJK_OR_MARK.test(after) ? '' : ' '
    })
    .trim()
}

interface Piece {
  text: string
  /** The separator written after it ('' at the end). */
  sep: string
}

/** Clauses split at ；。 and commas, keeping each separator for labels that join them again. */
function piecesOf(body: string): Piece[] {
  const pieces: Piece[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i)
    if ('（(《“'.includes(ch)) depth++
    else if ('）)》”'.includes(ch)) depth = Math.max(0, depth - 1)
    else if (depth === 0 && '；;。，,\n'.includes(ch)) {
      pieces.push({ text: body.slice(start, i).trim(), sep: ch })
      start = i + 1
    }
  }
  pieces.push({ text: body.slice(start).trim(), sep: '' })
  return pieces.filter((p) => p.text !== '')
}

/** 标题：内容. A title is short and holds no clause break; otherwise the whole text is both. */
function splitTitle(text: string): { title: string; body: string } {
  const colon = text.search(/[：:]/)
  const head = colon > 0 ? text.slice(0, colon).trim() : ''
  if (head !== '' && head.length <= 40 && !/[；;。，,]/.test(head)) return { title: head, body: text.slice(colon + 1).trim() }
  return { title: text, body: text }
}

// "不少于" and "不低于" are floors though they contain 少于 and 低于.
const FLOOR_WORDS = /不少于|不低于|不小于|以上|至少/
const CEILING_WORDS = /不超过|不高于|不得超过|不多于|不大于|控制在|低于|少于|以内|以下|≤|＜|</
// 每千名老人, 每万人, 每100户: a rate per that many.
const PER = /每(十万|百万|十|百|千|万|\d+)/
const PER_SCALE: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10000, 十万: 100000, 百万: 1000000 }
const PER_MILLE: Readonly<Record<string, number>> = { '‰': 1000, '‱': 10000 }
const COMPLETION_START = /^(全面)?完成/
const STRETCH_START = /^(力争|争取)/
// 居民公约全覆盖, 全面制订居民公约: every unit, so a share that must be 100%.
const COVERAGE = /全覆盖|全面(制订|修订|建立|推行|实现|覆盖)/
// 完成土地转让、招投标和地质勘察: the items of one completion clause.
const ENUMERATION = /[、和及与]/

/** A count's unit, with the few words the quantity reader leaves after 个 (15个工作日). */
function unitOf(piece: string, f: QuantityMatch): string | undefined {
  if (f.unit === '个' && piece.startsWith('工作日', f.end)) return '工作日'
  return f.unit
}

/** The target a clause states through its target figure; `label` may carry words from before the clause. */
function figuredTarget(clause: string, label: string, f: QuantityMatch): DraftTarget {
  const unit = unitOf(clause, f)
  const ceiling = !FLOOR_WORDS.test(clause) && CEILING_WORDS.test(clause)
  if (ceiling) return { kind: 'ceiling', label, max: f.value, ...(unit ? { unit } : {}) }

  const perMille = f.unit ? PER_MILLE[f.unit] : undefined
  if (perMille !== undefined) return { kind: 'rate', label, scale: perMille, min: Number((f.value * perMille).toPrecision(12)) }
  const per = PER.exec(clause.slice(0, f.start))
  if (per) {
    const scale = PER_SCALE[per[1]] ?? Number(per[1])
    return { kind: 'rate', label, scale, min: f.value, ...(unit ? { unit } : {}) }
  }

  if (f.unit === '%') {
    // 完成50% is the unit's own progress; 完成率100% is a share counted from two figures.
    if (/完成|进度/.test(clause) && !/率/.test(clause)) return { kind: 'progress', label, percent: f.value, op: 'gte' }
    return { kind: 'percentage', label, percent: f.value, op: f.value >= 1 ? 'eq' : 'gte' }
  }
  return { kind: 'count', label, min: f.value, ...(unit ? { unit } : {}) }
}

/**
 * Which figure of a clause is its target: a share when there is one
 * (残疾人两项补贴发放准确率100%), else the last (在3个街道新建10个站点).
 */
export function targetFigure(figures: QuantityMatch[]): QuantityMatch | undefined {
  return figures.find((f) => f.unit === '%' || (f.unit !== undefined && f.unit in PER_MILLE)) ?? figures[figures.length - 1]
}

/** The steps of a run of completion clauses. */
function milestoneOf(run: Piece[], stretchFlags: boolean[]): DraftTarget {
  const label = run.map((p, i) => p.text + (i < run.length - 1 ? p.sep : '')).join('')
  const requiredCount = stretchFlags.filter((s) => !s).length
  const steps: DraftStep[] = run.flatMap((p, i): DraftStep[] => {
    if (stretchFlags[i]) return [{ label: p.text.replace(STRETCH_START, ''), required: false }]
    const item = p.text.replace(COMPLETION_START, '')
    // One completion clause listing its items: each item is a step.
    // Several clauses: each clause is one step, whatever it lists.
    if (requiredCount === 1 && ENUMERATION.test(item)) {
      return item
        .split(ENUMERATION)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((s) => ({ label: s, required: true }))
    }
    return [{ label: item, required: true }]
  })
  return { kind: 'milestone', label, steps }
}

export function parseIndicatorText(text: string): IndicatorText {
  const { title, body } = splitTitle(normalizeCellText(text))
  const targets: DraftTarget[] = []
  let run: Piece[] = []
  let stretch: boolean[] = []
  const closeRun = () => {
    if (stretch.some((s) => !s)) targets.push(milestoneOf(run, stretch))
    run = []
    stretch = []
  }

  let previous: Piece | null = null
  for (const piece of piecesOf(body)) {
    const figure = targetFigure(extractQuantities(piece.text))
    if (figure) {
      closeRun()
      // "捐赠款物高效管理，调配使用率100%": a bare 调配使用率 needs the words before the comma.
      const bare = figure.start <= 6 && previous !== null && previous.sep === '，' && extractQuantities(previous.text).length === 0
      targets.push(figuredTarget(piece.text, bare ? `${previous!.text}，${piece.text}` : piece.text, figure))
    } else if (COMPLETION_START.test(piece.text)) {
      run.push(piece)
      stretch.push(false)
    } else if (STRETCH_START.test(piece.text) && run.length > 0) {
      run.push(piece)
      stretch.push(true)
    } else if (run.length > 0) {
      // Clauses after 完成… without a figure are further tasks of the same list.
      run.push(piece)
      stretch.push(false)
    } else if (COVERAGE.test(piece.text)) {
      targets.push({ kind: 'percentage', label: piece.text, percent: 1, op: 'eq' })
    }
    // Anything else describes rather than sets a target (提升助餐助洁助医能力和水平).
    previous = piece
  }
  closeRun()

  if (targets.length === 0 && body !== '') targets.push({ kind: 'qualitative', label: body })
  return { title, targets }
}
