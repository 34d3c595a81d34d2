import dayjs from 'dayjs'
import * as z from 'zod/mini'
import { isPeriodKey, PERIOD_TYPES } from '../period'
import { wholeBetween } from './builders'

export const PeriodTypeSchema = z.enum(PERIOD_TYPES)
export type PeriodType = z.infer<typeof PeriodTypeSchema>

export const PeriodKeySchema = z
  .string()
  .check(z.refine(isPeriodKey, { message: '期次格式不对' }))

/** Days after a period's last day by which its report is due. */
export const DueRuleSchema = z.object({ daysAfterEnd: wholeBetween(0, 90) })
export type DueRule = z.infer<typeof DueRuleSchema>

/** Dates in reports are plain calendar days. */
export const CalendarDateSchema = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/),
    z.refine((s) => dayjs(s).format('YYYY-MM-DD') === s, { message: '日期不存在' })
  )
