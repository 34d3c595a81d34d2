import { SKIP_WORDS } from '../quantity'
import { normalize } from './answers/parsed'
import { readConfirm } from './vocabulary'

/**
 * Words that steer the conversation instead of answering it. Only a whole
 * message counts ("培训300人次" is never read as 进度), so a worker's
 * figures are never taken for a command.
 *
 * - global ones work at any point: help, inbox, progress, undo, restart, exit;
 * - the others mean something only where the engine looks for them.
 */
export type Intent =
  | 'help'
  | 'inbox'
  | 'progress'
  | 'undo'
  | 'restart'
  | 'exit'
  | 'confirm'
  | 'skip'
  | 'same'
  | 'keep'
  | 'reenter'
  | 'finished'

export const GLOBAL_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['help', 'inbox', 'progress', 'undo', 'restart', 'exit'])

const WORDS: Record<Intent, string[]> = {
  help: ['帮助', '帮忙', 'help', '?', '？', '怎么填', '不会填', '怎么办', '菜单'],
  inbox: ['待办', '待办事项', '任务', '我的任务', '看待办'],
  progress: ['进度', '查看进度', '看进度', '完成进度'],
  undo: ['撤销', '撤回', '上一步', '返回上一步', '回到上一步'],
  restart: ['重填', '重新填', '全部重填', '从头填', '重新开始', '从头开始'],
  exit: ['退出', '不填了', '先不填了', '稍后再填', '以后再填', '结束'],
  // confirm: the shared yes vocabulary, see vocabulary.ts
  confirm: [],
  skip: ['跳过', '先跳过', '下一个', '下一项', ...SKIP_WORDS],
  same: ['同上期', '和上期一样', '跟上期一样', '与上期相同', '同上', '没变', '没有变化', '不变', '没变化', '跟上个月一样', '和上个月一样', '跟上月一样', '同上月', '跟上次一样', '和上次一样', '一样', '还是那么多', '还是一样'],
  keep: ['不改', '不用改', '不修改', '保持不变', '维持原样', '原样'],
  reenter: ['改一下', '改', '重新输入', '修改', '填错了', '写错了', '输错了', '打错了'],
  finished: ['好了', '传好了', '上传好了', '没有了', '就这些', '不传了', '完成', '没有', '无']
}

function clean(text: string): string {
  // "?" alone is a question too; normalize would strip it to nothing.
  return (normalize(text) || text.trim()).toLowerCase()
}

/** The global intent a whole message expresses, or null for anything else. */
export function readGlobalIntent(text: string): Intent | null {
  const t = clean(text)
  for (const intent of GLOBAL_INTENTS) if (WORDS[intent].includes(t)) return intent
  return null
}

/** Whether the whole of `text` is one of the words for `intent` (a word may serve several). */
export function says(text: string, intent: Intent): boolean {
  if (intent === 'confirm') return readConfirm(text) === 'yes'
  return WORDS[intent].includes(clean(text))
}
