import type { OrgUnit } from '../../src/core/org'
import type { Person } from '../../src/core/person'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import type { Store } from '../../cloud/store/types'

/**
 * A city of 15,000 grids for reminder tests and the bench: 50 streets × 10
 * communities × 30 grids, one grid worker per grid and one reviewer per
 * community, each holding two one-time grants for `templateId` (openid
 * `wx-<person id>`). Only YL-133 (monthly) is filled in, so everyone has
 * overdue months to hear about.
 */
export const CITY = { streets: 50, communities: 10, grids: 30 } as const

export function cityTree(): { units: OrgUnit[]; people: Person[] } {
  const units: OrgUnit[] = [{ id: 'c', name: '市', level: 'district', parentId: null, path: '/c/' }]
  const people: Person[] = []
  for (let s = 1; s <= CITY.streets; s++) {
    const sid = `c-s${String(s).padStart(2, '0')}`
    units.push({ id: sid, name: `第${s}街道`, level: 'street', parentId: 'c', path: `/c/${sid}/` })
    for (let m = 1; m <= CITY.communities; m++) {
      const cid = `${sid}-m${String(m).padStart(2, '0')}`
      const cpath = `/c/${sid}/${cid}/`
      units.push({ id: cid, name: `第${m}社区`, level: 'community', parentId: sid, path: cpath })
      people.push({ id: `r-${cid}`, name: `审核${s}-${m}`, role: 'community_reviewer', orgUnitId: cid })
      for (let g = 1; g <= CITY.grids; g++) {
        const gid = `${cid}-g${String(g).padStart(2, '0')}`
        units.push({ id: gid, name: `第${g}网格`, level: 'grid', parentId: cid, path: `${cpath}${gid}/` })
        people.push({ id: `w-${gid}`, name: `网格员${g}`, role: 'grid_worker', orgUnitId: gid })
      }
    }
  }
  return { units, people }
}

export async function seedCity(store: Store, templateId: string, at: string): Promise<Person[]> {
  const { units, people } = cityTree()
  await store.putOrgUnits(units)
  await store.putPeople(people)
  await store.putIndicator(SEED_INDICATORS.find((i) => i.code === 'YL-133')!)
  for (const p of people) await store.grantReminder({ personId: p.id, templateId, openid: `wx-${p.id}`, add: 2, at })
  return people
}
