import { chinaDate } from '../../core/clock'
import type { Field } from '../../core/field'
import { formatValue, plainNumber } from '../../core/fieldFormat'
import type { Verdict } from '../../core/target'
import type { HistoryData } from '../../services/api'

/** Words of the review pages, one place. */

export type ReviewStatus = 'submitted' | 'returned' | 'approved'
export type HistoryEntry = HistoryData['entries'][number]

export const STATUS_LABEL: Record<ReviewStatus, string> = { submitted: '待审核', returned: '已退回', approved: '已通过' }

export const ACTION_LABEL: Record<HistoryEntry['action'], string> = {
  submit: '提交',
  edit: '修改',
  approve: '通过',
  return: '退回',
  reopen: '重新打开',
  backfill: '表格补录'
}

export const VERDICT_LABEL: Record<Verdict, string> = { met: '达到', partial: '部分达到', unmet: '未达到' }

/**
 * A stored ISO time as read in China: "1月2日 10:05", with the year when it
 * is not the year of `today` (YYYY-MM-DD).
 */
export function timeLabel(iso: string, today: string): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return iso
  const day = chinaDate(t)
  const china = new Date(t.getTime() + 8 * 60 * 60 * 1000)
  const hm = `${String(china.getUTCHours()).padStart(2, '0')}:${String(china.getUTCMinutes()).padStart(2, '0')}`
  const md = `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
  return `${day.slice(0, 4) === today.slice(0, 4) ? '' : `${day.slice(0, 4)}年`}${md} ${hm}`
}

/** One value in a change line: "5000", "50%", "是"; the unit is left out. */
function bare(field: Field | undefined, value: number): string {
  if (!field || field.kind === 'count' || field.kind === 'amount') return plainNumber(value)
  return formatValue(field, value)
}

/** "培训护理人员 5000→500"; a first value reads "培训护理人员 300". */
export function changeText(change: HistoryEntry['changes'][number], field: Field | undefined): string {
  const label = field?.label ?? change.field
  if (change.from === null) return `${label} ${change.to === null ? '空' : bare(field, change.to)}`
  return `${label} ${bare(field, change.from)}→${change.to === null ? '空' : bare(field, change.to)}`
}
