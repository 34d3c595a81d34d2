import { crumb, findUnits, gridIdFor, type UnitLite } from '../../src/packages/people/unitChoice'

// A real install's ids are generated: the admin picks by name.
const units: UnitLite[] = [
  { id: 'd1', name: '某某区', level: 'district', parentId: null },
  { id: 'd1-s01', name: '东湖街道', level: 'street', parentId: 'd1' },
  { id: 'd1-s02', name: '西岭街道', level: 'street', parentId: 'd1' },
  { id: 'd1-s01-c01', name: '湖滨社区', level: 'community', parentId: 'd1-s01' },
  { id: 'd1-s02-c01', name: '湖滨社区', level: 'community', parentId: 'd1-s02' },
  { id: 'd1-s01-c02', name: '湖心社区', level: 'community', parentId: 'd1-s01', retiredAt: '2020-12-01T00:00:00Z' },
  { id: 'd1-s01-c01-g01', name: '第1网格', level: 'grid', parentId: 'd1-s01-c01' },
  { id: 'd1-s02-c01-g01', name: '第1网格', level: 'grid', parentId: 'd1-s02-c01' }
]
const byId = new Map(units.map((u) => [u.id, u]))

test('communities are found by part of their name or by id, active ones only, each shown with its street', () => {
  expect(findUnits(units, 'community', '湖').map((u) => crumb(u, byId))).toEqual(['东湖街道 · 湖滨社区', '西岭街道 · 湖滨社区'])
  expect(findUnits(units, 'community', 'd1-s02-c01').map((u) => u.id)).toEqual(['d1-s02-c01'])
  expect(findUnits(units, 'community', '  ')).toEqual([])
  expect(findUnits(units, 'street', '湖滨')).toEqual([])
})

test('a line’s grid name means the grid of the chosen community; anything else goes as typed', () => {
  expect(gridIdFor(units, 'd1-s02-c01', '第1网格')).toBe('d1-s02-c01-g01')
  expect(gridIdFor(units, 'd1-s01-c01', '第1网格')).toBe('d1-s01-c01-g01')
  expect(gridIdFor(units, 'd1-s01-c01', '第9网格')).toBe('第9网格')
  expect(gridIdFor(units, 'd1-s01-c01', 'd1-s01-c01-g01')).toBe('d1-s01-c01-g01')
})
