import { View, Text } from '@tarojs/components'
import ProgressBar from '../ProgressBar'
import { useState } from 'react'
import { formatRate } from '../../core/completion'
import type { Indicator } from '../../core/indicator'
import { rateCell } from '../../core/table/rateCell'
import { coverageText } from '../../core/table/coverage'
import type { ProgressData } from '../../services/api'
import BarChart, { type BarItem } from '../BarChart'
import TargetLine from '../TargetLine'
import './index.scss'

export type ProgressRow = ProgressData['indicators'][number]

export interface IndicatorCardProps {
  row: ProgressRow
  /** The definition from the catalog: units and scales for the targets. */
  indicator?: Indicator
  /** This indicator's rate in each child unit, for the 各下级对比 chart. */
  bars?: BarItem[]
}

/** The unit's own 自报 rate, when it reads differently from the computed one. */
function declaredNote(row: ProgressRow): string | null {
  if (row.declaredRate === null) return null
  try {
    const cell = rateCell(row.completion.rate, row.declaredRate)
    return cell.differs ? `自报 ${cell.declared}` : null
  } catch {
    return null
  }
}

/** One indicator for the chosen unit and period: rate, bar, targets, who reported. */
export default function IndicatorCard({ row, indicator, bars = [] }: IndicatorCardProps) {
  const [chart, setChart] = useState(false)
  const c = row.completion
  const declared = declaredNote(row)
  return (
    <View className="gb-indicator">
      <View className="gb-indicator__title">
        {row.seq}. {row.title}
      </View>
      {row.period === null ? (
        <View className="gb-indicator__note">这一项不按这个期次统计，请换成全年或按月看</View>
      ) : (
        <View>
          <View className="gb-indicator__rate-row">
            {c.rate !== null ? (
              <View>
                <Text className="gb-indicator__rate-label">完成率 </Text>
                <Text className="gb-indicator__rate">{formatRate(c.rate)}</Text>
                <Text className="gb-indicator__pct">%</Text>
              </View>
            ) : (
              <View>
                <Text className="gb-indicator__rate gb-indicator__rate--unknown">未填报</Text>
                {c.rateOfKnown !== null ? <Text className="gb-indicator__partial">已填部分 {formatRate(c.rateOfKnown)}%</Text> : null}
              </View>
            )}
            {declared ? <Text className="gb-indicator__declared">{declared}</Text> : null}
          </View>
          {c.rate !== null ? <ProgressBar percent={Math.round(c.rate * 1000) / 10} /> : null}
          <View className="gb-indicator__count">
            {row.expected > 0
              ? `已报 ${row.received}/${row.expected} 份 · 按时 ${row.onTime} · ${coverageText({ reported: row.unitsReported, expected: row.unitsExpected, level: row.reportLevel, returned: row.returned })}`
              : '还没到填报时间'}
          </View>
          {c.targets.map((t) => (
            <TargetLine key={t.targetId} target={t} indicator={indicator} />
          ))}
        </View>
      )}
      {bars.length > 0 ? (
        <View>
          <View className="gb-indicator__toggle" role="button" onClick={() => setChart(!chart)}>
            {chart ? '收起各下级对比' : `看各下级对比（${bars.length}）`}
          </View>
          {chart ? <BarChart items={bars} /> : null}
        </View>
      ) : null}
    </View>
  )
}
