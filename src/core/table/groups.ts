/** A run of consecutive rows sharing a 类型: one merged cell in the table. */
export interface CategoryGroup {
  category: string
  /** Index of the group's first row in `rows`. */
  start: number
  /** How many rows the merged cell spans (1 means no merge). */
  span: number
}

/**
 * Groups rows (already in 序号 order) into runs of the same category. A
 * category that comes back after another one opens a new group: a merged
 * cell can only span adjacent rows, and reordering the bureau's 序号 to
 * regroup them would change the table it signs.
 */
export function categoryGroups(rows: ReadonlyArray<{ category: string }>): CategoryGroup[] {
  const groups: CategoryGroup[] = []
  rows.forEach((row, i) => {
    const last = groups[groups.length - 1]
    if (last && last.category === row.category) last.span += 1
    else groups.push({ category: row.category, start: i, span: 1 })
  })
  return groups
}
