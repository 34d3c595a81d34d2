import type { TextChecker, TextVerdict } from '../../api/context'

/** What `cloud.openapi.security.msgSecCheck` v2 resolves (cloud calls use camel-case errCode/errMsg). */
export interface MsgSecCheckResult {
  errCode?: number
  errMsg?: string
  result?: { suggest?: string; label?: number }
}

export interface SecurityOpenApi {
  security: {
    msgSecCheck(request: { openid: string; scene: number; version: 2; content: string }): Promise<MsgSecCheckResult>
  }
}

export interface CheckLog {
  error(msg: string, err: unknown): void
}

/** Scene 2 (评论): narratives, reasons and review comments are remarks on a report. */
export const SCENE_COMMENT = 2
/** v2 checks at most 2500 characters per call. */
export const MAX_CHARS = 2500
/** v1's "risky content" code, should a call still answer with it. */
const RISKY_CODE = 87014

const RANK: Record<TextVerdict, number> = { pass: 0, review: 1, risky: 2 }
const worst = (a: TextVerdict, b: TextVerdict): TextVerdict => (RANK[a] >= RANK[b] ? a : b)

/** v2 answers errCode 0 even for risky text: the verdict is `result.suggest`. */
function verdictOf(res: MsgSecCheckResult): TextVerdict {
  if (res.errCode !== undefined && res.errCode !== 0) return res.errCode === RISKY_CODE ? 'risky' : 'review'
  const suggest = res.result?.suggest
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'review'
}

function pieces(text: string): string[] {
  const chars = Array.from(text)
  const out: string[] = []
  for (let i = 0; i < chars.length; i += MAX_CHARS) out.push(chars.slice(i, i + MAX_CHARS).join(''))
  return out
}

/**
 * The cloud function's TextChecker: WeChat's content check, version 2.
 *
 * When the check itself fails (quota, system busy, a missing permission in
 * config.json, no openid to check on behalf of) the answer is 'review':
 * fail open to a human, neither closed nor silently 'pass'. Why:
 * - handlers only refuse 'risky'. Refusing on an outage would turn a
 *   WeChat hiccup into REJECTED_TEXT, a permanent rejection the offline
 *   queue stops retrying, telling a grid worker their words are unsafe;
 *   throwing instead would block deadline-bound figures until WeChat recovers;
 * - every report and comment is read by a reviewer before it counts, and the
 *   audience is invited staff only, so unchecked text reaches a human in a
 *   closed group, not the public;
 * - 'review' (not 'pass') keeps the record honest for any later consumer,
 *   and the failure is logged for the operator.
 * Revisit if text is ever shown beyond the reviewing chain.
 */
export function msgSecChecker(openapi: SecurityOpenApi, log: CheckLog, scene = SCENE_COMMENT): TextChecker {
  return {
    async check(text, openid) {
      if (!text.trim()) return 'pass'
      if (!openid) return 'review'
      let verdict: TextVerdict = 'pass'
      for (const content of pieces(text)) {
        try {
          verdict = worst(verdict, verdictOf(await openapi.security.msgSecCheck({ openid, scene, version: 2, content })))
        } catch (e) {
          const code = (e as { errCode?: unknown } | null)?.errCode
          if (code === RISKY_CODE) return 'risky'
          log.error('msgSecCheck failed; passing the text on for human review', e)
          verdict = worst(verdict, 'review')
        }
        if (verdict === 'risky') break
      }
      return verdict
    }
  }
}
