import * as z from 'zod/mini'
import { ROLES } from '../person'
import { ID_PATTERN } from '../patterns'
import { matching, text } from './builders'

export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

export const PersonSchema = z.object({
  id: matching(ID_PATTERN),
  name: text(10, 1),
  role: RoleSchema,
  orgUnitId: z.string(),
  /** Set when the bureau deactivated the person: they cannot sign in or call anything; their reports stay. */
  deactivatedAt: z.optional(z.string())
})
export type Person = z.infer<typeof PersonSchema>
