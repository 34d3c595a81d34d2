import { readEvidenceIntent } from '../../src/core/chat/evidenceIntent'
import { SEED_INDICATORS as CATALOG } from '../../src/core/seed/catalog'

const yl133 = CATALOG.find((i) => i.fields.some((f) => f.label === '新建服务网点'))!

test('加照片, 拍照 and 上传文件 are understood; plain answers are not', () => {
  expect(readEvidenceIntent('加照片')).toEqual({ kind: 'image' })
  expect(readEvidenceIntent('拍照')).toEqual({ kind: 'image' })
  expect(readEvidenceIntent('我想加张照片')).toEqual({ kind: 'image' })
  expect(readEvidenceIntent('上传文件')).toEqual({ kind: 'file' })
  expect(readEvidenceIntent('加个签到表')).toEqual({ kind: 'file' })
  for (const t of ['八个', '好了', '确认提交', '照常', '两千人次']) expect(readEvidenceIntent(t)).toBeNull()
})

test('a figure named in the text binds the photo to it', () => {
  const f = yl133.fields.find((x) => x.label === '新建服务网点')!
  expect(readEvidenceIntent('给新建服务网点加张照片', yl133)).toEqual({ kind: 'image', field: f.key })
  expect(readEvidenceIntent('加照片', yl133)).toEqual({ kind: 'image' })
})
