import { randomBytes } from 'node:crypto'
import { parseIndicatorText } from '../../src/core/import/indicatorText'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { otherDocx, seedDocx, seedXlsx, targetSheetXlsx, withParts } from '../import/fixtures'
import { seedRows } from '../import/seedTable'
import { ADMIN, fingerprint, GRID_WORKER, startServer, STREET_REVIEWER, type Running } from './harness'

// Exports of the district write the completeness grid of its 992 grids too: seconds on a busy machine.
jest.setTimeout(90_000)

let s: Running
let admin: string
let docx: Buffer
let xlsx: Buffer
beforeAll(async () => {
  s = await startServer()
  admin = s.tokenFor(ADMIN)
  ;[docx, xlsx] = await Promise.all([seedDocx(), seedXlsx()])
})
afterAll(async () => {
  await s.stop()
})

const upload = (name: string, file: Buffer, token = admin) => s.call('plan.import', { name, base64: file.toString('base64') }, token)

/** A refused import: BAD_INPUT with a message saying `what`, and not one row of the database changed. */
async function expectRefused(call: () => Promise<{ status: number; body: any }>, what: RegExp, status = 400) {
  const before = await fingerprint(s)
  const res = await call()
  expect(res.status).toBe(status)
  expect(res.body.ok).toBe(false)
  expect(res.body.error.code).toBe('BAD_INPUT')
  expect(res.body.error.message).toMatch(what)
  expect(await fingerprint(s)).toBe(before)
  return res.body.error
}

describe('plan.import: the seed 自查表 as docx and xlsx', () => {
  test('the docx gives the nine indicators in order, their 类型 groups, fields and targets; nothing is stored', async () => {
    const before = await fingerprint(s)
    const res = await upload('2020年自查表.docx', docx)
    expect(res.status).toBe(200)
    const { format, draft } = res.body.data
    expect(format).toBe('docx')
    expect(draft.layout).toBe('self_inspection')
    expect(draft.indicators.map((i: any) => i.title)).toEqual(SEED_INDICATORS.map((i) => i.title))
    expect(draft.groups).toEqual([
      { category: '', seqs: [1, 2, 3] },
      { category: '创新创优克难攻坚指标', seqs: [4, 5] },
      { category: '业务工作指标', seqs: [6, 7, 8, 9] }
    ])
    // The seed leaves the first group's 类型 blank: the draft says so rather than guess.
    expect(draft.warnings).toContain('第1、2、3项没有填写类型，请在设计器中补上')
    const rows = seedRows()
    draft.indicators.forEach((ind: any, i: number) => {
      const { fields: _f, ...first } = ind.targets[0] ?? {}
      const { id: _id, ...text } = first
      expect(text).toEqual(parseIndicatorText(rows[i].content).targets[0])
      expect(ind.targets.map((t: any) => t.kind)).toEqual(SEED_INDICATORS[i].targets.map((t) => t.kind))
      // Every target reads proposed fields of its own indicator.
      const keys = new Set(ind.fields.map((f: any) => f.key))
      for (const t of ind.targets) for (const k of t.fields) expect(keys.has(k)).toBe(true)
    })
    expect(draft.indicators[1]).toMatchObject({
      title: '养老床位',
      fields: [
        { key: 't1_num', label: '养老床位', unit: '张', kind: 'count' },
        { key: 't1_den', label: '老人', unit: '', kind: 'count' }
      ],
      targets: [{ id: 't1', kind: 'rate', scale: 1000, min: 50, unit: '张', fields: ['t1_num', 't1_den'] }]
    })
    expect(draft.indicators[4].targets[0].steps).toEqual([
      { label: '土地转让', required: true },
      { label: '招投标', required: true },
      { label: '地质勘察', required: true },
      { label: '年内动工', required: false }
    ])
    expect(await fingerprint(s)).toBe(before)
    // The published catalog is untouched.
    const catalog = await s.call('catalog', {}, admin)
    expect(catalog.body.data.indicators.map((i: any) => i.code)).toEqual(SEED_INDICATORS.map((i) => i.code))
  })

  test('the xlsx (merged 序号 and 类型 cells) gives the same draft as the docx', async () => {
    const [a, b] = await Promise.all([upload('a.docx', docx), upload('a.xlsx', xlsx)])
    expect(b.body.data.format).toBe('xlsx')
    expect(b.body.data.draft).toEqual(a.body.data.draft)
  })

  test('a simple target sheet: consecutive rows of one 指标名称 are one indicator; ceilings read as ceilings', async () => {
    const sheet = await targetSheetXlsx([
      ['便民服务', '办事时限', '不超过15个工作日'],
      ['', '办事时限', '群众满意率90%以上'],
      ['', '投诉率', '控制在1%以内'],
      ['养老服务', '幸福食堂', '新建老年幸福食堂3个']
    ])
    const res = await upload('目标.xlsx', sheet)
    const { draft } = res.body.data
    expect(draft.layout).toBe('target_sheet')
    expect(draft.groups).toEqual([
      { category: '便民服务', seqs: [1, 2] },
      { category: '养老服务', seqs: [3] }
    ])
    expect(draft.indicators[0].targets.map(({ id, fields, ...t }: any) => t)).toEqual([
      { kind: 'ceiling', label: '不超过15个工作日', max: 15, unit: '工作日' },
      { kind: 'percentage', label: '群众满意率90%以上', percent: 0.9, op: 'gte' }
    ])
    expect(draft.indicators[1].targets[0]).toMatchObject({ kind: 'ceiling', max: 0.01, unit: '%' })
    expect(draft.indicators[1].fields).toEqual([{ key: 't1', label: '投诉率', unit: '%', kind: 'fraction', combine: { rule: 'max' } }])
  })
})

