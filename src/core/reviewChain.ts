import { isWithin, levelIndex, ORG_LEVELS, type OrgLevel } from './org'
import { isReviewer, ROLE_LEVEL, type Role } from './person'

/**
 * Review level by level (issue 13 point 7).
 *
 * An indicator's review chain is the list of org levels that review it,
 * lowest first, each strictly above the report level and above the one
 * before it: for grid reports `['community', 'street', 'district']`.
 * - The first level approves or returns single reports.
 * - Each level above signs off a child unit's total for the indicator and
 *   period: the street signs off each community, the district each street.
 *   The "child" of a sign-off is the unit at the level just below in the
 *   chain (or the report level below the first).
 * - Every unit a level answers for can instead be marked 未报 with a
 *   reason by that level (a grid that did not report, a community that
 *   never came in): a sign-off above waits for each expected unit to be
 *   approved, signed off, or marked 未报.
 *
 * An indicator without a chain (every plan before issue 13) keeps the old
 * single-level review: any reviewer above the reporting unit approves or
 * returns, and there are no sign-offs.
 */
export type ReviewChain = OrgLevel[]

/** The caller as the review rules see them: role and own unit. */
export interface Reviewer {
  role: Role
  unitPath: string
}

/** Why a chain is not valid for a report level, in Chinese, or null when it is. */
export function chainProblem(chain: ReviewChain, reportLevel: OrgLevel): string | null {
  let below = levelIndex(reportLevel)
  for (const level of chain) {
    if (levelIndex(level) >= below) return '审核层级须从下往上排列，且都高于填报层级'
    below = levelIndex(level)
  }
  return null
}

/** The default chain of a new indicator: every level above the report level, lowest first. */
export function defaultChain(reportLevel: OrgLevel): ReviewChain {
  return ORG_LEVELS.slice(0, levelIndex(reportLevel)).reverse() as OrgLevel[]
}

/**
 * The level whose units a chain level answers for: the report level for the
 * first level, the level before it in the chain for the others; null when
 * `level` is not in the chain.
 */
export function answersFor(chain: ReviewChain, reportLevel: OrgLevel, level: OrgLevel): OrgLevel | null {
  const i = chain.indexOf(level)
  if (i < 0) return null
  return i === 0 ? reportLevel : chain[i - 1]
}

/** The chain level that answers for units of `level` (approves them or signs them off), or null. */
export function answeredBy(chain: ReviewChain, reportLevel: OrgLevel, level: OrgLevel): OrgLevel | null {
  if (level === reportLevel) return chain[0] ?? null
  const i = chain.indexOf(level)
  return i < 0 ? null : chain[i + 1] ?? null
}

/**
 * May this reviewer approve or return single reports of a unit at `unitPath`?
 * - no chain: reviewers for units strictly below their own; the bureau
 *   (admin) for the whole district, its own unit included;
 * - with a chain: the first level's reviewers, for units below their own,
 *   and the bureau (nobody is above it).
 * Both the server (which decides) and the pages (which hide buttons) call this.
 */
export function mayReviewReport(who: Reviewer, unitPath: string, chain: ReviewChain | undefined): boolean {
  if (!isReviewer(who.role) || !isWithin(unitPath, who.unitPath)) return false
  if (who.role === 'admin') return true
  if (unitPath === who.unitPath) return false
  return !chain || chain[0] === ROLE_LEVEL[who.role]
}

/**
 * May this reviewer sign off, return, or mark 未报 the unit at `unitPath`
 * (level `unitLevel`) for an indicator with this chain? Only the chain level
 * that answers for that level, for units below its own unit. Approving
 * single reports is `mayReviewReport`; marking a report-level unit 未报 is
 * the first level's, so it goes through here too.
 */
export function mayAnswerFor(who: Reviewer, unitPath: string, unitLevel: OrgLevel, chain: ReviewChain | undefined, reportLevel: OrgLevel): boolean {
  if (!chain || !isReviewer(who.role) || unitPath === who.unitPath || !isWithin(unitPath, who.unitPath)) return false
  return answeredBy(chain, reportLevel, unitLevel) === ROLE_LEVEL[who.role]
}

export const SIGNOFF_STATUSES = ['signed', 'returned', 'missing'] as const
export type SignOffStatus = (typeof SIGNOFF_STATUSES)[number]

export const SIGNOFF_STATUS_LABEL: Record<SignOffStatus, string> = {
  signed: '已签核',
  returned: '已退回',
  missing: '未报'
}

/**
 * A chain level's word on one unit for one indicator and period:
 * - `signed`: the unit's total is signed off; it locks the unit's reports
 *   and everything below it;
 * - `returned`: a sign-off sent back with a comment to the unit's reviewer;
 * - `missing`: the unit is marked 未报 with a reason (it did not report and
 *   the level above may still sign off).
 * `totals` is the unit's roll-up sums at the moment it was signed.
 */
export interface SignOff {
  indicatorCode: string
  unitId: string
  period: string
  status: SignOffStatus
  /** The reason (missing) or the comment (returned); empty for signed. */
  comment: string
  totals: Record<string, number>
  byId: string
  byName: string
  at: string
  /** 1 on first write; each change adds one (optimistic concurrency). */
  version: number
}

/** What one expected unit below a sign-off stands at. */
export type ChildState = 'approved' | 'signed' | 'missing' | 'waiting'

/**
 * Whether a unit at `level` counts as done for the sign-off above it: a
 * report-level unit when its report is approved, or when it has no report
 * and is marked 未报 (a late report under a 未报 mark waits for review
 * again); a chain-level unit when it is signed off or marked 未报.
 */
export function childState(level: OrgLevel, reportLevel: OrgLevel, reportStatus: string | null, signOff: SignOffStatus | null): ChildState {
  if (level === reportLevel) {
    if (reportStatus === 'approved') return 'approved'
    return reportStatus === null && signOff === 'missing' ? 'missing' : 'waiting'
  }
  if (signOff === 'missing') return 'missing'
  return signOff === 'signed' ? 'signed' : 'waiting'
}

/** A sign-off is possible only when every expected unit below is done. */
export function readyToSign(states: ChildState[]): boolean {
  return states.every((s) => s !== 'waiting')
}

/**
 * Is a unit's report (or sign-off) locked? Yes when any unit on its path
 * strictly above it, or the unit itself for reports, is signed off. Pass the
 * sign-offs of the unit and its ancestors.
 */
export function lockingSignOff(signOffs: SignOff[]): SignOff | null {
  return signOffs.find((s) => s.status === 'signed') ?? null
}
