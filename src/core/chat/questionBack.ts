import type { Field } from '../field'
import { targetFields, type Target } from '../target'
import { formatValue, periodEndPhrase, periodShort } from './format'
import { findTerms } from './match'
import type { Draft } from './questions'
import { askableFields } from './slots'
import type { ChatContext } from './types'
import { unitTarget } from './unitTarget'

/**
 * Questions a worker asks back instead of answering: "这是什么意思",
 * "指的是什么", "怎么算", "食堂包括哪些". They get the field explained and
 * are never stored as a value or a reason.
 */
const QUESTION_WORDS = ['什么', '啥', '怎么', '咋', '如何', '哪些', '哪个', '哪种', '算不算', '包不包括', '包括哪', '是否', '为什么', '指的是', '意思', '含义', '解释', '不懂', '不明白']
/** Said in answers, not questions: 没什么变化, 不怎么样. */
const NOT_ASKING = ['没什么', '没啥', '不怎么']

/** Whether the message asks something rather than answers. */
export function isQuestionBack(text: string): boolean {
  const t = NOT_ASKING.reduce((rest, w) => rest.split(w).join(''), text.trim())
  if (!t) return false
  if (/[?？]$/.test(t) && t.length > 1) return true
  if (/[吗呢嘛]$/.test(t.replace(/[。.!！]+$/, ''))) return true
  return QUESTION_WORDS.some((w) => t.includes(w))
}

function targetsNaming(ctx: ChatContext, key: string): Target[] {
  return ctx.indicator.targets.filter((t) => targetFields(t).includes(key))
}

/** The field a question names ("食堂包括哪些"), else the one being asked. */
export function fieldAskedAbout(ctx: ChatContext, text: string, current: Field | undefined): Field | undefined {
  const hit = findTerms(text, askableFields(ctx.indicator))[0]
  return hit?.fields[0] ?? current
}

/** The explanation: what the indicator asks, this unit's target, how the field counts. */
export function explainField(ctx: ChatContext, field: Field | undefined): Draft {
  const ind = ctx.indicator
  const lines: string[] = []
  if (!field) {
    lines.push(`「${ind.title}」指标要求：${ind.description}`)
    lines.push('卡片上列的是本期要报的各项；点哪一项可以修改，问某一项可以带上名称，如“食堂怎么算”')
    return { kind: 'info', text: lines.join('\n') }
  }
  lines.push(`「${field.label}」是「${ind.title}」里的一项。`)
  if (ind.description) lines.push(`指标要求：${ind.description.length > 80 ? `${ind.description.slice(0, 80)}…` : ind.description}`)
  for (const t of targetsNaming(ctx, field.key)) {
    const own = unitTarget(ctx, t)
    const unallocated = t.kind === 'count' && own === null
    const mine = unallocated ? '（这是全区的目标，还没有分解到本单位）' : own !== null && (t.kind === 'count' || t.kind === 'progress') && own !== t.min ? `，本单位分到${formatValue(field, own)}` : ''
    lines.push(`目标：${t.label}${mine}`)
  }
  if (field.kind === 'step' || field.kind === 'flag') lines.push('按实际情况回答“是”或“否”。')
  else if (ind.accumulation === 'cumulative') lines.push(`怎么算：填截至${periodEndPhrase(ctx.period)}的总数${field.unit ? `，单位“${field.unit}”` : ''}，不是这一期新增的。`)
  else lines.push(`怎么算：只填${periodShort(ctx.period)}这一期新增的${field.unit ? `，单位“${field.unit}”` : ''}，不要加上以前的。`)
  if (field.hint) lines.push(field.hint)
  return { kind: 'info', text: lines.join('\n') }
}
