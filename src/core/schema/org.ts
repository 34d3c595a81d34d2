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
  path: z.string().check(z.regex(/^(\/[a-z0-9-]+)+\/$/)),
  /** Set when the unit was retired (or merged away): it keeps its reports and history, and takes no new work. */
  retiredAt: z.optional(z.string()),
  /** The unit a merged unit was merged into. */
  mergedInto: z.optional(z.string()),
  /** Population figures rates may use (keys of POPULATION_FIELDS in core/org.ts). */
  population: z.optional(z.record(z.string(), z.number()))
})
export type OrgUnit = z.infer<typeof OrgUnitSchema>
