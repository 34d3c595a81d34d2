import type { QueueEntry } from './entry'

/** What the worker sees on each queued report. */
export type EntryLabel = '待同步' | '已同步' | '被退回' | '需处理'

/**
 * `serverStatus` is the report's latest status if the page knows it (from
 * `pending` or `reports`); otherwise the status the server gave at sync.
 */
export function entryLabel(entry: QueueEntry, serverStatus?: string): EntryLabel {
  switch (entry.status) {
    case 'pending':
      return '待同步'
    case 'synced':
      return (serverStatus ?? entry.server?.status) === 'returned' ? '被退回' : '已同步'
    case 'rejected':
    case 'conflict':
      return '需处理'
  }
}

/** Why a report needs the worker, and what to do, by error code. */
export const ADVICE: Record<string, string> = {
  BAD_INPUT: '内容有误，请按提示改好后重新提交。',
  FORBIDDEN: '这项不归你填报。请核对单位和指标，有疑问请联系社区。',
  NOT_FOUND: '找不到这项指标，可能已经调整。请重新打开填报后再提交。',
  LOCKED: '这份填报已审核通过，不能再改。如需更正，请联系审核人退回。',
  CLOSED: '这一期已经截止。如需补报，请联系社区。',
  REJECTED_TEXT: '说明文字没有通过安全检查。请修改说明后重新提交。',
  CONFLICT: '别人已经改过这份填报。请对比两个版本，选择保留哪一份。',
  FILE_MISSING: '照片在手机上找不到了。请重新添加照片后再提交，或在“我的”里点“不带附件发送”。',
  UNAUTHENTICATED: '登录已过期，请重新登录，之后会自动发送。',
  NETWORK: '网络不通，联网后会自动发送。',
  RATE_LIMITED: '提交太频繁，稍后会自动发送。',
  INTERNAL: '系统暂时出了问题，稍后会自动发送。'
}

/**
 * One or two short sentences for the assistant: the server's own message
 * (which names the field for BAD_INPUT) followed by what to do.
 */
export function entryAdvice(entry: QueueEntry): string | null {
  if (entry.status === 'synced') return null
  const err = entry.lastError
  if (entry.status === 'pending') return err ? ADVICE[err.code] ?? ADVICE.NETWORK : '等待联网后自动发送。'
  if (!err) return ADVICE.BAD_INPUT
  const advice = ADVICE[err.code] ?? '请核对后重新提交。'
  const detail = err.issues?.length ? err.issues.map((i) => i.message).join('；') : err.message
  return detail && detail !== advice ? `${detail}。${advice}`.replace(/。。/g, '。') : advice
}

export interface QueueCounts {
  pending: number
  synced: number
  /** Rejected or in conflict: the worker has to act. */
  needsAction: number
  /** Everything not on the server yet: 待同步 plus 需处理. */
  unsynced: number
}

export function countEntries(entries: readonly QueueEntry[]): QueueCounts {
  let pending = 0
  let synced = 0
  let needsAction = 0
  for (const e of entries) {
    if (e.status === 'pending') pending++
    else if (e.status === 'synced') synced++
    else needsAction++
  }
  return { pending, synced, needsAction, unsynced: pending + needsAction }
}

/** A line for 我的 and the chat; empty when nothing waits. */
export function queueSummary(counts: QueueCounts): string {
  const parts: string[] = []
  if (counts.pending) parts.push(`${counts.pending} 份待同步`)
  if (counts.needsAction) parts.push(`${counts.needsAction} 份需处理`)
  return parts.join('，')
}

export function quarantineNotice(count: number): string {
  return count ? `手机上有 ${count} 条填报记录损坏，无法发送，已单独保存。请联系管理员。` : ''
}
