import { View, Text } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import LoadMore from '../LoadMore'
import './index.scss'

export type SectionTone = 'danger' | 'warning' | 'normal' | 'muted'

export interface ListSectionProps<T> {
  title: string
  items: T[]
  keyOf: (item: T) => string
  renderItem: (item: T) => ReactNode
  tone?: SectionTone
  /** Rows rendered at first and added by each 加载更多. */
  pageSize?: number
}

/** A titled list with its count ("被退回 2"), windowed by pageSize. */
export default function ListSection<T>({ title, items, keyOf, renderItem, tone = 'normal', pageSize = 12 }: ListSectionProps<T>) {
  const [shown, setShown] = useState(pageSize)
  return (
    <View className={`gb-list-section gb-list-section--${tone}`}>
      <View className="gb-list-section__head">
        <Text className="gb-list-section__title">{title}</Text>
        <Text className="gb-list-section__count">{items.length}</Text>
      </View>
      {items.slice(0, shown).map((item) => (
        <View key={keyOf(item)}>{renderItem(item)}</View>
      ))}
      <LoadMore shown={Math.min(shown, items.length)} total={items.length} onMore={() => setShown((n) => n + pageSize)} />
    </View>
  )
}
