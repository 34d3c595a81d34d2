import { changeRefusal, isActive, placementRefusal, rolesForLevel } from '../../src/core/people'
import type { OrgUnit } from '../../src/core/org'

const district: OrgUnit = { id: 'd', name: '某区', level: 'district', parentId: null, path: '/d/' }
const street: OrgUnit = { id: 'd-s1', name: '长丰街', level: 'street', parentId: 'd', path: '/d/d-s1/' }
const community: OrgUnit = { id: 'd-s1-c1', name: '团结社区', level: 'community', parentId: 'd-s1', path: '/d/d-s1/d-s1-c1/' }
const grid: OrgUnit = { id: 'd-s1-c1-g1', name: '第1网格', level: 'grid', parentId: 'd-s1-c1', path: '/d/d-s1/d-s1-c1/d-s1-c1-g1/' }
const elsewhere: OrgUnit = { id: 'x', name: '外区', level: 'district', parentId: null, path: '/x/' }

test('each level holds its roles: grid workers at grids, reviewers at communities and streets, the admin at the district', () => {
  expect(rolesForLevel('grid')).toEqual(['grid_worker'])
  expect(rolesForLevel('community')).toEqual(['community_reviewer'])
  expect(rolesForLevel('street')).toEqual(['street_reviewer'])
  expect(rolesForLevel('district')).toEqual(['admin'])
  expect(placementRefusal('grid_worker', grid, district.path)).toBeNull()
  expect(placementRefusal('community_reviewer', community, district.path)).toBeNull()
  expect(placementRefusal('grid_worker', community, district.path)).toEqual({ field: 'role', message: '网格员只能设在网格一级，团结社区是社区' })
  expect(placementRefusal('street_reviewer', grid, street.path)?.field).toBe('role')
})

test('units outside the admin’s subtree, or none, are refused like a unit that does not exist', () => {
  expect(placementRefusal('admin', elsewhere, district.path)).toEqual({ field: 'orgUnitId', message: '没有这个单位，或不在您的管辖范围内' })
  expect(placementRefusal('grid_worker', null, district.path)).toEqual(placementRefusal('admin', elsewhere, district.path))
  expect(placementRefusal('street_reviewer', street, community.path)?.field).toBe('orgUnitId')
})

test('an admin changes people of their subtree, never themselves; deactivated means deactivatedAt is set', () => {
  const admin = { id: 'a', name: '管理', role: 'admin' as const, orgUnitId: 'd' }
  const worker = { id: 'w', name: '网格员', role: 'grid_worker' as const, orgUnitId: grid.id }
  expect(changeRefusal(admin, district.path, worker, grid)).toBeNull()
  expect(changeRefusal(admin, district.path, admin, district)?.message).toContain('不能修改自己')
  expect(changeRefusal(admin, street.path, { ...worker, orgUnitId: 'x' }, elsewhere)).toEqual({ field: 'personId', message: '没有这个人员' })
  expect(changeRefusal(admin, district.path, null, null)).toEqual({ field: 'personId', message: '没有这个人员' })
  expect(isActive(worker)).toBe(true)
  expect(isActive({ ...worker, deactivatedAt: '2020-12-01T00:00:00Z' })).toBe(false)
})
