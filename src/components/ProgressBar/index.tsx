import { View } from '@tarojs/components'
import './index.scss'

export interface ProgressBarProps {
  /** 0–100; more than 100 (over target) draws a full bar. */
  percent: number
  /** Bar height: 'thin' under a target line, 'normal' on a card. */
  size?: 'thin' | 'normal'
  className?: string
}

/**
 * A completion bar. Replaces NutUI's Progress on the tab pages, which brings
 * NutUI's ConfigProvider (locale, lodash.kebabcase, react-fast-compare) and
 * tslib into the main package for two nested views.
 */
export default function ProgressBar({ percent, size = 'normal', className }: ProgressBarProps) {
  const width = Math.max(0, Math.min(100, Number.isFinite(percent) ? percent : 0))
  return (
    <View className={['gb-bar', `gb-bar--${size}`, className ?? ''].filter(Boolean).join(' ')} aria-hidden="true">
      <View className="gb-bar__fill" style={{ width: `${width}%` }} />
    </View>
  )
}
