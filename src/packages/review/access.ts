import { isReviewer } from '../../core/person'
import { mayReviewReport, type ReviewChain } from '../../core/reviewChain'
import type { MeData } from '../../services/api'

/**
 * Who may approve or return a report: core's rule for the indicator's review
 * chain (src/core/reviewChain.ts), as the server's canReview. The server
 * decides again; this only hides buttons it would refuse.
 */
export function mayReview(me: MeData | null, unitPath: string, chain?: ReviewChain): boolean {
  return me !== null && mayReviewReport({ role: me.person.role, unitPath: me.unit.path }, unitPath, chain)
}

/** Who may open the 自查表 export: reviewers and the admin. */
export function mayExport(me: MeData | null): boolean {
  return me !== null && isReviewer(me.person.role)
}
