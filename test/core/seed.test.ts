import { IndicatorSchema } from '../../src/core/schema/indicator'
import { isWithin } from '../../src/core/org'
import { OrgUnitSchema } from '../../src/core/schema/org'
import { PersonSchema } from '../../src/core/schema/person'
import { ROLE_LEVEL } from '../../src/core/person'
import { SEED_INDICATORS, SEED_INDICATORS_INPUT } from '../../src/core/seed/catalog'
import { buildDemoOrgTree, STREET_NAMES } from '../../src/core/seed/orgTree'
import { DEMO_PEOPLE } from '../../src/core/seed/users'

describe('the seed catalog', () => {
  test('nine indicators in the table order, categories as in the table', () => {
    expect(SEED_INDICATORS.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    const categories = SEED_INDICATORS.map((i) => i.category)
    expect(new Set(categories.slice(0, 3)).size).toBe(1)
    expect(categories[3]).toBe('创新创优克难攻坚指标')
    expect(categories[4]).toBe('创新创优克难攻坚指标')
    expect(new Set(categories.slice(5)).size).toBe(1)
    expect(categories[5]).toBe('业务工作指标')
  })

  test('every target kind the seed uses is encoded', () => {
    const kinds = new Set(SEED_INDICATORS.flatMap((i) => i.targets.map((t) => t.kind)))
    expect([...kinds].sort()).toEqual(['count', 'milestone', 'percentage', 'progress', 'qualitative', 'rate'])
  })

  test('a target reading an unknown field is refused', () => {
    const broken = { ...SEED_INDICATORS_INPUT[0], targets: [{ id: 'x', kind: 'count', label: 'x', field: 'nope', min: 1 }] }
    const r = IndicatorSchema.safeParse(broken)
    expect(r.success).toBe(false)
    expect(JSON.stringify(r.error?.issues)).toContain('目标要读的字段“nope”不存在')
  })

  test('duplicate field keys are refused', () => {
    const input = SEED_INDICATORS_INPUT[0]
    const broken = { ...input, fields: [...input.fields!, input.fields![0]] }
    expect(IndicatorSchema.safeParse(broken).success).toBe(false)
  })
})

describe('the demo organisation', () => {
  const units = buildDemoOrgTree()
  const count = (level: string) => units.filter((u) => u.level === level).length

  test('1 district, 11 streets, 136 communities, 992 grids, all valid', () => {
    expect([count('district'), count('street'), count('community'), count('grid')]).toEqual([1, 11, 136, 992])
    for (const u of units) expect(OrgUnitSchema.safeParse(u).success).toBe(true)
    expect(units.filter((u) => u.level === 'street').map((u) => u.name)).toEqual([...STREET_NAMES])
  })

  test('ids are unique and stable between builds', () => {
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length)
    expect(buildDemoOrgTree()).toEqual(units)
  })

  test('every path is its parent path plus its id', () => {
    const byId = new Map(units.map((u) => [u.id, u]))
    for (const u of units) {
      if (u.parentId === null) continue
      const parent = byId.get(u.parentId)!
      expect(u.path).toBe(`${parent.path}${u.id}/`)
      expect(isWithin(u.path, parent.path)).toBe(true)
    }
  })

  test('named communities sit in their streets', () => {
    const byId = new Map(units.map((u) => [u.id, u]))
    const streetOf = (name: string) => byId.get(units.find((u) => u.name === name)!.parentId!)!.name
    expect(streetOf('园博北社区')).toBe('长丰街')
    expect(streetOf('古一社区')).toBe('古田街')
    expect(streetOf('荣东社区')).toBe('六角亭街')
  })

  test('subtree queries by path prefix do not leak into siblings', () => {
    const s1 = units.find((u) => u.id === 'qk-s01')!
    const s10 = units.find((u) => u.id === 'qk-s10')!
    expect(isWithin(s10.path, s1.path)).toBe(false)
  })

  test('demo people sit at their role level', () => {
    const byId = new Map(units.map((u) => [u.id, u]))
    for (const p of DEMO_PEOPLE) {
      expect(PersonSchema.safeParse(p).success).toBe(true)
      expect(byId.get(p.orgUnitId)?.level).toBe(ROLE_LEVEL[p.role])
    }
  })
})
