import { ApiError } from '../../src/core/errors'
import type { OrgUnit } from '../../src/core/org'
import { moveProblem, parentProblem, retireProblem, unitNameProblem } from '../../src/core/orgRules'
import { OrgTree, planCreate, planMerge, planMove, planRename, planRetire } from '../../src/core/orgChange'
import { planTreeImport } from '../../src/core/orgImport'
import { parseCsv } from '../../src/core/import/csv'

const u = (id: string, name: string, level: OrgUnit['level'], parent: OrgUnit | null, extra: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  name,
  level,
  parentId: parent?.id ?? null,
  path: `${parent?.path ?? '/'}${id}/`,
  ...extra
})
const d = u('qk', '青口区', 'district', null)
const s1 = u('qk-s01', '长丰街道', 'street', d)
const s2 = u('qk-s02', '团结街道', 'street', d)
const c1 = u('qk-s01-c01', '团结社区', 'community', s1)
const c2 = u('qk-s01-c02', '光明社区', 'community', s1)
const c3 = u('qk-s02-c01', '新华社区', 'community', s2)
const g1 = u('qk-s01-c01-g01', '第1网格', 'grid', c1)
const g2 = u('qk-s01-c01-g02', '第2网格', 'grid', c1)
const g3 = u('qk-s01-c02-g01', '第1网格', 'grid', c2)
const ALL = [d, s1, s2, c1, c2, c3, g1, g2, g3]
const tree = () => new OrgTree(ALL)

function refusal(fn: () => unknown): { code: string; message: string; path?: string } {
  try {
    fn()
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, message: e.message, path: e.extra.issues?.[0]?.path }
    throw e
  }
  throw new Error('expected a refusal')
}

test('rules: a grid’s parent must be a community; names bounded; retire needs nothing active', () => {
  expect(parentProblem(s1, 'grid')).toBe('网格只能放在社区下面，「长丰街道」是街道')
  expect(parentProblem(c1, 'grid')).toBeNull()
  expect(parentProblem({ ...c1, retiredAt: '2021-01-01' }, 'grid')).toContain('已撤销')
  expect(unitNameProblem('  ')).toBe('请填写名称')
  expect(unitNameProblem('长'.repeat(41))).toBe('名称最多40个字')
  expect(moveProblem(c1, g1)).toBe('不能移到自己或自己的下级下面')
  expect(moveProblem(d, s1)).toBe('区不能移动')
  expect(retireProblem(c1, 2, 0)).toContain('还有2个下级单位')
  expect(retireProblem(g1, 0, 1)).toContain('还有1名人员')
  expect(retireProblem(g1, 0, 0)).toBeNull()
})

test('create: level follows the parent, fresh id, sibling names unique, grids hold nothing', () => {
  const { unit } = planCreate(tree(), { parentId: c1.id, name: ' 第3网格 ' })
  expect(unit).toEqual({ id: 'qk-s01-c01-g03', name: '第3网格', level: 'grid', parentId: c1.id, path: `${c1.path}qk-s01-c01-g03/` })
  expect(refusal(() => planCreate(tree(), { parentId: c1.id, name: '第1网格' }))).toEqual({ code: 'ORG_RULE', message: '同一上级下已有「第1网格」，请换一个名称', path: 'name' })
  expect(refusal(() => planCreate(tree(), { parentId: g1.id, name: '小组' })).message).toBe('网格下面不能再分单位')
  expect(refusal(() => planCreate(tree(), { parentId: 'nope', name: 'x' })).code).toBe('NOT_FOUND')
  // A retired sibling's name is free again.
  const t = new OrgTree([...ALL.filter((x) => x !== g2), { ...g2, retiredAt: '2021-01-01' }])
  expect(planCreate(t, { parentId: c1.id, name: '第2网格' }).unit.id).toBe('qk-s01-c01-g03')
})

test('rename: only among active siblings; the same name on another parent is fine', () => {
  expect(planRename(tree(), g3.id, '第2网格').units).toEqual([{ ...g3, name: '第2网格' }])
  expect(refusal(() => planRename(tree(), g1.id, '第2网格')).message).toContain('已有「第2网格」')
  expect(planRename(tree(), g1.id, '第1网格').units[0].name).toBe('第1网格')
})

test('move: the subtree’s paths are rewritten, each with the path its roll-ups were counted under', () => {
  const change = planMove(tree(), c1.id, s2.id)
  expect(change.units.map((x) => [x.id, x.parentId, x.path])).toEqual(
    expect.arrayContaining([
      [c1.id, s2.id, '/qk/qk-s02/qk-s01-c01/'],
      [g1.id, c1.id, '/qk/qk-s02/qk-s01-c01/qk-s01-c01-g01/'],
      [g2.id, c1.id, '/qk/qk-s02/qk-s01-c01/qk-s01-c01-g02/']
    ])
  )
  expect(change.units).toHaveLength(3)
  expect(change.moved).toEqual(expect.arrayContaining([{ unitId: g1.id, fromPath: g1.path }]))
  expect(refusal(() => planMove(tree(), g1.id, s2.id)).message).toBe('网格只能放在社区下面，「团结街道」是街道')
  expect(refusal(() => planMove(tree(), g1.id, c1.id)).message).toContain('已经在')
  // 第1网格 already lives in 光明社区.
  expect(refusal(() => planMove(tree(), g1.id, c2.id))).toMatchObject({ code: 'ORG_RULE', path: 'parentId' })
})

