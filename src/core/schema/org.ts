import * as z from 'zod/mini'
import { ORG_LEVELS } from '../org'
import { ID_PATTERN } from '../patterns'
import { matching, text } from './builders'

export const OrgLevelSchema = z.enum(ORG_LEVELS)
export type OrgLevel = z.infer<typeof OrgLevelSchema>

/**
 * An org unit. `path` is the materialised chain of ids from the root, each
 * wrapped in slashes ("/qk/qk-s01/qk-s01-c01/"), so "everything under X" is
 * a prefix match: one indexed range scan in SQLite, one regexp in CloudBase.
 */
export const OrgUnitSchema = z.object({
  id: matching(ID_PATTERN),
  name: text(40, 1),
  level: OrgLevelSchema,
  parentId: z.nullable(z.string()),
  path: z.string().check(z.regex(/^(\/[a-z0-9-]+)+\/$/))
})
export type OrgUnit = z.infer<typeof OrgUnitSchema>
