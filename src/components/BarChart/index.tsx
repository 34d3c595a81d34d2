import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { formatRate } from '../../core/completion'
import LoadMore from '../LoadMore'
import './index.scss'

export interface BarItem {
  key: string
  label: string
  /** 0–1 (capped completion); null is unknown and draws no bar. */
  rate: number | null
}

export interface BarChartProps {
  items: BarItem[]
  /** Bars drawn at first and added by each 加载更多. */
  pageSize?: number
}

/** Horizontal bars, one per unit: label, bar, "88.9" or "未填报". Pure CSS. */
export default function BarChart({ items, pageSize = 50 }: BarChartProps) {
  const [shown, setShown] = useState(pageSize)
  return (
    <View className="gb-bar-chart">
      {items.slice(0, shown).map((it) => (
        <View key={it.key} className="gb-bar-chart__row">
          <Text className="gb-bar-chart__label">{it.label}</Text>
          <View className="gb-bar-chart__track">
            {it.rate !== null ? <View className="gb-bar-chart__fill" style={{ width: `${Math.min(100, Math.max(0, it.rate * 100))}%` }} /> : null}
          </View>
          <Text className={it.rate === null ? 'gb-bar-chart__value gb-bar-chart__value--unknown' : 'gb-bar-chart__value'}>
            {it.rate === null ? '未填报' : formatRate(it.rate)}
          </Text>
        </View>
      ))}
      <LoadMore shown={Math.min(shown, items.length)} total={items.length} onMore={() => setShown((n) => n + pageSize)} />
    </View>
  )
}
