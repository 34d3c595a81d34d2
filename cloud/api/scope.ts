import { isWithin } from '../../src/core/org'
import { isReviewer } from '../../src/core/person'
import { mayReviewReport, type Reviewer, type ReviewChain } from '../../src/core/reviewChain'
import type { ApiContext, Caller } from './context'
import { ApiError } from '../../src/core/errors'

export function requireCaller(ctx: ApiContext): Caller {
  if (!ctx.caller) throw new ApiError('UNAUTHENTICATED')
  return ctx.caller
}

export function requireAdmin(ctx: ApiContext): Caller {
  const caller = requireCaller(ctx)
  if (caller.person.role !== 'admin') throw new ApiError('FORBIDDEN', '只有区民政局管理员可以操作')
  return caller
}

export function requireReviewer(ctx: ApiContext): Caller {
  const caller = requireCaller(ctx)
  if (!isReviewer(caller.person.role)) throw new ApiError('FORBIDDEN', '只有审核人员可以操作')
  return caller
}

/** Reading: a caller sees their own unit and everything beneath it. */
export function canRead(caller: Caller, unitPath: string): boolean {
  return isWithin(unitPath, caller.unit.path)
}

/**
 * Reviewing single reports (and opening late periods) of a unit: the one
 * rule in src/core/reviewChain.ts, for the indicator's chain (absent: any
 * reviewer strictly above; the bureau everywhere in its district).
 */
export function canReview(caller: Caller, unitPath: string, chain?: ReviewChain): boolean {
  return mayReviewReport(reviewerOf(caller), unitPath, chain)
}

export const reviewerOf = (caller: Caller): Reviewer => ({ role: caller.person.role, unitPath: caller.unit.path })

export function assertRead(caller: Caller, unitPath: string): void {
  if (!canRead(caller, unitPath)) throw new ApiError('FORBIDDEN', '只能查看本辖区的数据')
}
