import { childPath, type OrgUnit } from '../org'

/**
 * The demo organisation: 硚口区 with its 11 streets, 136 communities and 992
 * grids (the counts the seed gives). Communities the seed names sit in their
 * streets; the rest get stable generated names so ids never move between
 * runs, which keeps demo data and tests reproducible.
 */
export const DISTRICT_ID = 'qk'
export const DISTRICT_NAME = '硚口区'

export const STREET_NAMES = ['古田街', '韩家墩街', '宗关街', '汉水桥街', '宝丰街', '荣华街', '易家街', '六角亭街', '汉正街', '汉中街', '长丰街'] as const

/** Communities named in the seed's narrative, by street. */
const NAMED_COMMUNITIES: Record<string, string[]> = {
  古田街: ['古一社区', '古三社区'],
  韩家墩街: ['张公堤社区'],
  宗关街: ['公安社区'],
  易家街: ['工农路社区'],
  六角亭街: ['荣东社区'],
  长丰街: ['园博北社区', '团结社区']
}

export const COMMUNITY_COUNT = 136
export const GRID_COUNT = 992

/** Spread `total` over `parts` as evenly as whole numbers allow, larger first. */
function spread(total: number, parts: number): number[] {
  const base = Math.floor(total / parts)
  const extra = total % parts
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0))
}

const pad = (n: number) => String(n).padStart(2, '0')

export function buildDemoOrgTree(): OrgUnit[] {
  const district: OrgUnit = { id: DISTRICT_ID, name: DISTRICT_NAME, level: 'district', parentId: null, path: `/${DISTRICT_ID}/` }
  const units: OrgUnit[] = [district]
  const communitiesPerStreet = spread(COMMUNITY_COUNT, STREET_NAMES.length)
  const gridsPerCommunity = spread(GRID_COUNT, COMMUNITY_COUNT)
  let communityIndex = 0
  STREET_NAMES.forEach((streetName, s) => {
    const streetId = `${DISTRICT_ID}-s${pad(s + 1)}`
    const street: OrgUnit = { id: streetId, name: streetName, level: 'street', parentId: DISTRICT_ID, path: childPath(district.path, streetId) }
    units.push(street)
    const named = NAMED_COMMUNITIES[streetName] ?? []
    for (let c = 0; c < communitiesPerStreet[s]; c++) {
      const communityId = `${streetId}-c${pad(c + 1)}`
      const communityName = named[c] ?? `${streetName.replace(/街$/, '')}第${c + 1}社区`
      const community: OrgUnit = { id: communityId, name: communityName, level: 'community', parentId: streetId, path: childPath(street.path, communityId) }
      units.push(community)
      const grids = gridsPerCommunity[communityIndex++]
      for (let g = 0; g < grids; g++) {
        const gridId = `${communityId}-g${g + 1}`
        units.push({ id: gridId, name: `${communityName}第${g + 1}网格`, level: 'grid', parentId: communityId, path: childPath(community.path, gridId) })
      }
    }
  })
  return units
}
