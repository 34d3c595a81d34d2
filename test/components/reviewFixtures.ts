import type { HistoryData } from '../../src/services/api'
import { unit } from './fakeServices'

// The review pages' world: 硚口区 › 古田街道 › 古田一社区 › two grids.
export const district = unit('qk', '硚口区', 'district')
export const street = unit('qk-s01', '古田街道', 'street', district.path)
export const street2 = unit('qk-s02', '宝丰街道', 'street', district.path)
export const community = unit('qk-s01-c01', '古田一社区', 'community', street.path)
export const g1 = unit('qk-s01-c01-g01', '第一网格', 'grid', community.path)
export const g2 = unit('qk-s01-c01-g02', '第二网格', 'grid', community.path)

export type StoredReport = HistoryData['report']
export type Entry = HistoryData['entries'][number]

export function report(over: Partial<StoredReport> & Pick<StoredReport, 'indicatorCode' | 'orgUnitId' | 'period'>): StoredReport {
  const u = [district, street, street2, community, g1, g2].find((x) => x.id === over.orgUnitId)
  return {
    id: `${over.indicatorCode}~${over.orgUnitId}~${over.period}`,
    clientId: 'c-000000001',
    unitPath: u?.path ?? `/qk/${over.orgUnitId}/`,
    values: {},
    dates: {},
    narrative: '',
    evidence: [],
    reasons: {},
    status: 'submitted',
    version: 1,
    submittedBy: 'p-grid',
    submittedAt: '2021-01-02T02:00:00.000Z',
    onTime: true,
    updatedAt: '2021-01-02T02:00:00.000Z',
    returnedFields: [],
    verdicts: {},
    ...over
  }
}

export function entry(over: Partial<Entry> & Pick<Entry, 'action' | 'version'>): Entry {
  return { reportId: 'r', at: '2021-01-02T02:00:00.000Z', actorId: 'p-grid', actorName: '张晓梅', changes: [], ...over }
}
