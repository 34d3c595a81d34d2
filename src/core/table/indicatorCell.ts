import type { Indicator } from '../indicator'

/** The 指标内容及指标值 cell of the 自查表: "养老床位：每千名老人50张以上". One place, for the table and the plan designer's preview. */
export function indicatorCellText(ind: Pick<Indicator, 'title' | 'description'>): string {
  return ind.description ? `${ind.title}：${ind.description}` : ind.title
}
