import type { Field } from './field'

/** Binary float dust never reaches the screen: 0.1 + 0.2 shows as 0.3. */
export function plainNumber(x: number): string {
  return String(Number(x.toFixed(4)))
}

/**
 * A figure with its unit, as every screen writes it: "2000人次", "50%",
 * "是", "已完成". Its own small module so any page can use it without
 * pulling in the conversation engine.
 */
export function formatValue(field: Field, value: number): string {
  switch (field.kind) {
    case 'fraction':
      return `${plainNumber(value * 100)}%`
    case 'flag':
      return value === 1 ? '是' : '否'
    case 'step':
      return value === 1 ? '已完成' : '未完成'
    default:
      return `${plainNumber(value)}${field.unit}`
  }
}

/** The prefix an estimated figure carries everywhere it is shown: "约1200人次". */
export const APPROX_MARK = '约'

/** formatValue, with 约 in front when the figure was said as an estimate. */
export function formatFigure(field: Field, value: number, approx: boolean): string {
  const text = formatValue(field, value)
  return approx && (field.kind === 'count' || field.kind === 'amount' || field.kind === 'fraction') ? `${APPROX_MARK}${text}` : text
}
