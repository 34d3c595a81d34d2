import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudBaseStore } from '../../cloud/store/cloudbase/CloudBaseStore'
import { migrateCloudBase } from '../../cloud/store/cloudbase/migrate'
import { MIGRATIONS } from '../../cloud/store/sqlite/migrations'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { runPendingRebuilds } from '../../cloud/rollup/rebuild'
import type { Store } from '../../cloud/store/types'
import { StandInDatabase } from '../store/cloudbaseStandIn'
import { UNITS, YL133, rebuiltFromReports, storedRollups, KEYS_2020 } from './world'

/**
 * Data written before plans per year: indicators with activeFrom/activeTo,
 * unit-years without a counted contribution, and roll-ups that drifted (the
 * district shows 4 canteens where its one grid reported 1 + 2).
 */
const { year: _y, ...oldBody } = YL133
const OLD_INDICATOR = { ...oldBody, activeFrom: 2020 }
const GRID = UNITS.find((u) => u.id === 'd-s1-c1-g1')!
const oldReport = (period: string, canteens: number) => ({
  id: `YL-133~${GRID.id}~${period}`,
  clientId: `old-${period}`,
  indicatorCode: 'YL-133',
  orgUnitId: GRID.id,
  period,
  values: { service_points: 0, canteens, trainees: 0 },
  dates: {},
  narrative: '',
  evidence: [],
  reasons: {},
  status: 'submitted',
  version: 1,
  submittedBy: 'p',
  submittedAt: '2020-12-01T00:00:00.000Z',
  onTime: true,
  updatedAt: '2020-12-01T00:00:00.000Z',
  returnedFields: [],
  verdicts: {}
})
const OLD_REPORTS = [oldReport('2020-11', 1), oldReport('2020-12', 2)]
const now = () => '2021-01-05T00:00:00.000Z'

async function expectMigrated(store: Store) {
  expect(await store.planYears()).toEqual([2020])
  expect(await store.getIndicator('YL-133', 2020)).toEqual(YL133)
  expect((await store.pendingRebuildJobs()).map((j) => [j.indicatorCode, j.year, j.total])).toEqual([['YL-133', 2020, 1]])
  await runPendingRebuilds(store, (c, y) => store.getIndicator(c, y), Number.POSITIVE_INFINITY, now)
  expect(await store.pendingRebuildJobs()).toEqual([])
  const district = (await store.rollups(['YL-133'], ['d'], '2020')).get('YL-133')!.get('d')!
  expect(district.canteens).toEqual({ sum: 3, n: 1 })
  expect(await storedRollups(store, 'YL-133', KEYS_2020)).toEqual(await rebuiltFromReports(store, 'YL-133', 2020))
}

test('SQLite migration 5: activeFrom becomes the 2020 plan, drifted roll-ups are emptied and rebuilt from the reports', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gebao-mig-'))
  const file = join(dir, 'old.db')
  const db = new Database(file)
  for (const m of MIGRATIONS.slice(0, 4)) db.exec(m)
  db.pragma('user_version = 4')
  const unit = db.prepare('INSERT INTO org_units (id, name, level, parent_id, path) VALUES (?, ?, ?, ?, ?)')
  for (const u of UNITS) unit.run(u.id, u.name, u.level, u.parentId, u.path)
  db.prepare('INSERT INTO indicators (code, seq, body) VALUES (?, ?, ?)').run('YL-133', 1, JSON.stringify(OLD_INDICATOR))
  for (const r of OLD_REPORTS) {
    const { id, indicatorCode, orgUnitId, period, status, version, updatedAt } = r
    db.prepare('INSERT INTO reports (id, indicator_code, org_unit_id, unit_path, period, year, status, version, updated_at, body) VALUES (?, ?, ?, ?, ?, 2020, ?, ?, ?, ?)').run(
      id, indicatorCode, orgUnitId, GRID.path, period, status, version, updatedAt, JSON.stringify(r)
    )
  }
  db.prepare('INSERT INTO unit_years (indicator_code, org_unit_id, year, stamp) VALUES (?, ?, 2020, 2)').run('YL-133', GRID.id)
  db.prepare("INSERT INTO rollups (indicator_code, unit_id, period, field, sum, n) VALUES ('YL-133', 'd', '2020', 'canteens', 4, 1)").run()
  db.close()

  const store = new SqliteStore(file)
  try {
    await expectMigrated(store)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

test('CloudBase migration (over the stand-in): the same, once', async () => {
  const db = new StandInDatabase({ throwOnNotFound: false })
  const store = new CloudBaseStore(db)
  await store.putOrgUnits(UNITS)
  const { code, ...body } = OLD_INDICATOR
  await db.collection('indicators').doc(code).set({ data: JSON.parse(JSON.stringify(body)) })
  for (const r of OLD_REPORTS) {
    const { id, ...rest } = r
    await db.collection('reports').doc(id).set({ data: { ...rest, unitPath: GRID.path, year: 2020 } })
  }
  await db.collection('unit_years').doc(`YL-133~${GRID.id}~2020`).set({ data: { indicatorCode: 'YL-133', orgUnitId: GRID.id, year: 2020, stamp: 2 } })
  await db.collection('rollups').doc('YL-133~d~2020').set({ data: { indicatorCode: 'YL-133', unitId: 'd', period: '2020', fields: { canteens: { sum: 4, n: 1 } } } })

  expect(await migrateCloudBase(db, now())).toBe(true)
  await expectMigrated(store)
  expect(await migrateCloudBase(db, now())).toBe(false)
  expect((await store.rollups(['YL-133'], ['d'], '2020')).get('YL-133')!.get('d')!.canteens).toEqual({ sum: 3, n: 1 })
})
