import { View } from '@tarojs/components'
import { useMemo, useState, type ReactNode } from 'react'
import { nextSort, sortRows, type SortState, type SortValue } from './sort'
import './index.scss'

export type { SortState, SortValue, SortDir } from './sort'
export { sortRows, nextSort } from './sort'

export interface DataColumn<R> {
  key: string
  title: string
  /** The cell; defaults to the sort value as text. */
  render?: (row: R) => ReactNode
  /** Present: the column sorts (by this value). */
  sortValue?: (row: R) => SortValue
  align?: 'left' | 'right'
  /** CSS width at desk size, e.g. '120PX' or '20%'. */
  width?: string
}

export interface DataTableProps<R> {
  columns: DataColumn<R>[]
  rows: readonly R[]
  rowKey: (row: R) => string
  /** The table's accessible name (and visible caption). */
  caption: string
  /** Client paging: rows per page (default 20). Ignored in cursor mode. */
  pageSize?: number
  initialSort?: SortState
  /**
   * Cursor mode (server paging): the rows given are all loaded so far, and
   * 加载更多 calls this while `hasMore`. Sorting then orders the loaded rows
   * unless `onSort` is given, which hands sorting to the server.
   */
  onLoadMore?: () => void
  hasMore?: boolean
  loadingMore?: boolean
  onSort?: (sort: SortState) => void
  onRowClick?: (row: R) => void
  /** Shown instead of rows when there are none. */
  empty?: string
}

/**
 * A small table: header taps sort, client paging for given rows or a cursor
 * 加载更多 for server paging. Views with ARIA table roles, so it is a real
 * table to a screen reader in H5 and plain views in the mini-program.
 */
export default function DataTable<R>(props: DataTableProps<R>) {
  const { columns, rows, rowKey, caption, pageSize = 20, onLoadMore, hasMore, loadingMore, onSort, onRowClick, empty = '没有数据' } = props
  const [sort, setSort] = useState<SortState | null>(props.initialSort ?? null)
  const [page, setPage] = useState(0)
  const cursor = onLoadMore !== undefined

  const sorted = useMemo(() => {
    const col = sort && !onSort ? columns.find((c) => c.key === sort.key) : undefined
    return col?.sortValue ? sortRows(rows, col.sortValue, sort!.dir) : [...rows]
  }, [rows, sort, columns, onSort])

  const pages = cursor ? 1 : Math.max(1, Math.ceil(sorted.length / pageSize))
  const current = Math.min(page, pages - 1)
  const shown = cursor ? sorted : sorted.slice(current * pageSize, (current + 1) * pageSize)

  const tapHeader = (key: string) => {
    const next = nextSort(sort, key)
    setSort(next)
    setPage(0)
    onSort?.(next)
  }

  const cellClass = (c: DataColumn<R>) => (c.align === 'right' ? 'gb-table__cell gb-table__cell--right' : 'gb-table__cell')
  const text = (c: DataColumn<R>, r: R): ReactNode => (c.render ? c.render(r) : String(c.sortValue?.(r) ?? ''))

  return (
    <View className="gb-table">
      <View className="gb-table__caption" aria-hidden="true">
        {caption}
      </View>
      <View className="gb-table__scroll">
        <View className="gb-table__grid" role="table" aria-label={caption} aria-rowcount={cursor ? -1 : sorted.length + 1}>
          <View role="rowgroup">
            <View role="row" className="gb-table__row gb-table__row--head">
              {columns.map((c) => {
                const on = sort?.key === c.key
                return (
                  <View
                    key={c.key}
                    role="columnheader"
                    className={cellClass(c) + ' gb-table__cell--head'}
                    style={c.width ? { width: c.width, flex: `0 0 ${c.width}` } : undefined}
                    aria-sort={on ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : c.sortValue ? 'none' : undefined}
                  >
                    {c.sortValue ? (
                      <View role="button" className="gb-table__sort" onClick={() => tapHeader(c.key)}>
                        {c.title}
                        <View className="gb-table__arrow" aria-hidden="true">
                          {on ? (sort!.dir === 'asc' ? '▲' : '▼') : '↕'}
                        </View>
                      </View>
                    ) : (
                      c.title
                    )}
                  </View>
                )
              })}
            </View>
          </View>
          <View role="rowgroup">
            {shown.map((r) => (
              <View
                key={rowKey(r)}
                role="row"
                className={onRowClick ? 'gb-table__row gb-table__row--link' : 'gb-table__row'}
                onClick={onRowClick ? () => onRowClick(r) : undefined}
              >
                {columns.map((c) => (
                  <View key={c.key} role="cell" className={cellClass(c)} style={c.width ? { width: c.width, flex: `0 0 ${c.width}` } : undefined}>
                    {text(c, r)}
                  </View>
                ))}
              </View>
            ))}
          </View>
        </View>
      </View>
      {shown.length === 0 ? <View className="gb-table__empty">{empty}</View> : null}
      {cursor ? (
        hasMore ? (
          <View className="gb-table__more" role="button" aria-disabled={loadingMore ? 'true' : undefined} onClick={() => !loadingMore && onLoadMore!()}>
            {loadingMore ? '正在加载…' : '加载更多'}
          </View>
        ) : null
      ) : pages > 1 ? (
        <View className="gb-table__pager" role="navigation" aria-label={`${caption}分页`}>
          <View role="button" className="gb-table__page" aria-disabled={current === 0 ? 'true' : undefined} onClick={() => current > 0 && setPage(current - 1)}>
            上一页
          </View>
          <View className="gb-table__page-no" aria-live="polite">
            第{current + 1}/{pages}页（共{sorted.length}条）
          </View>
          <View role="button" className="gb-table__page" aria-disabled={current >= pages - 1 ? 'true' : undefined} onClick={() => current < pages - 1 && setPage(current + 1)}>
            下一页
          </View>
        </View>
      ) : null}
    </View>
  )
}