test('merge: the survivor takes the active children and the people; the merged unit retires where it was', () => {
  const people = [{ id: 'p1', orgUnitId: c2.id }, { id: 'p2', orgUnitId: g3.id }, { id: 'p3', orgUnitId: c1.id }]
  const clash = refusal(() => planMerge(tree(), c2.id, c1.id, people, '2021-03-01T00:00:00Z'))
  expect(clash.message).toBe('「团结社区」下已有同名的网格：第1网格，请先改名')
  const t = new OrgTree(ALL.map((x) => (x.id === g3.id ? { ...x, name: '第9网格' } : x)))
  const change = planMerge(t, c2.id, c1.id, people, '2021-03-01T00:00:00Z')
  expect(change.units.find((x) => x.id === c2.id)).toEqual({ ...c2, retiredAt: '2021-03-01T00:00:00Z', mergedInto: c1.id })
  expect(change.units.find((x) => x.id === g3.id)).toMatchObject({ parentId: c1.id, path: `${c1.path}${g3.id}/` })
  expect(change.people).toEqual([{ personId: 'p1', orgUnitId: c1.id }])
  expect(change.moved).toEqual([{ unitId: g3.id, fromPath: g3.path }])
  expect(refusal(() => planMerge(tree(), c2.id, s1.id, people, 'x')).message).toContain('只能合并到同一级的单位')
})

test('retire: refused while people or active children remain; then only the retired mark is written', () => {
  expect(refusal(() => planRetire(tree(), g3.id, [{ id: 'p', orgUnitId: g3.id }], 'at')).message).toContain('还有1名人员')
  expect(refusal(() => planRetire(tree(), c2.id, [], 'at')).message).toContain('还有1个下级单位')
  expect(planRetire(tree(), g3.id, [], 'at').units).toEqual([{ ...g3, retiredAt: 'at' }])
})

test('import: reuses units by name, creates the rest, puts population on the last named unit', () => {
  const sheet = parseCsv('\uFEFF街道,社区,网格,常住人口,老年人口\r\n长丰街道,团结社区,第1网格,,\r\n长丰街道,团结社区,第3网格,"1,200",300\n新港街道,,,8000,\n新港街道,海湾社区,,,\n')
  const plan = planTreeImport(ALL, d, sheet)
  expect(plan.refused).toBe(0)
  expect(plan.lines.map((l) => [l.line, l.outcome, l.creates.map((c) => c.name)])).toEqual([
    [2, 'exists', []],
    [3, 'create', ['第3网格']],
    [4, 'create', ['新港街道']],
    [5, 'create', ['海湾社区']]
  ])
  expect(plan.change.units.map((x) => [x.id, x.name, x.population ?? null])).toEqual([
    ['qk-s01-c01-g03', '第3网格', { residents: 1200, elderly: 300 }],
    ['qk-s03', '新港街道', { residents: 8000 }],
    ['qk-s03-c01', '海湾社区', null]
  ])
})

test('import: every bad row is refused with its reason; a file without the header says what is expected', () => {
  const sheet = [
    ['街道', '社区', '网格', '常住人口'],
    ['', '团结社区', '', ''],
    ['长丰街道', '', '第5网格', ''],
    ['长丰街道', '团结社区', '第4网格', '很多'],
    ['长丰街道', '长'.repeat(41), '', ''],
    ['长丰街道', '团结社区', '', '100'],
    ['长丰街道', '团结社区', '', '200'],
    ['团结街道', '第1网格', '', '']
  ]
  const plan = planTreeImport(ALL, d, sheet)
  expect(plan.lines.map((l) => [l.line, l.outcome, l.reason])).toEqual([
    [2, 'refused', '缺少街道名称'],
    [3, 'refused', '网格要写在某个社区下面：缺少社区名称'],
    [4, 'refused', '常住人口应是不小于0的整数，现在是「很多」'],
    [5, 'refused', '社区名称：名称最多40个字'],
    [6, 'update', undefined],
    [7, 'refused', '第6行已给「团结社区」填了不同的人口数'],
    [8, 'create', undefined]
  ])
  expect(plan.refused).toBe(5)
  expect(refusal(() => planTreeImport(ALL, d, [['名称', '人口']])).message).toContain('没有找到「街道」一列')
})
