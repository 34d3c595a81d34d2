import { isReviewer } from '../../core/person'
import type { MeData } from '../../services/api'

/**
 * Who may review a report: reviewers, for units strictly below their own;
 * the admin for the whole district, its own unit included (as the server's
 * canReview). The server decides again; this only hides buttons it would
 * refuse.
 */
export function mayReview(me: MeData | null, unitPath: string): boolean {
  if (!me || !isReviewer(me.person.role)) return false
  if (!unitPath.startsWith(me.unit.path)) return false
  return me.person.role === 'admin' || unitPath !== me.unit.path
}

/** Who may open the 自查表 export: reviewers and the admin. */
export function mayExport(me: MeData | null): boolean {
  return me !== null && isReviewer(me.person.role)
}
