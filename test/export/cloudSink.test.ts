import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiContext, type Caller } from '../../cloud/api/context'
import { dispatch } from '../../cloud/api/router'
import { CloudFileSink, cloudFileName, type CloudStorage } from '../../cloud/export/files'
import { XLSX_FIRST_DATA_ROW } from '../../cloud/export/xlsx'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import type { OrgUnit } from '../../src/core/org'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { StandInDatabase } from '../store/cloudbaseStandIn'
import { readXlsx } from './files'

/**
 * The cloud FileSink over a FAKE `cloud` object that records calls and
 * answers as the wx-server-sdk docs describe (uploadFile → { fileID };
 * getTempFileURL → { fileList: [{ fileID, tempFileURL, status }] }). It
 * checks what the sink asks of the SDK, not CloudBase itself.
 */
function fakeCloud(over: Partial<{ status: number; tempFileURL: string; fileID: string }> = {}) {
  const calls: { op: string; args: any }[] = []
  const cloud: CloudStorage = {
    async uploadFile(args) {
      calls.push({ op: 'uploadFile', args })
      return { fileID: over.fileID ?? `cloud://env-1.656e/${args.cloudPath}` }
    },
    async getTempFileURL(args) {
      calls.push({ op: 'getTempFileURL', args })
      return {
        fileList: args.fileList.map((f) => ({
          fileID: f.fileID,
          tempFileURL: over.tempFileURL ?? `https://656e-env-1.tcb.qcloud.la/${f.fileID.split('/').slice(3).join('/')}?sign=abc&t=1608436800`,
          status: over.status ?? 0,
          errMsg: over.status ? 'STORAGE_FILE_NONEXIST' : 'ok'
        }))
      }
    }
  }
  return { cloud, calls }
}

const clock = { now: () => new Date('2020-12-19T16:30:00.000Z') } // 2020-12-20 00:30 in China
const NAME = '2020年度区民政局全面建成小康社会目标完成情况自查表.xlsx'

