import type { OrgUnit } from '../../src/core/org'
import type { ServerStore, StoredUpload } from '../../cloud/store/server'

/**
 * What the local server's stores (SQLite, PostgreSQL) add to the Store
 * contract and the people screen relies on: a changed role, unit or
 * standing ends the person's sessions, and the upload quota is reserved in
 * one step.
 */
export function serverStoreContract(name: string, make: () => Promise<ServerStore>): void {
  const district: OrgUnit = { id: 'd', name: '区', level: 'district', parentId: null, path: '/d/' }
  const g1: OrgUnit = { id: 'd-g1', name: '网格一', level: 'grid', parentId: 'd', path: '/d/d-g1/' }
  const g2: OrgUnit = { id: 'd-g2', name: '网格二', level: 'grid', parentId: 'd', path: '/d/d-g2/' }
  const worker = { id: 'p1', name: '张三', role: 'grid_worker' as const, orgUnitId: g1.id }

  describe(`Server store contract: ${name}`, () => {
    let store: ServerStore
    beforeEach(async () => {
      store = await make()
      await store.putOrgUnits([district, g1, g2])
      await store.putPeople([worker])
    })
    afterEach(async () => {
      await store.close()
    })

    test('deactivating, moving or changing the role ends sessions; a rename or the same standing does not', async () => {
      const gen = () => store.sessionGeneration('p1')
      const g0 = await gen()
      await store.putPeople([{ ...worker, name: '张三丰' }])
      expect(await gen()).toBe(g0)
      await store.putPeople([{ ...worker, deactivatedAt: '2020-12-01T00:00:00Z' }])
      expect(await gen()).toBe(g0 + 1)
      await store.putPeople([{ ...worker, deactivatedAt: '2020-12-01T00:00:00Z' }])
      expect(await gen()).toBe(g0 + 1)
      await store.putPeople([worker])
      expect(await gen()).toBe(g0 + 2)
      await store.putPeople([{ ...worker, orgUnitId: g2.id }])
      expect(await gen()).toBe(g0 + 3)
      await store.putPeople([{ ...worker, orgUnitId: g2.id, role: 'community_reviewer' }])
      expect(await gen()).toBe(g0 + 4)
    })

    test('reserveUpload records only within the quota, and parallel reservations never pass it together', async () => {
      const up = (i: number, bytes: number): StoredUpload => ({ id: `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000.png`, personId: 'p1', unitPath: g1.path, mime: 'image/png', name: 'a', bytes, createdAt: '2020-12-02T00:00:00.000Z' })
      const since = '2020-11-30T16:00:00.000Z'
      const results = await Promise.all([1, 2, 3, 4, 5].map((i) => store.reserveUpload(up(i, 40), since, 100)))
      expect(results.filter(Boolean)).toHaveLength(2)
      expect(await store.uploadedBytesSince('p1', since)).toBe(80)
      expect(await store.reserveUpload(up(9, 20), since, 100)).toBe(true)
      expect(await store.reserveUpload(up(10, 1), since, 100)).toBe(false)
      expect(await store.getUpload(up(10, 1).id)).toBeNull()
    })
  })
}
