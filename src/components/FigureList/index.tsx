import { View, Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface FigureLine {
  key: string
  label: string
  /** Formatted with its unit: "2000人次", "50%", "已完成". */
  value: string
  /** Why the unit says a figure that set off a warning is right. */
  reason?: string
  /** A milestone step's completion date, "12月5日". */
  date?: string
  /** The reviewer asked for this figure to be fixed. */
  flagged?: boolean
}

/**
 * The figures of a report, each with its reason and date when given, and
 * what `attached` shows under it (the evidence bound to that figure).
 */
export default function FigureList({ lines, attached }: { lines: FigureLine[]; attached?: (key: string) => ReactNode }) {
  if (lines.length === 0) return <View className="gb-figures__empty">没有填数字</View>
  return (
    <View className="gb-figures">
      {lines.map((l) => (
        <View key={l.key} className={l.flagged ? 'gb-figures__row gb-figures__row--flagged' : 'gb-figures__row'}>
          <View className="gb-figures__main">
            <Text className="gb-figures__label">{l.label}</Text>
            <Text className="gb-figures__value">{l.value}</Text>
          </View>
          {l.date ? <View className="gb-figures__sub">完成日期：{l.date}</View> : null}
          {l.reason ? <View className="gb-figures__reason">说明：{l.reason}</View> : null}
          {l.flagged ? <View className="gb-figures__flag">审核要求修改</View> : null}
          {attached ? attached(l.key) : null}
        </View>
      ))}
    </View>
  )
}
