import type { Evidence, Report, ReportDraft, ReportDraftInput, ReportStatus } from './schema/report'

export type { Evidence, Report, ReportDraft, ReportDraftInput, ReportStatus }

export const REPORT_STATUSES = ['submitted', 'approved', 'returned'] as const

export const REPORT_STATUS_LABEL: Record<ReportStatus, string> = {
  submitted: '待审核',
  approved: '已通过',
  returned: '被退回'
}

export const MAX_NARRATIVE = 2000
export const MAX_EVIDENCE = 9

/** One report per indicator, unit and period: its id says which. */
export function reportId(indicatorCode: string, orgUnitId: string, period: string): string {
  return `${indicatorCode}~${orgUnitId}~${period}`
}
