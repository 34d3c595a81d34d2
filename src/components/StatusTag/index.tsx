import { Text } from '@tarojs/components'
import './index.scss'

export type ReportState = 'submitted' | 'returned' | 'approved'

/** What a reviewer calls each state of a report. */
export const STATUS_LABEL: Record<ReportState, string> = { submitted: '待审核', returned: '已退回', approved: '已通过' }

/** 待审核 / 已退回 / 已通过 as a small coloured label. */
export default function StatusTag({ status }: { status: ReportState }) {
  return <Text className={`gb-status-tag gb-status-tag--${status}`}>{STATUS_LABEL[status]}</Text>
}
