import { fireEvent, render, screen } from '@testing-library/react'
import DataTable, { sortRows, type DataColumn } from '../../src/components/DataTable'

interface Row {
  id: string
  name: string
  rate: number | null
}

const ROWS: Row[] = Array.from({ length: 25 }, (_, i) => ({ id: `u${i}`, name: `第${i + 1}网格`, rate: i % 5 === 0 ? null : (i * 7) % 23 }))

const COLUMNS: DataColumn<Row>[] = [
  { key: 'name', title: '单位', sortValue: (r) => r.name },
  { key: 'rate', title: '完成率', sortValue: (r) => r.rate, render: (r) => (r.rate === null ? '未填报' : `${r.rate}%`), align: 'right' }
]

const bodyNames = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('[role="cell"]')!.textContent)

test('sortRows: stable, numbers numerically, empty values last both ways', () => {
  const rows = [{ v: 10 }, { v: null }, { v: 2 }, { v: 10 }, { v: 33 }]
  expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([2, 10, 10, 33, null])
  expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([33, 10, 10, 2, null])
  expect(sortRows(rows, (r) => r.v, 'desc')[1]).toBe(rows[0])
  expect(sortRows([{ v: '第10网格' }, { v: '第2网格' }], (r) => r.v, 'asc').map((r) => r.v)).toEqual(['第2网格', '第10网格'])
})

test('client mode: table roles, 20 rows a page, header tap sorts and says so, pager moves', () => {
  render(<DataTable caption="各网格完成率" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} />)
  expect(screen.getByRole('table', { name: '各网格完成率' })).toBeTruthy()
  expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['单位↕', '完成率↕'])
  expect(bodyNames()).toHaveLength(20)
  expect(screen.getByText('第1/2页（共25条）')).toBeTruthy()
  fireEvent.click(screen.getByText('下一页'))
  expect(bodyNames()).toHaveLength(5)
  // Sorting goes back to page 1.
  fireEvent.click(screen.getByText('完成率'))
  expect(screen.getAllByRole('columnheader')[1].getAttribute('aria-sort')).toBe('ascending')
  expect(screen.getByText('第1/2页（共25条）')).toBeTruthy()
  const firstRates = screen.getAllByRole('row').slice(1, 4).map((r) => r.querySelectorAll('[role="cell"]')[1].textContent)
  expect(firstRates).toEqual(['0%', '3%', '4%'])
  fireEvent.click(screen.getByText('完成率'))
  expect(screen.getAllByRole('columnheader')[1].getAttribute('aria-sort')).toBe('descending')
  fireEvent.click(screen.getByText('下一页'))
  // Descending keeps 未填报 last.
  const lastRates = screen.getAllByRole('row').slice(1).map((r) => r.querySelectorAll('[role="cell"]')[1].textContent)
  expect(lastRates.slice(-5)).toEqual(['未填报', '未填报', '未填报', '未填报', '未填报'])
})

test('cursor mode: every loaded row shows, 加载更多 asks for the next page while there is one', () => {
  const more = jest.fn()
  const { rerender } = render(<DataTable caption="报表" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} onLoadMore={more} hasMore />)
  expect(bodyNames()).toHaveLength(25)
  fireEvent.click(screen.getByText('加载更多'))
  expect(more).toHaveBeenCalledTimes(1)
  rerender(<DataTable caption="报表" columns={COLUMNS} rows={ROWS} rowKey={(r) => r.id} onLoadMore={more} hasMore={false} />)
  expect(screen.queryByText('加载更多')).toBeNull()
})

test('onSort hands sorting to the caller; rows stay as given', () => {
  const onSort = jest.fn()
  render(<DataTable caption="报表" columns={COLUMNS} rows={ROWS.slice(0, 3)} rowKey={(r) => r.id} onSort={onSort} onLoadMore={() => undefined} />)
  fireEvent.click(screen.getByText('单位'))
  fireEvent.click(screen.getByText('单位'))
  expect(onSort.mock.calls).toEqual([[{ key: 'name', dir: 'asc' }], [{ key: 'name', dir: 'desc' }]])
  expect(bodyNames()).toEqual(['第1网格', '第2网格', '第3网格'])
  expect(screen.queryByText('没有数据')).toBeNull()
})
