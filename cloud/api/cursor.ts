import type { ReportCursor, StoredReport } from '../store/types'

/**
 * A page cursor over reports: `<updatedAt>|<id>` of the last row seen.
 * Rows sharing a timestamp at a page edge stay apart by id, so paging never
 * skips or repeats one. A bare `<updatedAt>` (the cursor before issue 13)
 * still reads as "older than this".
 */
export const CURSOR_PATTERN = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z(\|[^|]{1,120})?$/

export function reportCursor(r: Pick<StoredReport, 'updatedAt' | 'id'>): string {
  return `${r.updatedAt}|${r.id}`
}

export function parseCursor(cursor: string): ReportCursor {
  const bar = cursor.indexOf('|')
  return bar < 0 ? { updatedAt: cursor } : { updatedAt: cursor.slice(0, bar), id: cursor.slice(bar + 1) }
}
