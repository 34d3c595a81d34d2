import { View, Text } from '@tarojs/components'
import StatusTag, { type ReportState } from '../StatusTag'
import './index.scss'

export interface ReviewRowProps {
  unitName: string
  title: string
  /** "2020年12月". */
  periodLabel: string
  /** "1月2日 10:05". */
  updatedLabel: string
  status: ReportState
  /** A line under the row, e.g. "本单位填报，由上级审核". */
  note?: string
  onOpen: () => void
}

/** One report in the reviewer's list: who, what, which period, when, where it stands. */
export default function ReviewRow({ unitName, title, periodLabel, updatedLabel, status, note, onOpen }: ReviewRowProps) {
  return (
    <View className={`gb-review-row gb-review-row--${status}`} role="button" onClick={onOpen}>
      <View className="gb-review-row__head">
        <Text className="gb-review-row__unit">{unitName}</Text>
        <StatusTag status={status} />
      </View>
      <View className="gb-review-row__title">{title}</View>
      <View className="gb-review-row__meta">
        <Text>{periodLabel}</Text>
        <Text className="gb-review-row__dot">·</Text>
        <Text>{updatedLabel}更新</Text>
      </View>
      {note ? <View className="gb-review-row__note">{note}</View> : null}
    </View>
  )
}
