/** What every part of the bad-input corpus shares: the case shapes, who sends what, and the ids the suite sets up. */
export interface BadCase {
  name: string
  who: string | null
  action: string
  payload: unknown
}

export type FaultCategory =
  | 'wrong type'
  | 'negative'
  | 'NaN'
  | 'Infinity'
  | 'huge number'
  | 'long string'
  | 'control chars'
  | 'HTML'
  | 'unknown id'
  | 'other unit'
  | 'closed period'
  | 'missing'
  | 'extra key'

export interface CategorizedCase extends BadCase {
  category: FaultCategory
}

/** Adds one categorized case (a part of the corpus fills the list it is given). */
export type Add = (action: string, who: string | null, category: FaultCategory, name: string, payload: unknown) => void

export const WORKER = 'u-grid-1'
export const UNIT = 'qk-s11-c01-g1'
export const REVIEWER = 'u-comm-1'
export const ADMIN = 'u-admin'
export const STREET = 'u-street-1'
export const NAN = 'NaN'
export const INF = 'Infinity'

export const long = (n: number) => '长'.repeat(n)

/** A zip's first four bytes and nothing else: the shape of a docx, not one. */
export const ZIP_HEADER_ONLY = 'UEsDBA=='
/** A submitted report in the reviewer's community (the suite submits it first). */
export const CORPUS_REPORT_ID = 'YL-133~qk-s11-c01-g1~2020-11'
/** A report of another street (u-grid-3's grid; the suite submits it first). */
export const OTHER_STREET_REPORT_ID = 'YL-133~qk-s01-c01-g1~2020-11'
export const TEMPLATE = 'gebao-demo-pending'

export const GOOD_INDICATOR = {
  code: 'X-1',
  seq: 50,
  category: '类',
  title: '题',
  description: '',
  fields: [{ key: 'a', label: '甲', kind: 'count', max: 100 }],
  targets: [{ id: 'c', kind: 'count', label: '丙', field: 'a', min: 1 }],
  period: 'month',
  due: { daysAfterEnd: 5 },
  accumulation: 'per_period',
  reportLevel: 'grid',
  year: 2020
}
