import { MAX_NARRATIVE } from '../../report'
import { fail, ok, type Parsed } from './parsed'

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
  if (t.length < 2 || !/[\u4e00-\u9fff]/.test(t)) return fail('请用几个字说明原因，如“本月集中开展培训”')
  if (t.length > MAX_REASON) return fail(`原因请写在${MAX_REASON}字以内`)
  return ok(t)
}
