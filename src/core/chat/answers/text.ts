import { MAX_NARRATIVE } from '../../report'
import { readConfirm } from '../vocabulary'
import { fail, normalize, ok, type Parsed } from './parsed'

/** The reason beside a figure is stored with the report, which caps it at 200. */
export const MAX_REASON = 200

/** The 完成情况 of a qualitative target: a few words at least, so a reviewer can judge. */
export function readNarrative(text: string): Parsed<string> {
  const t = text.trim()
  if (t.length < 4) return fail('请多写几句：做了什么、效果怎样')
  if (t.length > MAX_NARRATIVE) return fail(`情况说明最多${MAX_NARRATIVE}字，请精简一些`)
  return ok(t)
}

export function readReason(text: string): Parsed<string> {
  const t = text.trim()
  // A reviewer reads it: a few Chinese words, not "ok" or "111".
  // 好, 对, 没错 agree with the figure but say nothing a reviewer can check.
  const bare = normalize(t).replace(/[，,。.!！\s]/g, '')
  const agreeing = readConfirm(bare) !== null || /^(数)?(没错|没问题|是对的|对的|确实是|就是这样|就是这么多)(的)?$/.test(bare)
  if (t.length < 2 || !/[\u4e00-\u9fff]/.test(t) || agreeing) return fail('请用几个字说明原因，如“本月集中开展培训”')
  if (t.length > MAX_REASON) return fail(`原因请写在${MAX_REASON}字以内`)
  return ok(t)
}
