import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { isNotFoundError, readDoc } from '../../cloud/store/cloudbase/docs'
import { decodeFieldKey, encodeFieldKey } from '../../cloud/store/cloudbase/fieldKeys'
import type { Database, DocumentRef } from '../../cloud/store/cloudbase/sdk'
import { reportDoc } from '../../cloud/store/cloudbase/writeReport'
import type { OrgUnit } from '../../src/core/org'
import { reportId } from '../../src/core/report'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { ReportWrite, StoredReport } from '../../cloud/store/types'
import { storeContract } from './contract'
import { StandInDatabase } from './cloudbaseStandIn'

// Everything below runs the CloudBase adapter against an in-memory
// STAND-IN of wx-server-sdk's database (test/store/cloudbaseStandIn.ts),
// not against CloudBase itself, which cannot be reached from here.
storeContract('CloudBase adapter over an in-memory stand-in of wx-server-sdk (missing docs throw: SDK default)', async () => new CloudBaseStore(new StandInDatabase()))
storeContract(
  'CloudBase adapter over an in-memory stand-in of wx-server-sdk (throwOnNotFound: false, as the cloud function runs)',
  async () => new CloudBaseStore(new StandInDatabase({ throwOnNotFound: false }))
)

const ind = SEED_INDICATORS[0]
const district: OrgUnit = { id: 'd', name: '区', level: 'district', parentId: null, path: '/d/' }
const street: OrgUnit = { id: 's', name: '街', level: 'street', parentId: 'd', path: '/d/s/' }
const grid = (i: number): OrgUnit => {
  const id = `s-g${String(i).padStart(3, '0')}`
  return { id, name: `网格${i}`, level: 'grid', parentId: 's', path: `/d/s/${id}/` }
}

const report = (unit: OrgUnit, over: Partial<StoredReport> = {}): StoredReport => ({
  id: reportId(ind.code, unit.id, '2020-11'),
  clientId: `client-${unit.id}`,
  indicatorCode: ind.code,
  orgUnitId: unit.id,
  unitPath: unit.path,
  period: '2020-11',
  values: { canteens: 1 },
  dates: {},
  narrative: '',
  evidence: [],
  reasons: {},
  status: 'submitted',
  version: 1,
  submittedBy: 'p1',
  submittedAt: '2020-12-01T00:00:00.000Z',
  onTime: true,
  updatedAt: '2020-12-01T00:00:00.000Z',
  returnedFields: [],
  verdicts: {},
  ...over
})

const write = (r: StoredReport, over: Partial<ReportWrite> = {}): ReportWrite => ({
  report: r,
  expectedVersion: 0,
  clientId: r.clientId,
  expectedYearStamp: 0,
  rollupUnitIds: ['d', 's', r.orgUnitId],
  deltas: [{ indicatorCode: ind.code, period: r.period, field: 'canteens', dSum: 1, dN: 1 }],
  counted: { [r.period]: r.values },
  history: { reportId: r.id, at: r.updatedAt, actorId: 'p1', actorName: '张三', action: 'submit', version: r.version, changes: [] },
  ...over
})

/** The same database, except that `set` on one collection inside a transaction fails. */
function failingSetIn(db: StandInDatabase, collection: string): Database {
  return {
    command: db.command,
    RegExp: (o) => db.RegExp(o),
    collection: (name) => db.collection(name),
    runTransaction: (fn, times) =>
      db.runTransaction(
        (tx) =>
          fn({
            collection: (name) => ({
              doc: (id): DocumentRef => {
                const real = tx.collection(name).doc(id)
                if (name !== collection) return real
                return { get: () => real.get(), update: (o) => real.update(o), remove: () => real.remove(), set: async () => Promise.reject(new Error('boom')) }
              }
            })
          }),
        times
      )
  }
}

