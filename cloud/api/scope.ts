import { isWithin } from '../../src/core/org'
import { isReviewer } from '../../src/core/person'
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
 * Reviewing: units strictly beneath the reviewer's own (nobody approves
 * their own unit's figures), except the bureau, which has no one above it.
 */
export function canReview(caller: Caller, unitPath: string): boolean {
  if (!isReviewer(caller.person.role)) return false
  if (caller.person.role === 'admin') return canRead(caller, unitPath)
  return unitPath !== caller.unit.path && canRead(caller, unitPath)
}

export function assertRead(caller: Caller, unitPath: string): void {
  if (!canRead(caller, unitPath)) throw new ApiError('FORBIDDEN', '只能查看本辖区的数据')
}
