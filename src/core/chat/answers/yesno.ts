import { quote } from '../format'
import { readConfirm } from '../vocabulary'
import { fail, normalize, ok, type Parsed } from './parsed'

/**
 * Beyond the shared yes/no vocabulary (../vocabulary.ts), the words a step
 * or a flag is answered with: 做了, 已完成, 没做, 未覆盖 ….
 */
const DONE = new Set(['有', '嗯', '做了', '已', '已经', '完成', '完成了', '已完成', '已经完成', '已经完成了', '搞定', '搞定了', '好了', '办好了', '弄好了', '覆盖', '已覆盖', '1', 'y'])
const NOT_DONE = new Set(['否', '不是', '没有', '没', '无', '未', '未完成', '还没', '还没有', '没完成', '没做', '未覆盖', '0', 'n'])
const NO_PREFIX = ['还没', '没', '未', '不', '否']
const YES_PREFIX = ['已经', '已', '是', '完成', '有']

/** 是 / 否 for steps and flags: 1 or 0, as the field stores them. */
export function readYesNo(text: string): Parsed<1 | 0> {
  const t = normalize(text).toLowerCase()
  const word = readConfirm(t)
  if (word === 'yes' || DONE.has(t)) return ok(1)
  if (word === 'no' || NOT_DONE.has(t)) return ok(0)
  // Negations first: "未完成" starts with 未, "没有完成" with 没.
  if (NO_PREFIX.some((p) => t.startsWith(p))) return ok(0)
  if (YES_PREFIX.some((p) => t.startsWith(p))) return ok(1)
  return fail(`没看懂${quote(text)}，请回答“是”或“否”`)
}