describe('CloudBase adapter specifics (over the in-memory stand-in, not real CloudBase)', () => {
  let db: StandInDatabase
  let store: CloudBaseStore
  beforeEach(async () => {
    db = new StandInDatabase()
    store = new CloudBaseStore(db)
    await store.putOrgUnits([district, street])
    await store.putIndicator(ind)
  })

  test('pages past the 100-record default: 250 grids under one street all come back', async () => {
    const grids = Array.from({ length: 250 }, (_, i) => grid(i))
    await store.putOrgUnits(grids)
    const before = db.stats.gets
    const under = await store.unitsUnder(street.path, 'grid')
    expect(under).toHaveLength(250)
    expect(under.map((u) => u.id)).toEqual(grids.map((g) => g.id))
    expect(db.stats.gets - before).toBe(3)
    expect(await store.childUnits('s')).toHaveLength(250)
    expect(await store.countUnitsUnder(district.path, 'grid')).toBe(250)
    // A second put of known units changes names only, and still sees all 250.
    await store.putOrgUnits(grids.map((g) => ({ ...g, name: `${g.name}改`, path: '/elsewhere/' })))
    expect((await store.getOrgUnit(grids[249].id))?.path).toBe(grids[249].path)
    expect((await store.getOrgUnit(grids[249].id))?.name).toBe('网格249改')
  })

  test('queryReports: newest first, honours limits above and below a page, continues by updatedBefore', async () => {
    // 250 stored reports, updatedAt one minute apart, written straight into the stand-in.
    for (let i = 0; i < 250; i++) {
      const r = report(grid(i), { updatedAt: new Date(Date.UTC(2021, 0, 1, 0, i)).toISOString() })
      await db.collection('reports').doc(r.id).set({ data: reportDoc(r, 2020) })
    }
    const newest = await store.queryReports({ underPath: '/d/', limit: 30 })
    expect(newest.map((r) => r.orgUnitId)).toEqual(Array.from({ length: 30 }, (_, i) => grid(249 - i).id))
    expect(await store.queryReports({ underPath: '/d/', limit: 100 })).toHaveLength(100)
    const many = await store.queryReports({ underPath: '/d/s/', limit: 180 })
    expect(many).toHaveLength(180)
    expect(new Set(many.map((r) => r.id)).size).toBe(180)
    const next = await store.queryReports({ underPath: '/d/', limit: 100, after: { updatedAt: many[179].updatedAt, id: many[179].id } })
    expect(next.map((r) => r.orgUnitId)).toEqual(Array.from({ length: 70 }, (_, i) => grid(69 - i).id))
    expect(await store.queryReports({ underPath: '/d/s/s-g001/', limit: 100 })).toHaveLength(1)
  })

  test('roll-up field keys with #, $, : and _ are stored encoded and read back as they were', async () => {
    const g = grid(1)
    await store.putOrgUnits([g])
    const fields = ['#received', '#on_time', '$v:prevention', 'canteens', 'a.b']
    const deltas = fields.map((field, i) => ({ indicatorCode: ind.code, period: '2020-11', field, dSum: i + 1, dN: 1 }))
    expect(await store.writeReport(write(report(g), { deltas }))).toEqual({ kind: 'ok' })
    const raw = db.dump('rollups').find((d) => d._id === `${ind.code}~s~2020-11`)!
    for (const key of Object.keys(raw.fields as object)) expect(key).toMatch(/^[A-Za-z0-9_]+$/)
    const read = (await store.rollups([ind.code], ['s'], '2020-11')).get(ind.code)?.get('s')
    expect(read).toEqual(Object.fromEntries(fields.map((f, i) => [f, { sum: i + 1, n: 1 }])))
    // A second write increments the encoded paths in place.
    const again = report(g, { version: 2, clientId: 'client-again' })
    await store.writeReport(write(again, { expectedVersion: 1, expectedYearStamp: 1, deltas: [{ ...deltas[2], dSum: 10, dN: 0 }] }))
    expect((await store.rollups([ind.code], ['d'], '2020-11')).get(ind.code)?.get('d')?.['$v:prevention']).toEqual({ sum: 13, n: 1 })
  })

  test('field-key encoding is reversible and only emits [A-Za-z0-9_]', () => {
    for (const key of ['canteens', 'on_time', '__x__', '_0023', '#received', '$v:q1', 'a.b', '网格', '']) {
      const enc = encodeFieldKey(key)
      expect(enc).toMatch(/^[A-Za-z0-9_]*$/)
      expect(decodeFieldKey(enc)).toBe(key)
    }
    expect(encodeFieldKey('#received')).toBe('_0023received')
  })

  test('concurrent writes from sibling grids both land in the shared roll-ups (transaction re-run)', async () => {
    const [a, b] = [grid(1), grid(2)]
    await store.putOrgUnits([a, b])
    const outcomes = await Promise.all([store.writeReport(write(report(a))), store.writeReport(write(report(b)))])
    expect(outcomes).toEqual([{ kind: 'ok' }, { kind: 'ok' }])
    expect(db.stats.conflicts).toBeGreaterThan(0)
    const rolled = await store.rollups([ind.code], ['d', 's', a.id, b.id], '2020-11')
    expect(rolled.get(ind.code)?.get('s')).toEqual({ canteens: { sum: 2, n: 2 } })
    expect(rolled.get(ind.code)?.get(a.id)).toEqual({ canteens: { sum: 1, n: 1 } })
  })

  test('a failure inside the write transaction leaves nothing behind', async () => {
    const g = grid(1)
    await store.putOrgUnits([g])
    const failing = new CloudBaseStore(failingSetIn(db, 'history'))
    await expect(failing.writeReport(write(report(g)))).rejects.toThrow('boom')
    expect(await store.getReport(report(g).id)).toBeNull()
    expect(await store.submission(report(g).clientId)).toBeNull()
    expect(await store.unitYear(ind.code, g.id, 2020)).toEqual({ stamp: 0, counted: {} })
    expect(db.dump('rollups')).toEqual([])
  })

  test('every seed indicator round-trips (no field names the database would refuse)', async () => {
    for (const i of SEED_INDICATORS) await store.putIndicator(i)
    expect(await store.listIndicators(2020)).toEqual([...SEED_INDICATORS].sort((x, y) => x.seq - y.seq || (x.code < y.code ? -1 : 1)))
  })
})

