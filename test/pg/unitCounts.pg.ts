import type { OrgUnit } from '../../src/core/org'
import { PgStore } from '../../cloud/store/pg/PgStore'
import { freshDatabase } from './db'

/**
 * countUnitsUnder keeps its counts per process (a district's count visits
 * every grid beneath it) and must still answer what is committed now,
 * whoever changed the tree: another process, an org change, plain SQL,
 * or nobody (a write rolled back).
 */
jest.setTimeout(30000)

const district: OrgUnit = { id: 'd', name: '区', level: 'district', parentId: null, path: '/d/' }
const street: OrgUnit = { id: 'd-s1', name: '街道', level: 'street', parentId: 'd', path: '/d/d-s1/' }
const community: OrgUnit = { id: 'd-s1-c1', name: '社区', level: 'community', parentId: 'd-s1', path: '/d/d-s1/d-s1-c1/' }
const grid = (k: number): OrgUnit => ({ id: `d-s1-c1-g${k}`, name: `网格${k}`, level: 'grid', parentId: community.id, path: `/d/d-s1/d-s1-c1/d-s1-c1-g${k}/` })

let reader: PgStore
let writer: PgStore
beforeEach(async () => {
  const url = await freshDatabase('counts')
  reader = await PgStore.connect(url)
  writer = await PgStore.connect(url)
  await writer.putOrgUnits([district, street, community, grid(1), grid(2)])
})
afterEach(async () => {
  await reader.close()
  await writer.close()
})

const count = () => reader.countUnitsUnder(district.path, 'grid')

test('a repeated count reads the stamp only, not the units', async () => {
  expect(await count()).toBe(2)
  const spy = jest.spyOn(reader.pool, 'query')
  try {
    expect(await count()).toBe(2)
    expect(await reader.countUnitsUnder(street.path, 'grid')).toBe(2)
    const sql = spy.mock.calls.map((c) => String(c[0]))
    // The street's count is new (one count); the district's came from the cache.
    expect(sql.filter((s) => s.includes('FROM org_units')).length).toBe(1)
    expect(sql.filter((s) => s.includes('FROM org_stamp')).length).toBe(2)
  } finally {
    spy.mockRestore()
  }
})

test("another process's units, org changes and plain SQL are counted at once", async () => {
  expect(await count()).toBe(2)
  await writer.putOrgUnits([grid(3)])
  expect(await count()).toBe(3)
  await writer.applyOrgChange([{ ...grid(3), retiredAt: '2021-01-01T00:00:00.000Z', mergedInto: grid(1).id }], [])
  expect(await count()).toBe(2)
  await writer.pool.query('UPDATE org_units SET retired_at = NULL WHERE id = $1', [grid(3).id])
  expect(await count()).toBe(3)
  await writer.pool.query("UPDATE org_units SET level = 'community' WHERE id = $1", [grid(2).id])
  expect(await count()).toBe(2)
})

test('a write still open or rolled back is not counted, and a later commit is', async () => {
  expect(await count()).toBe(2)
  const c = await writer.pool.connect()
  try {
    await c.query('BEGIN')
    await c.query("INSERT INTO org_units (id, name, level, parent_id, path) VALUES ($1, '网格4', 'grid', $2, $3)", [grid(4).id, community.id, grid(4).path])
    expect(await count()).toBe(2)
    await c.query('ROLLBACK')
  } finally {
    c.release()
  }
  expect(await count()).toBe(2)
  await writer.putOrgUnits([grid(4)])
  expect(await count()).toBe(3)
})
