import ExcelJS from 'exceljs'
import { projectRollups, withoutEmpty } from '../../src/core/rollup'
import type { OrgUnit } from '../../src/core/org'
import { ADMIN, clientId, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, STREET_REVIEWER, type Running } from './harness'

// Each case fingerprints the whole database several times: seconds over PostgreSQL.
jest.setTimeout(60_000)

let s: Running
let admin: string
beforeAll(async () => {
  s = await startServer()
  admin = s.tokenFor(ADMIN)
})
afterAll(async () => {
  await s.stop()
})

const call = (action: string, payload: unknown, token = admin) => s.call(action, payload, token)
const tree = async (): Promise<OrgUnit[]> => (await call('org.tree', {})).body.data.units
const byName = (units: OrgUnit[], name: string, parentId?: string) => units.find((u) => u.name === name && (!parentId || u.parentId === parentId) && !u.retiredAt)!

/** A refused edit: the code, the reason on the field, and not one row changed. */
async function expectRefused(action: string, payload: unknown, code: string, path: string | null, message: RegExp, token = admin) {
  const before = await fingerprint(s)
  const res = await call(action, payload, token)
  expect(res.body.ok).toBe(false)
  expect(res.body.error.code).toBe(code)
  expect(res.body.error.message).toMatch(message)
  if (path) expect(res.body.error.issues.map((i: any) => i.path)).toContain(path)
  expect(await fingerprint(s)).toBe(before)
}

/** Roll-ups as stored equal the roll-ups projected from scratch over the current tree (for these units). */
async function expectRollupsMatchTree(code: string, unitIds: string[]) {
  const store = s.server.store
  const units = await store.orgTree('/')
  const ind = (await store.getIndicator(code, 2020))!
  const reports = await store.queryReports({ underPath: '/', indicatorCode: code, limit: 10000 })
  const projected = projectRollups(ind, new Map(units.map((u) => [u.id, u])), reports)
  const keys = new Set<string>()
  for (const id of unitIds) for (const k of projected.get(id)?.keys() ?? []) keys.add(k)
  for (const key of keys) {
    const stored = await store.rollups([code], unitIds, key)
    for (const id of unitIds) expect([id, key, withoutEmpty(stored.get(code)?.get(id) ?? {})]).toEqual([id, key, projected.get(id)?.get(key) ?? {}])
  }
  return projected
}

test('org.tree: the admin sees the whole tree with people counts; nobody else may', async () => {
  const res = await call('org.tree', {})
  expect(res.status).toBe(200)
  const units: OrgUnit[] = res.body.data.units
  expect(units[0]).toMatchObject({ id: 'qk', level: 'district' })
  expect(units.filter((u) => u.level === 'street')).toHaveLength(11)
  expect(res.body.data.peopleAt[GRID_WORKER_UNIT]).toBe(1)
  expect((await call('org.tree', {}, s.tokenFor(STREET_REVIEWER))).body.error.code).toBe('FORBIDDEN')
})

test('create and rename; every bad value is refused with its reason on the field and nothing written', async () => {
  const units = await tree()
  const street = byName(units, '长丰街')
  const community = byName(units, '团结社区', street.id)
  const made = await call('org.create', { parentId: community.id, name: '第9网格', population: { residents: 900 } })
  expect(made.body.data.unit).toMatchObject({ name: '第9网格', level: 'grid', parentId: community.id, population: { residents: 900 } })
  const grid: OrgUnit = made.body.data.unit
  expect((await s.server.store.getOrgUnit(grid.id))!.path).toBe(`${community.path}${grid.id}/`)

  await expectRefused('org.create', { parentId: community.id, name: '第9网格' }, 'ORG_RULE', 'name', /同一上级下已有「第9网格」/)
  await expectRefused('org.create', { parentId: grid.id, name: '小组' }, 'ORG_RULE', 'parentId', /网格下面不能再分单位/)
  await expectRefused('org.create', { parentId: community.id, name: '   ' }, 'ORG_RULE', 'name', /请填写名称/)
  await expectRefused('org.create', { parentId: community.id, name: '网'.repeat(41) }, 'ORG_RULE', 'name', /最多40个字/)
  await expectRefused('org.create', { parentId: 'qk-nope', name: '新社区' }, 'NOT_FOUND', 'parentId', /没有这个单位/)
  await expectRefused('org.create', { parentId: community.id, name: '第10网格', population: { residents: -1 } }, 'BAD_INPUT', 'population.residents', /./)
  await expectRefused('org.create', { parentId: community.id, name: '第10网格', population: { cats: 3 } }, 'BAD_INPUT', null, /./)
  await expectRefused('org.create', { parentId: community.id, name: '第10网格' }, 'FORBIDDEN', null, /管理员/, s.tokenFor(GRID_WORKER))

  expect((await call('org.rename', { unitId: grid.id, name: '第十网格' })).body.data.unit.name).toBe('第十网格')
  const sibling = units.find((u) => u.parentId === community.id && u.level === 'grid')!
  await expectRefused('org.rename', { unitId: grid.id, name: sibling.name }, 'ORG_RULE', 'name', /已有/)
})

