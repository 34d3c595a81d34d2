import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.scss'

export interface CellProps {
  title: ReactNode
  description?: ReactNode
  extra?: ReactNode
  /** A row that opens something: pressed feedback and a button role. */
  clickable?: boolean
  onClick?(): void
  className?: string
}

/**
 * One row of a list (title, a line under it, something on the right). It
 * replaces NutUI's Cell on the tab pages: Cell brings NutUI's ConfigProvider
 * with its locale, lodash.kebabcase, react-fast-compare and the whole of
 * tslib into vendors.js, about 17 KB of a main package kept within 1.5× the
 * bare Taro template (bench/size.ts).
 */
export default function Cell({ title, description, extra, clickable, onClick, className }: CellProps) {
  const classes = ['gb-cell', clickable ? 'gb-cell--clickable' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes} role={clickable ? 'button' : undefined} hoverClass={clickable ? 'gb-cell--pressed' : 'none'} onClick={onClick ? () => onClick() : undefined}>
      <View className="gb-cell__main">
        <View className="gb-cell__title">{title}</View>
        {description ? <View className="gb-cell__description">{description}</View> : null}
      </View>
      {extra ? <View className="gb-cell__extra">{extra}</View> : null}
    </View>
  )
}
