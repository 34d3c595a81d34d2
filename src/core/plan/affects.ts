/**
 * What publishing a plan year changes, as the server's dry run counts it
 * (plan.publish with dryRun), and the sentences the designer shows before
 * the admin confirms: "会重新计算 2020 年的 3 项汇总".
 */
export interface PlanEffects {
  year: number
  added: string[]
  /** Items whose text, targets, schedule or fields differ from the stored ones. */
  changed: string[]
  retired: string[]
  /** Items whose roll-ups are rebuilt (fields, accumulation, report level or period type changed), with their unit-years in the projection. */
  rebuilds: { code: string; unitYears: number }[]
  /** Items whose targets changed: completion and the 自查表 read the new ones. */
  retargeted: string[]
}

export function effectLines(e: PlanEffects): string[] {
  const lines: string[] = []
  if (e.added.length) lines.push(`新增 ${e.added.length} 项指标`)
  if (e.changed.length) lines.push(`修改 ${e.changed.length} 项指标`)
  if (e.retired.length) lines.push(`停用 ${e.retired.length} 项指标`)
  if (e.rebuilds.length) {
    const units = e.rebuilds.reduce((a, r) => a + r.unitYears, 0)
    lines.push(`会重新计算 ${e.year} 年的 ${e.rebuilds.length} 项汇总${units ? `（${units} 个单位已报的数据）` : ''}`)
  }
  if (e.retargeted.length) lines.push(`${e.year} 年有 ${e.retargeted.length} 项指标的目标变了，完成率和自查表按新目标计算`)
  if (lines.length === 0) lines.push('没有改动')
  return lines
}
