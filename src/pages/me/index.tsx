import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import Cell from '../../components/Cell'
import ActionButton from '../../components/ActionButton'
import { useState } from 'react'
import { resetIdentity, useIdentity } from '../../hooks/useIdentity'
import { useRefreshOnShow } from '../../hooks/useRefreshOnShow'
import { isReviewer } from '../../core/person'
import { getServices } from '../../services'
import { knownTitles } from '../../services/titles'
import OutboxList, { type StuckAction } from '../../components/OutboxList'
import type { QueueEntry } from '../../services/queue'
import { useQueue } from '../../hooks/useQueue'
import { getReminderStatus, requestReminders, type ReminderStatus } from '../../services/reminders'
import './index.scss'
import { useLargeText, withLargeText } from '../../hooks/useLargeText'
import { setLargeText } from '../../services/textSize'

/** Keep in step with package.json "version" (a test checks). */
export const APP_VERSION = '0.1.0'

/** 我的: who I am, what has not been sent yet, reminders, sign out. */
export default function MePage() {
  const large = useLargeText()
  const me = useIdentity()
  const queue = useQueue()
  const unsynced = queue.counts.unsynced
  const [titles, setTitles] = useState<Record<string, string>>({})
  const [reminders, setReminders] = useState<ReminderStatus>({ enabled: false, banked: 0 })
  const [about, setAbout] = useState(false)
  const [busy, setBusy] = useState(false)

  const load = async () => {
    setTitles(await knownTitles(getServices().storage))
    const [r, catalog] = await Promise.all([getReminderStatus().catch(() => null), getServices().api.catalog().catch(() => null)])
    if (r) setReminders(r)
    if (catalog) setTitles(Object.fromEntries(catalog.indicators.map((i) => [i.code, i.title])))
  }
  useRefreshOnShow(() => void load())

  const enableReminders = async () => {
    // No await before this call: WeChat opens the panel only from a tap.
    const asked = requestReminders()
    try {
      const message = await asked
      if (message) await Taro.showToast({ title: message, icon: 'none' })
    } catch {
      await Taro.showToast({ title: '没能开启提醒，请稍后再试', icon: 'none' })
    } finally {
      await load()
    }
  }

  // What the worker loses, said before it is lost.
  const onStuck = async (e: QueueEntry, action: StuckAction) => {
    const queue = getServices().queue
    const title = titles[e.payload.indicatorCode] ?? e.payload.indicatorCode
    const files = e.files.filter((f) => !f.uploadedId).length
    try {
      if (action === 'retry') {
        await queue.retryNow(e.id)
        return
      }
      const content =
        action === 'delete'
          ? `删除后，这份“${title}”填报${files ? `和 ${files} 个附件` : ''}会从手机上清除，不会发送，不能恢复。`
          : `这份“${title}”填报会重新发送，但不带那 ${files} 个没传上的附件，附件会从手机上清除。`
      const ok = await Taro.showModal({ title: action === 'delete' ? '删除这份填报？' : '不带附件发送？', content, confirmText: action === 'delete' ? '删除' : '发送', cancelText: '取消' })
      if (!ok.confirm) return
      if (action === 'delete') await queue.discard(e.id)
      else {
        await queue.sendWithoutFiles(e.id)
        await queue.flush({ ignoreBackoff: true })
      }
    } catch {
      await Taro.showToast({ title: '没能完成，请稍后再试', icon: 'none' })
    }
  }

  const logout = async () => {
    const services = getServices()
    if (unsynced > 0) {
      // Kept for this person: they go out when this person signs in again.
      const ok = await Taro.showModal({
        title: '还有没发出的填报',
        content: `你还有 ${unsynced} 份填报没发出。退出后它们留在这部手机上，你下次登录时会自动发送；别人登录看不到。确定退出吗？`,
        confirmText: '退出',
        cancelText: '取消'
      }).catch(() => ({ confirm: false }))
      if (!ok.confirm) return
    }
    setBusy(true)
    try {
      await services.usePerson?.(null)
      await services.session.clear()
      resetIdentity()
      await Taro.reLaunch({ url: '/packages/login/index' })
    } catch {
      // Signed out either way; the next page that shows sends them to login.
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={withLargeText('gb-me', large)}>
      <View className="gb-me__card">
        <View className="gb-me__name">{me ? me.person.name : '未登录'}</View>
        {me ? <View className="gb-me__role">{me.roleLabel}</View> : null}
        {me ? <View className="gb-me__unit">{me.unitLabel}</View> : null}
      </View>
      <Cell title={`待同步 ${unsynced} 条`} description={unsynced > 0 ? '有网时会自动发出' : '都已发出'} />
      <OutboxList
        entries={queue.entries}
        titles={titles}
        limit={10}
        onResolve={(e, choice) => void getServices().queue.resolveConflict(e.id, choice)}
        onStuck={(e, action) => void onStuck(e, action)}
      />
      <Cell
        title={`提醒：${reminders.enabled ? '已开启' : '未开启'}`}
        description={`已存 ${reminders.banked} 次提醒，每次可收到一条截止提醒`}
        extra={
          <ActionButton className="gb-me__btn" size="small" variant="outline" onClick={() => void enableReminders()}>
            {reminders.enabled ? '再存一次' : '开启提醒'}
          </ActionButton>
        }
      />
      <Cell
        title={`大字：${large ? '已开启' : '未开启'}`}
        description="字和按钮更大；不设置时跟随微信的字体大小"
        extra={
          <ActionButton className="gb-me__btn" size="small" variant="outline" onClick={() => setLargeText(!large)}>
            {large ? '关闭大字' : '开启大字'}
          </ActionButton>
        }
      />
      {me && isReviewer(me.person.role) ? (
        <>
          <Cell title="审核填报" description="查看下级提交的数据，通过或退回" clickable onClick={() => void Taro.navigateTo({ url: '/packages/review/index' })} />
          <Cell title="自查表导出" description="预览、修改完成情况，下载 Excel / Word" clickable onClick={() => void Taro.navigateTo({ url: '/packages/review/export' })} />
        </>
      ) : null}
      <Cell title="关于格报" extra={about ? '收起' : '›'} clickable onClick={() => setAbout(!about)} />
      {about ? (
        <View className="gb-me__about">
          <View>版本 {APP_VERSION}</View>
          <View>格报帮社区网格员用聊天的方式填报民政工作指标。</View>
        </View>
      ) : null}
      {me || getServices().session.token() ? (
        <ActionButton className="gb-me__logout" variant="outline" block disabled={busy} onClick={() => void logout()}>
          退出登录
        </ActionButton>
      ) : null}
    </View>
  )
}
