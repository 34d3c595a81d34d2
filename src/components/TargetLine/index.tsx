import { View, Text } from '@tarojs/components'
import ProgressBar from '../ProgressBar'
import type { TargetCompletion } from '../../core/completion'
import type { Indicator } from '../../core/indicator'
import { actualText, overText } from '../../core/targetText'
import './index.scss'

export interface TargetLineProps {
  target: TargetCompletion
  /** The indicator's definition, for units and scales ("8个", "每千人…张"). */
  indicator?: Indicator
}

/** One target of an indicator: what is asked, where it stands, a bar. */
export default function TargetLine({ target, indicator }: TargetLineProps) {
  const over = overText(target)
  const known = target.rate !== null
  return (
    <View className="gb-target">
      <View className="gb-target__label">{target.label}</View>
      <View className="gb-target__row">
        <Text className={known ? 'gb-target__actual' : 'gb-target__actual gb-target__actual--unknown'}>{actualText(target, indicator)}</Text>
        {over ? (
          // A plain label, not NutUI's Tag: Tag pulls in the whole icon
          // library (for its close icon) and its CSS, ~25 KB of main package.
          <Text className="gb-target__over">超额 {over}</Text>
        ) : null}
      </View>
      {known ? <ProgressBar className="gb-target__bar" size="thin" percent={Math.round((target.rate ?? 0) * 1000) / 10} /> : null}
    </View>
  )
}
