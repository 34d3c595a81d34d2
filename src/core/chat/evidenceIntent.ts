import type { Indicator } from '../indicator'

/**
 * "加照片", "拍照", "上传文件", "给新建服务网点加张照片": the worker wants to
 * attach evidence. Kept apart from the engine's intents: the engine never
 * opens a picker (WeChat allows choose* only from a tap), so the chat
 * answers with buttons that do. `field` is the figure the photo is for,
 * when the text names one of the indicator's fields.
 */
export interface EvidenceIntent {
  kind: 'image' | 'file'
  field?: string
}

const PHOTO = /(加|添|传|上传|补|附|拍)(一?[张个]|些)?(照片|相片|图片|图)|拍照|拍个照|拍张/
const FILE = /(加|添|传|上传|补|附)(一?[个份]|些)?(文件|附件|材料|签到表|通知|pdf|word|excel|ppt)/i

export function readEvidenceIntent(text: string, indicator?: Indicator): EvidenceIntent | null {
  const t = text.replace(/\s+/g, '')
  const kind = PHOTO.test(t) ? 'image' : FILE.test(t) ? 'file' : null
  if (!kind) return null
  // The longest label named wins ("新建幸福食堂" over "幸福食堂").
  const named = (indicator?.fields ?? [])
    .filter((f) => f.fixed === undefined && t.includes(f.label))
    .sort((a, b) => b.label.length - a.label.length)[0]
  return named ? { kind, field: named.key } : { kind }
}
