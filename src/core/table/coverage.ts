import { ORG_LEVEL_LABEL, type OrgLevel } from '../org'

/**
 * How complete a figure is: units that reported / units expected to (at
 * the indicator's report level), and reports sent back. Its own file, so
 * the progress page (main package) reads it without the table builder.
 */
export interface Coverage {
  reported: number
  expected: number
  level: OrgLevel
  returned?: number
}

/** "已报 2/136 个社区" (with "，退回待改 1" when some were sent back). */
export function coverageText(c: Coverage): string {
  return `已报 ${c.reported}/${c.expected} 个${ORG_LEVEL_LABEL[c.level]}${c.returned ? `，退回待改 ${c.returned}` : ''}`
}
