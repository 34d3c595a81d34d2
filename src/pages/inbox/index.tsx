import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import Cell from '../../components/Cell'
import { useState } from 'react'
import { isReviewer } from '../../core/person'
import ListSection, { type SectionTone } from '../../components/ListSection'
import PendingCard from '../../components/PendingCard'
import { useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { ApiFailure, type PendingData, type PendingItem } from '../../services/api'
import { showPendingBadge } from '../../services/badge'
import { getServices } from '../../services'
import { setPendingChoice, type ChoiceMode } from './handoff'
import './index.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'

const SECTIONS: { title: string; tone: SectionTone; states: PendingItem['state'][] }[] = [
  { title: '被退回', tone: 'danger', states: ['returned'] },
  { title: '已逾期', tone: 'warning', states: ['overdue'] },
  { title: '待填报', tone: 'normal', states: ['due'] },
  { title: '已提交', tone: 'muted', states: ['submitted', 'approved'] }
]

/** 待办: what the worker owes (returned first), and for reviewers what waits for review. */
export default function InboxPage() {
  const large = useLargeText()
  const me = useIdentity()
  const [data, setData] = useState<PendingData | null>(null)
  const [error, setError] = useState('')
  const [note, setNote] = useState('')

  const load = async () => {
    try {
      const services = getServices()
      await services.ready
      const d = await services.api.pending()
      setData(d)
      setError('')
      void showPendingBadge(d.actionable)
    } catch (e) {
      setError(e instanceof ApiFailure ? e.message : '网络不通，请稍后再试')
    }
  }
  useRefreshOnShow(() => void load())

  const open = async (item: PendingItem, mode: ChoiceMode = 'fill') => {
    setPendingChoice(item, mode)
    try {
      await Taro.switchTab({ url: '/pages/chat/index' })
    } catch {
      setNote('没能打开对话，请点下方“对话”')
    }
  }

  const openReview = async () => {
    try {
      await Taro.navigateTo({ url: '/packages/review/index' })
    } catch {
      setNote('审核页面还在准备中，请稍后再试')
    }
  }

  const showReview = (me !== null && isReviewer(me.person.role)) || (data?.toReview.length ?? 0) > 0
  const items = data?.items ?? []
  return (
    <View className={withLargeText('gb-inbox', large)}>
      {error ? (
        <View className="gb-inbox__error">
          <Text>{error}</Text>
          <View className="gb-inbox__retry" role="button" onClick={() => void load()}>
            重新加载
          </View>
        </View>
      ) : null}
      {note ? <View className="gb-inbox__note">{note}</View> : null}
      {showReview && data ? (
        <Cell className="gb-inbox__review" title={`待审核 ${data.toReview.length} 份`} description={data.toReview.length > 0 ? '点这里去审核' : '暂时没有要审核的'} extra="›" clickable onClick={() => void openReview()} />
      ) : null}
      {data === null && !error ? <View className="gb-inbox__empty">正在加载…</View> : null}
      {data !== null && items.length === 0 ? <View className="gb-inbox__empty">现在没有要填的表</View> : null}
      {data !== null
        ? SECTIONS.map((s) => {
            const list = items.filter((i) => s.states.includes(i.state))
            return list.length === 0 ? null : (
              <ListSection
                key={s.title}
                title={s.title}
                tone={s.tone}
                items={list}
                keyOf={(i) => i.reportId}
                renderItem={(i) => <PendingCard item={i} today={data.today} onOpen={(it) => void open(it)} onSameAsLast={(it) => void open(it, 'same-as-last')} />}
              />
            )
          })
        : null}
    </View>
  )
}
