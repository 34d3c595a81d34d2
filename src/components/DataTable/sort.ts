/** What a column sorts by: numbers before text, empty values last either way. */
export type SortValue = string | number | null | undefined

export type SortDir = 'asc' | 'desc'

export interface SortState {
  key: string
  dir: SortDir
}

function compare(a: SortValue, b: SortValue): number {
  const ea = a === null || a === undefined || a === ''
  const eb = b === null || b === undefined || b === ''
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'zh-Hans-CN', { numeric: true })
}

/**
 * Rows sorted by one column, stable (ties keep the given order), with empty
 * values last in both directions: "未填报" never tops a descending list.
 */
export function sortRows<R>(rows: readonly R[], value: (row: R) => SortValue, dir: SortDir): R[] {
  const sign = dir === 'asc' ? 1 : -1
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      const ex = x.v === null || x.v === undefined || x.v === ''
      const ey = y.v === null || y.v === undefined || y.v === ''
      if (ex || ey) return ex === ey ? x.i - y.i : ex ? 1 : -1
      return sign * compare(x.v, y.v) || x.i - y.i
    })
    .map((x) => x.row)
}

/** The next sort after a header tap: a new column ascending, the same column flipped. */
export function nextSort(current: SortState | null, key: string): SortState {
  return current && current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }
}
