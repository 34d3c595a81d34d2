import * as z from 'zod/mini'
import { ID_PATTERN, matching, text } from './schema'
import type { OrgLevel } from './org'

/**
 * Roles, each tied to one org unit: a grid worker reports for their grid,
 * reviewers read and review their community or street, the bureau admin
 * (at the district) defines indicators and sees everything.
 */
export const ROLES = ['grid_worker', 'community_reviewer', 'street_reviewer', 'admin'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

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

export const PersonSchema = z.object({
  id: matching(ID_PATTERN),
  name: text(10, 1),
  role: RoleSchema,
  orgUnitId: z.string()
})
export type Person = z.infer<typeof PersonSchema>

export function isReviewer(role: Role): boolean {
  return role === 'community_reviewer' || role === 'street_reviewer' || role === 'admin'
}
