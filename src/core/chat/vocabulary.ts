import { normalize } from './answers/parsed'

/**
 * The one vocabulary of yes and no. Every confirmation (the summary card,
 * the quick check-in card, "本期新增是0吗？") and every yes/no step reads a
 * whole message against these lists and nothing else, so a word that
 * submits on one card submits on all of them.
 */
export const YES_WORDS: readonly string[] = ['好', '好的', '确定', '确认', '可以', '行', '对', '是', '是的', '没问题', 'ok', '提交', '提交吧']
export const NO_WORDS: readonly string[] = ['不', '不用', '不要', '取消', '算了', '先不交']

/**
 * Longer ways of saying the same, read as the list word they contain. Kept
 * here so the lists above stay the reference a reviewer checks.
 */
const YES_VARIANTS: readonly string[] = ['好吧', '好啊', '对的', '确认提交', '确定提交', '可以的', '行的', '没问题的', '没错', '无误', '好的提交', 'ok了', 'okay', 'yes', '是啊', '对啊', '交吧']
const NO_VARIANTS: readonly string[] = ['不了', '不用了', '不要了', '先不', '先不了', '先不提交', '不提交', '不交', '算了吧', '取消吧', 'no', '否']

/** 好啊, 行吧: a trailing particle changes nothing. */
function withoutParticle(t: string): string {
  const stripped = t.replace(/[吧啊呀哈嘛]+$/, '')
  return stripped === '' ? t : stripped
}

/** 'yes' or 'no' when the whole message is one of the words; null for anything else. */
export function readConfirm(text: string): 'yes' | 'no' | null {
  const t = normalize(text).toLowerCase()
  if (YES_WORDS.includes(t) || YES_VARIANTS.includes(t)) return 'yes'
  if (NO_WORDS.includes(t) || NO_VARIANTS.includes(t)) return 'no'
  const stripped = withoutParticle(t)
  if (YES_WORDS.includes(stripped)) return 'yes'
  if (NO_WORDS.includes(stripped)) return 'no'
  return null
}