test('uploads the buffer under exports/<China date>/<token>/ and answers the cloud file id (no temp link, no download domain)', async () => {
  const { cloud, calls } = fakeCloud()
  const sink = new CloudFileSink(cloud, clock, undefined, () => 'a'.repeat(24))
  const buffer = Buffer.from('PK fake xlsx')
  const stored = await sink.put(NAME, buffer, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

  expect(calls.map((c) => c.op)).toEqual(['uploadFile'])
  const cloudPath = `exports/2020-12-20/${'a'.repeat(24)}/${NAME}`
  expect(calls[0].args).toEqual({ cloudPath, fileContent: buffer })
  expect(stored).toEqual({ url: `cloud://env-1.656e/${cloudPath}`, expiresAt: '2020-12-19T17:30:00.000Z' })
})

test('each export gets its own random folder', async () => {
  const { cloud, calls } = fakeCloud()
  const sink = new CloudFileSink(cloud, clock)
  await sink.put(NAME, Buffer.from('1'), 'x')
  await sink.put(NAME, Buffer.from('2'), 'x')
  const folders = calls.filter((c) => c.op === 'uploadFile').map((c) => c.args.cloudPath.split('/')[2])
  expect(folders[0]).toMatch(/^[0-9a-f]{24}$/)
  expect(folders[1]).not.toBe(folders[0])
})

test('an upload without a cloud file id is an error, not a dead id handed to the user', async () => {
  const { cloud } = fakeCloud({ fileID: '' })
  await expect(new CloudFileSink(cloud, clock).put(NAME, Buffer.from('x'), 'x')).rejects.toThrow(/no cloud file id/)
})

test('names outside the cloud path rules are made safe; path tricks are refused before any upload', async () => {
  expect(cloudFileName('2020年度长丰街（试点）自查表 v2.docx')).toBe('2020年度长丰街_试点_自查表_v2.docx')
  const { cloud, calls } = fakeCloud()
  const sink = new CloudFileSink(cloud, clock)
  for (const bad of ['../x.xlsx', 'a/b.xlsx', '.hidden', '']) await expect(sink.put(bad, Buffer.from('x'), 'x')).rejects.toThrow(/unsafe/)
  expect(calls).toEqual([])
})

describe('the cloud path end to end: actions over the CloudBase adapter (in-memory stand-in) and the cloud sink (fake storage)', () => {
  const units: OrgUnit[] = [
    { id: 'd', name: '硚口区', level: 'district', parentId: null, path: '/d/' },
    { id: 'd-s', name: '长丰街', level: 'street', parentId: 'd', path: '/d/d-s/' },
    { id: 'd-s-c', name: '园博北社区', level: 'community', parentId: 'd-s', path: '/d/d-s/d-s-c/' },
    { id: 'd-s-c-g1', name: '第1网格', level: 'grid', parentId: 'd-s-c', path: '/d/d-s/d-s-c/d-s-c-g1/' }
  ]
  const admin: Caller = { person: { id: 'a', name: '田莉莉', role: 'admin', orgUnitId: 'd' }, unit: units[0] }
  const worker: Caller = { person: { id: 'p1', name: '张晓梅', role: 'grid_worker', orgUnitId: 'd-s-c-g1' }, unit: units[3] }
  const at = { now: () => new Date('2020-12-20T02:00:00.000Z') }

  test('a grid report, an edited narrative, then export.file: the uploaded xlsx reads back', async () => {
    const store = new CloudBaseStore(new StandInDatabase({ throwOnNotFound: false }))
    await store.putOrgUnits(units)
    await store.putPeople([admin.person, worker.person])
    for (const ind of SEED_INDICATORS) await store.putIndicator(ind)
    const { cloud, calls } = fakeCloud()
    const ctx = (caller: Caller): ApiContext => ({ store, clock: at, caller, text: ALLOW_ALL_TEXT, config: DEFAULT_CONFIG, files: new CloudFileSink(cloud, at) })
    const report = { clientId: 'cloud-export-0001', indicatorCode: 'YL-133', orgUnitId: 'd-s-c-g1', period: '2020-12', values: { service_points: 8, canteens: 2, trainees: 2000 } }
    expect(await dispatch(ctx(worker), 'submit', { report })).toMatchObject({ ok: true })
    expect(await dispatch(ctx(admin), 'export.narrative', { indicatorCode: 'YL-BED', orgUnitId: 'd', year: 2020, text: '床位数据待民政部门核实。' })).toMatchObject({ ok: true })
    expect(await dispatch(ctx(worker), 'export.file', { year: 2020, format: 'xlsx' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const res = await dispatch(ctx(admin), 'export.file', { year: 2020, format: 'xlsx' })
    expect(res).toMatchObject({ ok: true, data: { name: NAME, expiresAt: '2020-12-20T03:00:00.000Z' } })
    expect((res as any).data.url).toMatch(/^cloud:\/\/env-1\.656e\/exports\/2020-12-20\/[0-9a-f]{24}\//)
    const upload = calls.find((c) => c.op === 'uploadFile')!
    const ws = await readXlsx(upload.args.fileContent)
    expect(ws.getCell('A2').value).toBe('单位名称：硚口区民政局')
    const row = (i: number) => [4, 5].map((c) => String(ws.getCell(XLSX_FIRST_DATA_ROW + i, c).value))
    expect(row(0)).toEqual(['新建服务网点8个（长丰街8个），完成目标；新建幸福食堂2个（长丰街2个），完成目标的66.7%；培训护理人员2000人次（长丰街2000人次），完成目标。', '88.9'])
    expect(row(1)).toEqual(['床位数据待民政部门核实。', '—'])
    expect(await store.narrativeHistory('YL-BED', 'd', 2020)).toHaveLength(1)
  })
})