test('move: the grid takes its reports along; roll-ups leave the old ancestors and reach the new ones', async () => {
  const worker = s.tokenFor(GRID_WORKER)
  const sent = await s.call('submit', { report: { clientId: clientId(), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-11', values: { service_points: 2, canteens: 1, trainees: 300 } } }, worker)
  expect(sent.body.data.status).toBe('accepted')
  const units = await tree()
  const grid = units.find((u) => u.id === GRID_WORKER_UNIT)!
  const from = units.find((u) => u.id === grid.parentId)!
  const to = units.find((u) => u.level === 'community' && u.parentId === 'qk-s01')!
  const ids = ['qk', 'qk-s11', from.id, to.id, 'qk-s01', grid.id]
  const before = await expectRollupsMatchTree('YL-133', ids)
  expect(before.get(from.id)).toBeDefined()

  await expectRefused('org.move', { unitId: grid.id, parentId: 'qk-s01' }, 'ORG_RULE', 'parentId', /网格只能放在社区下面/)
  await expectRefused('org.move', { unitId: grid.id, parentId: from.id }, 'ORG_RULE', 'parentId', /已经在/)
  await expectRefused('org.move', { unitId: 'qk', parentId: from.id }, 'ORG_RULE', 'parentId', /区不能移动/)

  const moved = await call('org.move', { unitId: grid.id, parentId: to.id })
  expect(moved.body.ok).toBe(true)
  expect(moved.body.data.rebuild.length).toBeGreaterThan(0)
  expect(moved.body.data.rebuild.every((j: any) => j.state === 'done')).toBe(true)
  const report = (await s.server.store.queryReports({ underPath: to.path, indicatorCode: 'YL-133', limit: 100 })).find((r) => r.orgUnitId === grid.id)!
  expect(report.unitPath).toBe(`${to.path}${grid.id}/`)
  const after = await expectRollupsMatchTree('YL-133', ids)
  // The grid's figures left 长丰街 and arrived in qk-s01's community.
  expect(after.get(to.id)?.get('2020-11')).toBeDefined()
  expect(after.get('qk')).toEqual(before.get('qk'))
  // The worker still reports for the same grid, and the street reviewer of 长丰街 no longer sees it.
  const review = await s.call('reports', { status: 'submitted', limit: 100 }, s.tokenFor(STREET_REVIEWER))
  expect(review.body.data.reports.some((r: any) => r.orgUnitId === grid.id)).toBe(false)
  // Back again, and the roll-ups follow again.
  expect((await call('org.move', { unitId: grid.id, parentId: from.id })).body.ok).toBe(true)
  await expectRollupsMatchTree('YL-133', ids)
})

test('merge: the survivor takes children and people, the merged unit retires with its reports; retire needs it empty', async () => {
  const units = await tree()
  const street = byName(units, '长丰街')
  const a = await call('org.create', { parentId: street.id, name: '合并甲社区' })
  const b = await call('org.create', { parentId: street.id, name: '合并乙社区' })
  const A: OrgUnit = a.body.data.unit
  const B: OrgUnit = b.body.data.unit
  const ga = (await call('org.create', { parentId: A.id, name: '甲一网格' })).body.data.unit as OrgUnit
  await s.server.store.putPeople([{ id: 'u-merge-1', name: '合并员', role: 'community_reviewer', orgUnitId: A.id }])

  await expectRefused('org.retire', { unitId: A.id }, 'ORG_RULE', 'unitId', /还有1个下级单位/)
  await expectRefused('org.merge', { unitId: A.id, intoId: street.id }, 'ORG_RULE', 'intoId', /只能合并到同一级/)
  const merged = await call('org.merge', { unitId: A.id, intoId: B.id })
  expect(merged.body.ok).toBe(true)
  expect(merged.body.data.peopleMoved).toBe(1)
  expect(await s.server.store.getOrgUnit(A.id)).toMatchObject({ retiredAt: expect.any(String), mergedInto: B.id, path: A.path })
  expect(await s.server.store.getOrgUnit(ga.id)).toMatchObject({ parentId: B.id, path: `${B.path}${ga.id}/` })
  expect((await s.server.store.getPerson('u-merge-1'))!.orgUnitId).toBe(B.id)
  expect((await s.server.store.childUnits(street.id)).some((u) => u.id === A.id)).toBe(false)
  await expectRefused('org.rename', { unitId: A.id, name: '复活' }, 'ORG_RULE', 'unitId', /已经撤销/)

  const g2 = (await call('org.create', { parentId: B.id, name: '空网格' })).body.data.unit as OrgUnit
  expect((await call('org.retire', { unitId: g2.id })).body.data.unit.retiredAt).toBeDefined()
  await expectRefused('org.retire', { unitId: B.id }, 'ORG_RULE', 'unitId', /还有1个下级单位/)
})

async function sheet(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('组织架构')
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

test('org.import: a dry run lists what would happen and writes nothing; one refused row stops the whole import', async () => {
  const good = await sheet([
    ['街道', '社区', '网格', '常住人口'],
    ['长丰街', '团结社区', '', 12000],
    ['新建街', '新建一社区', '第1网格', 800],
    ['新建街', '新建二社区', '', '']
  ])
  const before = await fingerprint(s)
  const dry = await call('org.import', { name: '组织架构.xlsx', base64: good, dryRun: true })
  expect(dry.body.data).toMatchObject({ dryRun: true, written: false, created: 4, updated: 1, refused: 0 })
  expect(dry.body.data.lines.map((l: any) => [l.line, l.outcome])).toEqual([
    [2, 'update'],
    [3, 'create'],
    [4, 'create']
  ])
  expect(await fingerprint(s)).toBe(before)

  const bad = await sheet([
    ['街道', '社区', '网格', '常住人口'],
    ['新建街', '新建一社区', '', ''],
    ['新建街', '', '第2网格', '']
  ])
  const refused = await call('org.import', { name: '组织架构.xlsx', base64: bad, dryRun: false })
  expect(refused.body.data).toMatchObject({ written: false, refused: 1 })
  expect(refused.body.data.lines[1]).toMatchObject({ line: 3, outcome: 'refused', reason: '网格要写在某个社区下面：缺少社区名称' })
  expect(await fingerprint(s)).toBe(before)

  await expectRefused('org.import', { name: '说明.docx', base64: good, dryRun: true }, 'BAD_INPUT', 'file', /请上传 xlsx 或 csv/)
  await expectRefused('org.import', { name: '组织架构.xlsx', base64: Buffer.from('not a zip').toString('base64'), dryRun: true }, 'BAD_INPUT', 'file', /不是 docx 或 xlsx/)
  await expectRefused('org.import', { name: '组织架构.csv', base64: Buffer.from('名称,人口\n甲,1\n').toString('base64'), dryRun: true }, 'BAD_INPUT', 'file', /没有找到「街道」一列/)

  const done = await call('org.import', { name: '组织架构.xlsx', base64: good, dryRun: false })
  expect(done.body.data).toMatchObject({ written: true, created: 4 })
  const units = await tree()
  const street = byName(units, '新建街')
  expect(units.filter((u) => u.parentId === street.id).map((u) => u.name)).toEqual(['新建一社区', '新建二社区'])
  expect(byName(units, '团结社区', 'qk-s11').population).toEqual({ residents: 12000 })
  // The same sheet again finds everything in place.
  const again = await call('org.import', { name: '组织架构.csv', base64: Buffer.from('街道,社区,网格\n新建街,新建一社区,第1网格\n').toString('base64'), dryRun: false })
  expect(again.body.data).toMatchObject({ written: false, created: 0, refused: 0 })
})