describe('the stand-in imitates the SDK limits the adapter must respect', () => {
  test('get() returns 100 records without limit(), at most 1000 with it', async () => {
    const db = new StandInDatabase()
    for (let i = 0; i < 1100; i++) await db.collection('c').doc(`id${i}`).set({ data: { i } })
    expect((await db.collection('c').get()).data).toHaveLength(100)
    expect((await db.collection('c').limit(5000).get()).data).toHaveLength(1000)
    expect((await db.collection('c').count()).total).toBe(1100)
  })

  test('a missing doc throws the SDK-shaped error, which the adapter reads as "missing" and nothing else does', async () => {
    const db = new StandInDatabase()
    const err = await db.collection('c').doc('nope').get().catch((e: unknown) => e)
    expect(isNotFoundError(err)).toBe(true)
    expect(isNotFoundError(new Error('network timeout'))).toBe(false)
    expect(await readDoc(db.collection('c').doc('nope'))).toBeNull()
    expect(await readDoc(new StandInDatabase({ throwOnNotFound: false }).collection('c').doc('nope'))).toBeNull()
  })

  test('field names the database refuses are refused, so unencoded roll-up keys would fail', async () => {
    const db = new StandInDatabase()
    await expect(db.collection('c').doc('x').set({ data: { fields: { '$v:q1': 1 } } })).rejects.toThrow(/invalid field name/)
    await expect(db.collection('c').doc('x').set({ data: { _id: 'x' } })).rejects.toThrow(/_id/)
    expect(() => db.collection('c').where({ a: undefined })).toThrow(/undefined/)
  })
})
