import type { FieldKind } from '../field'
import type { Accumulation } from '../indicator'
import type { OrgLevel } from '../org'
import type { PeriodType } from '../period'

/** The designer's words for each choice, one place. */
export const FIELD_KIND_LABEL: Record<FieldKind, string> = {
  count: '整数',
  amount: '数值（可有小数）',
  fraction: '进度（百分比）',
  step: '完成的步骤（是/否＋日期）',
  flag: '是/否'
}

export const PERIOD_LABEL: Record<PeriodType, string> = { month: '每月', quarter: '每季度', year: '每年' }

export const ACCUMULATION_LABEL: Record<Accumulation, string> = {
  per_period: '每期填本期发生数，全年相加',
  cumulative: '每期填累计数或现有数，全年取最新'
}

export const REPORT_LEVEL_LABEL: Record<OrgLevel, string> = { district: '区民政局', street: '街道', community: '社区', grid: '网格' }
