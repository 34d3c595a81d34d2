import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ApiFailure } from '../../services/api'
import { narrativeHistory, type NarrativeChange } from '../../services/reviewApi'
import { useToday } from '../../hooks/useToday'
import { timeLabel } from './labels'

export interface NarrativeHistoryProps {
  seq: number
  indicatorCode: string
  orgUnitId: string
  year: number
  /** Changes when the row's text was saved or cleared: an open history reloads. */
  stamp: string
}

/**
 * 修改记录 of one row's 完成情况 (export.narrativeHistory): who wrote which
 * text when, and who went back to the draft; loaded when opened.
 */
export default function NarrativeHistory({ seq, indicatorCode, orgUnitId, year, stamp }: NarrativeHistoryProps) {
  const today = useToday()
  const [open, setOpen] = useState(false)
  const [changes, setChanges] = useState<NarrativeChange[] | null>(null)
  const [error, setError] = useState('')

  useEffect(() => {
    if (!open) return
    let live = true
    narrativeHistory({ indicatorCode, orgUnitId, year })
      .then((d) => live && (setChanges(d.changes), setError('')))
      .catch((e: unknown) => live && setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试'))
    return () => {
      live = false
    }
  }, [open, stamp, indicatorCode, orgUnitId, year])

  return (
    <View className="gb-export__history">
      <View className="gb-export__history-toggle" role="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? `收起第${seq}项修改记录` : `第${seq}项修改记录`}
      </View>
      {open ? (
        <View role="list" aria-label={`第${seq}项完成情况的修改记录`}>
          {error ? <View className="gb-export__warning">{error}</View> : null}
          {changes === null && !error ? <View className="gb-export__meta">正在加载…</View> : null}
          {changes && changes.length === 0 ? <View className="gb-export__meta">还没有人改写过，用的是自动草稿</View> : null}
          {[...(changes ?? [])].reverse().map((c, i) => (
            <View key={`${c.at}-${i}`} role="listitem" className="gb-export__history-item">
              <View className="gb-export__meta">
                {c.byName} {timeLabel(c.at, today)}
                {c.text === null ? ' 恢复为自动草稿' : ' 改写为：'}
              </View>
              {c.text !== null ? <View className="gb-export__history-text">{c.text}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
