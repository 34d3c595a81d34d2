import type { OrgLevel } from './org'
import type { Person, Role } from './schema/person'

export type { Person, Role }

/**
 * Roles, each tied to one org unit: a grid worker reports for their grid,
 * reviewers read and review their community or street, the bureau admin
 * (at the district) defines indicators and sees everything.
 */
export const ROLES = ['grid_worker', 'community_reviewer', 'street_reviewer', 'admin'] as const

export const ROLE_LABEL: Record<Role, string> = {
  grid_worker: '网格员',
  community_reviewer: '社区审核员',
  street_reviewer: '街道审核员',
  admin: '区民政局管理员'
}

/** The org level each role's unit sits at. */
export const ROLE_LEVEL: Record<Role, OrgLevel> = {
  grid_worker: 'grid',
  community_reviewer: 'community',
  street_reviewer: 'street',
  admin: 'district'
}


export function isReviewer(role: Role): boolean {
  return role === 'community_reviewer' || role === 'street_reviewer' || role === 'admin'
}