describe('plan.import: this year’s own export is next year’s import', () => {
  test.each(['docx', 'xlsx'] as const)('export.file %s, read back: the nine indicators with their catalog 类型 and targets', async (format) => {
    const exported = await s.call('export.file', { orgUnitId: 'qk', year: 2020, format }, admin)
    expect(exported.body.ok).toBe(true)
    const file = Buffer.from(await (await fetch(`${s.base}${exported.body.data.url}`)).arrayBuffer())
    const res = await upload(exported.body.data.name, file)
    expect(res.body.ok).toBe(true)
    const { draft } = res.body.data
    expect(draft.layout).toBe('self_inspection')
    expect(draft.indicators.map((i: any) => [i.category, i.title])).toEqual(SEED_INDICATORS.map((i) => [i.category, i.title]))
    draft.indicators.forEach((ind: any, i: number) => {
      expect(ind.targets.map((t: any) => t.kind)).toEqual(SEED_INDICATORS[i].targets.map((t) => t.kind))
    })
    expect(draft.warnings).toEqual(['第3项“养老机构疫情防控”没有读出指标值，暂作定性指标'])
  })
})

describe('plan.import: who may import', () => {
  test('only the bureau admin; without a session nothing is said about the file', async () => {
    for (const who of [GRID_WORKER, STREET_REVIEWER]) {
      const res = await upload('a.docx', docx, s.tokenFor(who))
      expect(res.status).toBe(403)
      expect(res.body.error).toEqual({ code: 'FORBIDDEN', message: '只有区民政局管理员可以操作' })
    }
    const anon = await s.call('plan.import', { name: 'a.docx', base64: docx.toString('base64') })
    expect(anon.status).toBe(401)
  })
})

describe('plan.import: bad files are refused with what was expected, and nothing is written', () => {
  test('a Word file whose table is not a 自查表', async () => {
    const error = await expectRefused(async () => upload('签到表.docx', await otherDocx()), /不是自查表/)
    expect(error.message).toContain('序号、类型、指标内容及指标值、完成情况、完成率、支撑材料')
  })

  test('a 自查表 header with no indicator under it', async () => {
    await expectRefused(async () => upload('空表.xlsx', await seedXlsx([])), /表头下面没有指标/)
  })

  test('a photo, a text file and an old .doc are not docx or xlsx', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    await expectRefused(() => upload('表.png', png), /不是 docx 或 xlsx/)
    await expectRefused(() => upload('表.txt', Buffer.from('序号\t类型\t指标内容及指标值')), /不是 docx 或 xlsx/)
    await expectRefused(() => upload('表.doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(512)])), /旧版 doc 或 xls/)
  })

  test('a damaged zip', async () => {
    await expectRefused(() => upload('坏.docx', Buffer.concat([docx.subarray(0, 4), randomBytes(2048)])), /已损坏/)
  })

  test('macros: a vbaProject.bin inside, a macro-enabled content type, or a docm / xlsm name', async () => {
    await expectRefused(async () => upload('a.xlsx', await withParts(xlsx, { 'xl/vbaProject.bin': randomBytes(256) })), /带有宏/)
    await expectRefused(async () => upload('a.docx', await withParts(docx, { 'word/vbaProject.bin': randomBytes(256) })), /带有宏/)
    const declared = await macroTypes(docx)
    await expectRefused(() => upload('a.docx', declared), /带有宏/)
    await expectRefused(() => upload('a.docm', docx), /不接受带宏的文件/)
    await expectRefused(() => upload('a.xlsm', xlsx), /不接受带宏的文件/)
  })

  test('over 10 MB: a real docx carrying an 11 MB picture, and a body too large for the route', async () => {
    const big = await withParts(docx, { 'word/media/image1.png': randomBytes(11 * 1024 * 1024) }, true)
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024)
    await expectRefused(() => upload('大.docx', big), /文件超过10MB/)
    const huge = 'A'.repeat(20 * 1024 * 1024)
    await expectRefused(() => s.call('plan.import', { name: '大.docx', base64: huge }, admin), /文件超过10MB/, 413)
  }, 30_000)

  test('no file, both kinds of file, a cloud file id on the local server, and text that is not base64', async () => {
    await expectRefused(() => s.call('plan.import', { name: 'a.docx' }, admin), /请选择一个 docx 或 xlsx 文件/)
    await expectRefused(() => s.call('plan.import', { name: 'a.docx', base64: 'AAAA', fileId: 'cloud://env-1.abc/imports/a.docx' }, admin), /请选择一个 docx 或 xlsx 文件/)
    await expectRefused(() => s.call('plan.import', { name: 'a.docx', fileId: 'cloud://env-1.abc/imports/a.docx' }, admin), /不能从云存储读取/)
    await expectRefused(() => s.call('plan.import', { name: 'a.docx', fileId: 'cloud://env-1.abc/exports/secret.xlsx' }, admin), /填写的内容有误/)
    await expectRefused(() => s.call('plan.import', { name: 'a.docx', base64: '这不是base64' }, admin), /文件内容不完整/)
  })
})

/** The docx with its main part declared macro-enabled, as Word writes a .docm. */
async function macroTypes(file: Buffer): Promise<Buffer> {
  const JSZip = (await import('jszip')).default
  const zip = await JSZip.loadAsync(file)
  const types = (await zip.file('[Content_Types].xml')!.async('string')).replace(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    'application/vnd.ms-word.document.macroEnabled.main+xml'
  )
  zip.file('[Content_Types].xml', types)
  return zip.generateAsync({ type: 'nodebuffer' })
}
