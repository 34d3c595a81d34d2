import type { Person } from '../person'

/**
 * Demo people for local mode's login screen. 田莉莉 signs the seed's table;
 * the others are invented. Their units are in the 长丰街 part of the demo
 * tree (长丰街 is qk-s11; 园博北社区 is its first community).
 */
export const DEMO_PEOPLE: Person[] = [
  { id: 'u-grid-1', name: '张晓梅', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g1' },
  { id: 'u-grid-2', name: '刘洋', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g2' },
  { id: 'u-grid-3', name: '赵敏', role: 'grid_worker', orgUnitId: 'qk-s01-c01-g1' },
  { id: 'u-comm-1', name: '王芳', role: 'community_reviewer', orgUnitId: 'qk-s11-c01' },
  { id: 'u-street-1', name: '陈卫东', role: 'street_reviewer', orgUnitId: 'qk-s11' },
  { id: 'u-admin', name: '田莉莉', role: 'admin', orgUnitId: 'qk' }
]
