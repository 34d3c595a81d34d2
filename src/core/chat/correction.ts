import type { Field } from '../field'
import { extractQuantities, parseQuantity, type Quantity } from '../quantity'
import { normalize } from './answers/parsed'
import { readYesNo } from './answers/yesno'
import { findTerms } from './match'
import { askableFields } from './slots'
import type { ChatState } from './state'
import type { ChatContext } from './types'

/**
 * "不对，是9个", "刚才那个改成9", "网点改成9个", "食堂写错了，是2个": a
 * correction of something already answered. It names its field, or else
 * means the last one answered, and never the field being asked now. Read
 * before anything else, so "不对，是9个" is never taken for "不".
 */
export interface Correction {
  /** The field to change; undefined when nothing was answered yet and none is named. */
  field?: Field
  /** Whether the field was named (网点改成9个) rather than implied (不对，是9个). */
  named: boolean
  /** The new figure, or for a step/flag 1 or 0; undefined: just "that was wrong". */
  quantity?: Quantity
  yesNo?: 1 | 0
  /** The figure was given but is a span or unreadable: ask again, never store. */
  unreadable?: boolean
}

/** Words that say an earlier answer was wrong or is being changed. */
const MARKERS = ['不对', '错了', '写错了', '填错了', '打错了', '输错了', '搞错了', '说错了', '弄错了', '改成', '改为', '改作', '改一下', '要改', '更正为', '更正', '其实是', '重新填', '纠正']
/** Words pointing back at the last answer. */
const BACK_REFS = ['刚才那个', '刚才那项', '刚才的', '刚刚那个', '刚刚的', '上一个', '上一项', '上个', '前一个', '前面那个', '那个', '刚才', '刚刚', '把']
const FILLERS = /^[，,。.、：:\s]*(?:是|为|成|填|写|应该|应该是)?[，,。.、：:\s]*/

const byLength = (a: string, b: string) => b.length - a.length

function hasMarker(t: string): boolean {
  return MARKERS.some((m) => t.includes(m)) || /不是.+是/.test(t)
}

/** The field answered most recently that still holds an answer: from the undo stack, newest first. */
export function lastAnswered(ctx: ChatContext, state: ChatState): Field | undefined {
  const fields = askableFields(ctx.indicator)
  for (let i = state.undo.length - 1; i >= 0; i--) {
    const keys = Object.keys(state.undo[i].values ?? {})
    if (keys.length !== 1) continue
    const f = fields.find((x) => x.key === keys[0])
    if (f && state.values[f.key] !== undefined) return f
  }
  return undefined
}

/** Reads a correction; null when the message is not one. */
export function readCorrection(ctx: ChatContext, state: ChatState, text: string): Correction | null {
  const t = normalize(text)
  if (!hasMarker(t)) return null
  const hits = findTerms(t, askableFields(ctx.indicator))
  const namedField = hits[0]?.fields[0]
  const field = namedField ?? lastAnswered(ctx, state)
  // Drop the name, the markers and the back-references: what is left is the new answer.
  let rest = t
  for (const h of [...hits].reverse()) rest = rest.slice(0, h.start) + '，' + rest.slice(h.end)
  rest = rest.replace(/不是(.+?)是/, '，是')
  for (const w of [...MARKERS, ...BACK_REFS].sort(byLength)) rest = rest.split(w).join('，')
  rest = rest.replace(/^[，,。.、：:\s]+|[，,。.、：:\s]+$/g, '').replace(FILLERS, '').replace(/[，,。.、：:\s]+$/, '')
  const out: Correction = { named: namedField !== undefined, ...(field ? { field } : {}) }
  if (!rest) return out
  if (field && (field.kind === 'step' || field.kind === 'flag')) {
    const yn = readYesNo(rest)
    return yn.ok ? { ...out, yesNo: yn.value } : { ...out, unreadable: true }
  }
  const whole = parseQuantity(rest)
  if (whole && 'value' in whole) return { ...out, quantity: whole }
  if (whole) return { ...out, unreadable: true }
  // "8个改成9个" leaves two figures: the new one is said last.
  const found = extractQuantities(rest)
  if (found.length) {
    const { start: _s, end: _e, text: _t, ...q } = found[found.length - 1]
    return { ...out, quantity: q }
  }
  return { ...out, unreadable: true }
}
