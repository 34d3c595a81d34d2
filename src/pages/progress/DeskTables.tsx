import { View } from '@tarojs/components'
import DataTable, { type DataColumn } from '../../components/DataTable'
import { formatRate } from '../../core/completion'
import type { OrgUnit } from '../../core/org'
import type { ProgressData } from '../../services/api'

export interface DeskTablesProps {
  data: ProgressData
  onOpen: (unit: OrgUnit) => void
}

type Row = ProgressData['indicators'][number]
type Child = ProgressData['children'][number]

const pct = (rate: number | null) => (rate === null ? '未填报' : `${formatRate(rate)}%`)

const INDICATOR_COLUMNS: DataColumn<Row>[] = [
  { key: 'seq', title: '序号', sortValue: (r) => r.seq, width: '64PX' },
  { key: 'category', title: '类型', sortValue: (r) => r.category },
  { key: 'title', title: '指标', sortValue: (r) => r.title },
  { key: 'rate', title: '完成率', sortValue: (r) => r.completion.rate, render: (r) => pct(r.completion.rate), align: 'right' },
  { key: 'units', title: '已报单位', sortValue: (r) => r.unitsReported, render: (r) => `${r.unitsReported}/${r.unitsExpected}`, align: 'right' },
  { key: 'received', title: '已收/应收', sortValue: (r) => r.received, render: (r) => `${r.received}/${r.expected}`, align: 'right' },
  { key: 'onTime', title: '按时', sortValue: (r) => r.onTime, align: 'right' },
  { key: 'returned', title: '退回', sortValue: (r) => r.returned, align: 'right' }
]

/**
 * 进度 at desk width: the unit's indicators as one sortable table, and the
 * units below with one rate column per indicator (tap a row to drill in).
 */
export default function DeskTables({ data, onOpen }: DeskTablesProps) {
  const childColumns: DataColumn<Child>[] = [
    {
      key: 'name',
      title: '单位',
      sortValue: (c) => c.unit.name,
      render: (c) => (
        <View role="button" className="gb-progress__open" onClick={() => onOpen(c.unit)}>
          {c.unit.name} ›
        </View>
      )
    },
    ...data.indicators.map(
      (ind): DataColumn<Child> => ({
        key: ind.code,
        title: `第${ind.seq}项`,
        sortValue: (c) => c.indicators.find((i) => i.code === ind.code)?.rate ?? null,
        render: (c) => pct(c.indicators.find((i) => i.code === ind.code)?.rate ?? null),
        align: 'right'
      })
    )
  ]
  return (
    <View className="gb-progress__desk">
      <DataTable caption="各项指标完成情况" columns={INDICATOR_COLUMNS} rows={data.indicators} rowKey={(r) => r.code} pageSize={50} initialSort={{ key: 'seq', dir: 'asc' }} empty="这一期没有要统计的指标" />
      {data.children.length ? (
        <DataTable caption={`下级单位（${data.children.length}个），点单位名称看详情`} columns={childColumns} rows={data.children} rowKey={(c) => c.unit.id} pageSize={20} />
      ) : null}
    </View>
  )
}
