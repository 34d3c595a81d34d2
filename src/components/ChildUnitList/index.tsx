import { View, Text } from '@tarojs/components'
import { useState } from 'react'
import { formatRate } from '../../core/completion'
import type { OrgUnit } from '../../core/org'
import type { ProgressData } from '../../services/api'
import LoadMore from '../LoadMore'
import './index.scss'

export type ChildRow = ProgressData['children'][number]

export interface ChildUnitListProps {
  items: ChildRow[]
  /** Indicator numbers (序号) by code, to name each compact rate. */
  seqOf: Record<string, number>
  onOpen: (unit: OrgUnit) => void
  pageSize?: number
}

/** The units below, each with a compact rate per indicator; tap to drill down. */
export default function ChildUnitList({ items, seqOf, onOpen, pageSize = 50 }: ChildUnitListProps) {
  const [shown, setShown] = useState(pageSize)
  return (
    <View className="gb-child-list">
      {items.slice(0, shown).map((child) => (
        <View key={child.unit.id} className="gb-child-list__item" role="button" onClick={() => onOpen(child.unit)}>
          <View className="gb-child-list__head">
            <Text className="gb-child-list__name">{child.unit.name}</Text>
            <Text className="gb-child-list__more">查看 ›</Text>
          </View>
          <View className="gb-child-list__rates">
            {child.indicators.map((i) => (
              <Text key={i.code} className={i.rate === null ? 'gb-child-list__rate gb-child-list__rate--unknown' : 'gb-child-list__rate'}>
                第{seqOf[i.code] ?? '?'}项 {i.rate === null ? '未填报' : formatRate(i.rate)}
              </Text>
            ))}
          </View>
        </View>
      ))}
      <LoadMore shown={Math.min(shown, items.length)} total={items.length} onMore={() => setShown((n) => n + pageSize)} />
    </View>
  )
}
