import { View, Text } from '@tarojs/components'
import { periodLabel } from '../../core/periodLabel'
import { entryAdvice, entryLabel, type QueueEntry } from '../../services/queue'
import './index.scss'

export interface OutboxListProps {
  entries: readonly QueueEntry[]
  /** Indicator titles by code, for readable rows. */
  titles: Record<string, string>
  /** Newest first; at most this many rows. */
  limit?: number
  onResolve?(entry: QueueEntry, choice: 'mine' | 'theirs'): void
  /** A stuck report (waiting with an error, or refused): try again, send without its files, or delete it. */
  onStuck?(entry: QueueEntry, action: StuckAction): void
}

export type StuckAction = 'retry' | 'without-files' | 'delete'

/** Waiting after a failure, or refused: the worker may act on it. */
export function isStuck(e: QueueEntry): boolean {
  return (e.status === 'pending' && !!e.lastError) || e.status === 'rejected'
}

const TONE: Record<string, string> = { 待同步: 'wait', 已同步: 'ok', 被退回: 'warn', 需处理: 'bad' }

/** Reports sent from this phone and where each one is: 待同步 / 已同步 / 被退回 / 需处理. */
export default function OutboxList({ entries, titles, limit = 20, onResolve, onStuck }: OutboxListProps) {
  const rows = [...entries].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit)
  if (rows.length === 0) return <View className="outbox__empty">还没有提交记录</View>
  return (
    <View className="outbox" aria-label="提交记录">
      {rows.map((e) => {
        const label = entryLabel(e)
        const advice = entryAdvice(e)
        return (
          <View key={e.id} className="outbox__row">
            <View className="outbox__main">
              <Text className="outbox__title">{titles[e.payload.indicatorCode] ?? e.payload.indicatorCode}</Text>
              <Text className="outbox__period">{periodLabel(e.payload.period)}</Text>
              {advice && label !== '已同步' ? <Text className="outbox__advice">{advice}</Text> : null}
              {e.status === 'conflict' && onResolve ? (
                <View className="outbox__actions">
                  <View className="outbox__action" role="button" onClick={() => onResolve(e, 'mine')}>
                    <Text>用我的</Text>
                  </View>
                  <View className="outbox__action" role="button" onClick={() => onResolve(e, 'theirs')}>
                    <Text>用服务器的</Text>
                  </View>
                </View>
              ) : null}
              {isStuck(e) && onStuck ? (
                <View className="outbox__actions">
                  <View className="outbox__action" role="button" onClick={() => onStuck(e, 'retry')}>
                    <Text>重试</Text>
                  </View>
                  {e.files.some((f) => !f.uploadedId) ? (
                    <View className="outbox__action" role="button" onClick={() => onStuck(e, 'without-files')}>
                      <Text>不带附件发送</Text>
                    </View>
                  ) : null}
                  <View className="outbox__action" role="button" onClick={() => onStuck(e, 'delete')}>
                    <Text>删除</Text>
                  </View>
                </View>
              ) : null}
            </View>
            <Text className={`outbox__label outbox__label--${TONE[label]}`}>{label}</Text>
          </View>
        )
      })}
    </View>
  )
}
