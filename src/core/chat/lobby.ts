import type { BotMessage, QuickReply } from './types'
import { periodLabel } from './format'

/**
 * The assistant's home: what it says before any report is open. It greets
 * with what is due and offers each item as a tap. Pure, like the engine.
 */
export interface LobbyItem {
  reportId: string
  title: string
  period: string
  state: 'due' | 'overdue' | 'returned' | 'submitted' | 'approved'
  daysLeft: number
}

export const OPEN_PREFIX = 'open:'
const MAX_ITEM_REPLIES = 6

function itemReply(item: LobbyItem): QuickReply {
  const tag = item.state === 'returned' ? '【退回】' : item.state === 'overdue' ? '【逾期】' : ''
  return { label: `${tag}${item.title} ${periodLabel(item.period)}`, value: OPEN_PREFIX + item.reportId }
}

export function actionable(items: LobbyItem[]): LobbyItem[] {
  return items.filter((i) => i.state === 'due' || i.state === 'overdue' || i.state === 'returned')
}

/** "本周有3项待填报…": counts, what needs attention first, one tap per item. */
export function greeting(name: string, items: LobbyItem[], id: string): BotMessage {
  const todo = actionable(items)
  const thisWeek = todo.filter((i) => i.state === 'due' && i.daysLeft <= 7).length
  const overdue = todo.filter((i) => i.state === 'overdue').length
  const returned = todo.filter((i) => i.state === 'returned').length
  let text: string
  if (todo.length === 0) {
    text = `${name}，你好！目前没有要填的事项。想更新某个数，可以直接说，比如“床位 9133”。`
  } else {
    const parts: string[] = []
    if (returned) parts.push(`${returned}项被退回`)
    if (overdue) parts.push(`${overdue}项已逾期`)
    if (thisWeek) parts.push(`${thisWeek}项本周要交`)
    const detail = parts.length ? `，其中${parts.join('，')}` : ''
    text = `${name}，你好！你有${todo.length}项待填报${detail}。点下面的事项开始填写。`
  }
  return { id, kind: 'info', text, quickReplies: todo.slice(0, MAX_ITEM_REPLIES).map(itemReply), expects: 'text' }
}

/** After a report is sent: what is left. */
export function afterSubmit(items: LobbyItem[], id: string, lead: string): BotMessage {
  const todo = actionable(items)
  const text = todo.length ? `${lead}还有${todo.length}项待填报。` : `${lead}所有事项都填完了，辛苦了！`
  return { id, kind: 'done', text, quickReplies: todo.slice(0, MAX_ITEM_REPLIES).map(itemReply), expects: 'text' }
}

export const LOBBY_HELP =
  '我会一项一项问你要填的数，你可以直接打字，比如“两千人次”“1.5万”“百分之二十”，也可以点下面的选项。\n' +
  '随时可以说：待办、进度、撤销、重填、退出。\n想快速更新一个数，直接说，比如“床位 9133”。'
