/**
 * The bad-input corpus: payloads every action must refuse with a 4xx and no
 * change to the database. Each case names who sends it, the action and the
 * payload. Built from mutations of a valid request, so each case differs
 * from an accepted one in one way only.
 */
export interface BadCase {
  name: string
  who: string | null
  action: string
  payload: unknown
}

const WORKER = 'u-grid-1'
const UNIT = 'qk-s11-c01-g1'
const REVIEWER = 'u-comm-1'
const ADMIN = 'u-admin'

const good = () => ({
  clientId: 'corpus-0001',
  indicatorCode: 'YL-133',
  orgUnitId: UNIT,
  period: '2020-12',
  values: { service_points: 1, canteens: 1, trainees: 10 }
})

const long = (n: number) => '长'.repeat(n)

/** Each mutation sets one key of the draft (undefined deletes it). */
const draftMutations: [string, Record<string, unknown>][] = [
  ['no clientId', { clientId: undefined }],
  ['clientId too short', { clientId: 'abc' }],
  ['clientId too long', { clientId: 'x'.repeat(65) }],
  ['clientId with spaces', { clientId: 'abc def ghi' }],
  ['clientId a number', { clientId: 12345678 }],
  ['clientId HTML', { clientId: '<script>alert(1)</script>' }],
  ['clientId control chars', { clientId: 'abcd\u0000efgh' }],
  ['no indicatorCode', { indicatorCode: undefined }],
  ['unknown indicator', { indicatorCode: 'NOPE-1' }],
  ['lowercase indicator', { indicatorCode: 'yl-133' }],
  ['indicator a number', { indicatorCode: 133 }],
  ['indicator HTML', { indicatorCode: '<b>YL</b>' }],
  ['no orgUnitId', { orgUnitId: undefined }],
  ['another grid', { orgUnitId: 'qk-s11-c01-g2' }],
  ['another street\'s grid', { orgUnitId: 'qk-s01-c01-g1' }],
  ['unknown unit', { orgUnitId: 'qk-s99-c99-g9' }],
  ['unit path traversal', { orgUnitId: '../qk' }],
  ['unit an object', { orgUnitId: { $ne: null } }],
  ['no period', { period: undefined }],
  ['month 13', { period: '2020-13' }],
  ['quarter 5', { period: '2020-Q5' }],
  ['empty period', { period: '' }],
  ['period a number', { period: 202012 }],
  ['quarter for a monthly indicator', { period: '2020-Q4' }],
  ['year for a monthly indicator', { period: '2020' }],
  ['closed period', { period: '2020-08' }],
  ['last year', { period: '2019-12' }],
  ['period SQL', { period: "2020-12'; DROP TABLE reports; --" }],
  ['no values', { values: undefined, narrative: '' }],
  ['values empty', { values: {} }],
  ['values an array', { values: [1, 2, 3] }],
  ['values a string', { values: 'two' }],
  ['value a string', { values: { canteens: '2' } }],
  ['value null (NaN over JSON)', { values: { canteens: null } }],
  ['value a boolean', { values: { canteens: true } }],
  ['value an object', { values: { canteens: { $gt: 0 } } }],
  ['value negative', { values: { canteens: -1 } }],
  ['value fractional count', { values: { canteens: 1.5 } }],
  ['value huge', { values: { trainees: 1e300 } }],
  ['value above field max', { values: { canteens: 51 } }],
  ['value 1e9+', { values: { trainees: 1e9 + 1 } }],
  ['unknown field', { values: { canteens: 1, nope: 2 } }],
  ['field key uppercase', { values: { Canteens: 1 } }],
  ['field key HTML', { values: { '<img>': 1 } }],
  ['field key too long', { values: { ['a'.repeat(41)]: 1 } }],
  ['narrative too long', { narrative: long(2001) }],
  ['narrative a number', { narrative: 5 }],
  ['narrative control chars', { narrative: '正常\u0007文字' }],
  ['narrative null byte', { narrative: '\u0000' }],
  ['evidence 10 files', { evidence: Array.from({ length: 10 }, (_, i) => ({ id: `f${i}` })) }],
  ['evidence not a list', { evidence: 'photo.jpg' }],
  ['evidence without id', { evidence: [{ name: 'x' }] }],
  ['evidence id empty', { evidence: [{ id: '' }] }],
  ['evidence id too long', { evidence: [{ id: 'x'.repeat(201) }] }],
  ['evidence bad kind', { evidence: [{ id: 'f1', kind: 'video' }] }],
  ['reason too long', { reasons: { canteens: long(201) } }],
  ['reason for unknown field', { reasons: { nope: '因为' } }],
  ['reason a number', { reasons: { canteens: 1 } }],
  ['reason control chars', { reasons: { canteens: '\u001b[31m' } }],
  ['date on a count field', { dates: { canteens: '2020-12-01' } }],
  ['date malformed', { dates: { canteens: '2020/12/01' } }],
  ['date impossible', { dates: { canteens: '2020-02-30' } }],
  ['declaredRate above 100', { declaredRate: 101 }],
  ['declaredRate negative', { declaredRate: -1 }],
  ['declaredRate a string', { declaredRate: '100' }],
  ['baseVersion 0', { baseVersion: 0 }],
  ['baseVersion negative', { baseVersion: -1 }],
  ['baseVersion fractional', { baseVersion: 1.5 }],
  ['baseVersion a string', { baseVersion: '1' }],
  ['baseVersion of a report that does not exist', { baseVersion: 3 }],
  ['evidence name control chars', { evidence: [{ id: 'f1', name: 'a\u0000.jpg' }] }],
  ['dates a list', { dates: ['2020-12-01'] }],
  ['reasons a string', { reasons: 'because' }],
  ['only whitespace said', { values: {}, narrative: '  \n ' }],
  ['values with many unknown keys', { values: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i])) }]
]

function mutate(m: Record<string, unknown>): Record<string, unknown> {
  const d: Record<string, unknown> = { ...good() }
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined) delete d[k]
    else d[k] = v
  }
  return d
}

export function badInputCorpus(): BadCase[] {
  const cases: BadCase[] = []
  for (const [name, m] of draftMutations) {
    cases.push({ name: `submit: ${name}`, who: WORKER, action: 'submit', payload: { report: mutate(m) } })
  }
  // The same drafts through the offline queue's batch: the batch is taken,
  // each item is rejected on its own (checked separately), so only shapes the
  // batch itself refuses belong here.
  const batchShapes: [string, unknown][] = [
    ['no reports', {}],
    ['empty list', { reports: [] }],
    ['101 reports', { reports: Array.from({ length: 101 }, () => good()) }],
    ['reports a string', { reports: 'all' }],
    ['reports an object', { reports: { a: good() } }],
    ['extra key', { reports: [good()], force: true }]
  ]
  for (const [name, payload] of batchShapes) cases.push({ name: `sync: ${name}`, who: WORKER, action: 'sync', payload })

  const submitShapes: [string, unknown][] = [
    ['payload null', null],
    ['payload a list', [good()]],
    ['payload a string', 'report'],
    ['report missing', {}],
    ['report a list', { report: [good()] }],
    ['extra top-level key', { report: good(), personId: ADMIN }],
    ['identity smuggled in', { report: good(), openid: 'someone' }]
  ]
  for (const [name, payload] of submitShapes) cases.push({ name: `submit: ${name}`, who: WORKER, action: 'submit', payload })

  const reviewBase = { reportId: 'YL-133~qk-s11-c01-g1~2020-11', version: 1, decision: 'approve' }
  const review: [string, unknown][] = [
    ['no reportId', { ...reviewBase, reportId: undefined }],
    ['unknown report', { ...reviewBase, reportId: 'YL-133~qk-s11-c01-g1~2019-01' }],
    ['reportId a number', { ...reviewBase, reportId: 1 }],
    ['reportId too long', { ...reviewBase, reportId: 'x'.repeat(121) }],
    ['no version', { ...reviewBase, version: undefined }],
    ['stale version', { ...reviewBase, version: 7 }],
    ['version 0', { ...reviewBase, version: 0 }],
    ['version a string', { ...reviewBase, version: '1' }],
    ['unknown decision', { ...reviewBase, decision: 'delete' }],
    ['decision missing', { ...reviewBase, decision: undefined }],
    ['return without comment', { ...reviewBase, decision: 'return' }],
    ['return with blank comment', { ...reviewBase, decision: 'return', comment: '   ' }],
    ['comment too long', { ...reviewBase, decision: 'return', comment: long(501) }],
    ['comment control chars', { ...reviewBase, decision: 'return', comment: '请\u0008核对' }],
    ['unknown returned field', { ...reviewBase, decision: 'return', comment: '核对', fields: ['nope'] }],
    ['returned fields not a list', { ...reviewBase, decision: 'return', comment: '核对', fields: 'trainees' }],
    ['verdict for a count target', { ...reviewBase, verdicts: { canteens: 'met' } }],
    ['verdict value unknown', { ...reviewBase, verdicts: { prevention: 'great' } }],
    ['reopen a submitted report', { ...reviewBase, decision: 'reopen' }],
    ['extra key', { ...reviewBase, status: 'approved' }]
  ]
  for (const [name, payload] of review) cases.push({ name: `review: ${name}`, who: REVIEWER, action: 'review', payload: JSON.parse(JSON.stringify(payload)) })

  const progress: [string, unknown][] = [
    ['no period', {}],
    ['bad period', { period: '2020-00' }],
    ['period a number', { period: 2020 }],
    ['unknown unit', { period: '2020', orgUnitId: 'qk-s99' }],
    ['unit HTML', { period: '2020', orgUnitId: '<qk>' }],
    ['other community', { period: '2020', orgUnitId: 'qk-s11-c02' }],
    ['the district', { period: '2020', orgUnitId: 'qk' }],
    ['extra key', { period: '2020', all: true }]
  ]
  for (const [name, payload] of progress) cases.push({ name: `progress: ${name}`, who: REVIEWER, action: 'progress', payload })

  const history: [string, unknown][] = [
    ['no reportId', {}],
    ['empty reportId', { reportId: '' }],
    ['unknown report', { reportId: 'nope' }],
    ['reportId an object', { reportId: { $regex: '.*' } }]
  ]
  for (const [name, payload] of history) cases.push({ name: `history: ${name}`, who: REVIEWER, action: 'history', payload })

  const reports: [string, unknown][] = [
    ['limit 0', { limit: 0 }],
    ['limit 1000', { limit: 1000 }],
    ['limit fractional', { limit: 2.5 }],
    ['unknown status', { status: 'deleted' }],
    ['bad indicator code', { indicatorCode: 'yl' }],
    ['unit out of scope', { orgUnitId: 'qk-s01' }],
    ['unknown unit', { orgUnitId: 'qk-s77' }],
    ['extra key', { all: true }]
  ]
  for (const [name, payload] of reports) cases.push({ name: `reports: ${name}`, who: REVIEWER, action: 'reports', payload })

  // Review level by level (issue 13): batch approve, the review context, sign-offs.
  const levelCases: [string, string, unknown][] = [
    ['review.batch', 'no items', {}],
    ['review.batch', 'empty items', { items: [] }],
    ['review.batch', '51 items', { items: Array.from({ length: 51 }, (_, i) => ({ reportId: `r${i}`, version: 1 })) }],
    ['review.batch', 'version 0', { items: [{ reportId: 'x', version: 0 }] }],
    ['review.batch', 'the same report twice', { items: [{ reportId: 'x', version: 1 }, { reportId: 'x', version: 1 }] }],
    ['review.context', 'no reportId', {}],
    ['review.context', 'unknown report', { reportId: 'nope' }],
    ['review.context', 'empty reportId', { reportId: '' }],
    ['review.context', 'reportId an object', { reportId: { $regex: '.*' } }],
    ['review.context', 'extra key', { reportId: 'nope', all: true }],
    ['signoff.view', 'no indicator', { period: '2020-12' }],
    ['signoff.view', 'bad period', { indicatorCode: 'YL-133', period: '2020-13' }],
    ['signoff.view', 'indicator without a chain', { indicatorCode: 'YL-133', period: '2020-12' }],
    ['signoff.view', 'bad indicator code', { indicatorCode: 'yl', period: '2020-12' }],
    ['signoff.view', 'unit out of scope', { indicatorCode: 'YL-133', period: '2020-12', unitId: 'qk-s01' }],
    ['signoff', 'unknown decision', { indicatorCode: 'YL-133', period: '2020-12', unitId: 'qk-s11-c01-g2', decision: 'approve', version: 0 }],
    ['signoff', 'negative version', { indicatorCode: 'YL-133', period: '2020-12', unitId: 'qk-s11-c01-g2', decision: 'missing', comment: '空缺', version: -1 }],
    ['signoff', 'no unit', { indicatorCode: 'YL-133', period: '2020-12', decision: 'sign', version: 0 }],
    ['signoff', 'unit an object', { indicatorCode: 'YL-133', period: '2020-12', unitId: { $ne: 1 }, decision: 'sign', version: 0 }],
    ['signoff', 'indicator without a chain', { indicatorCode: 'YL-133', period: '2020-12', unitId: 'qk-s11-c01-g2', decision: 'missing', comment: '空缺', version: 0 }],
    ['signoff.batch', 'empty items', { indicatorCode: 'YL-133', period: '2020-12', items: [] }],
    ['signoff.batch', 'no items', { indicatorCode: 'YL-133', period: '2020-12' }],
    ['signoff.batch', '51 items', { indicatorCode: 'YL-133', period: '2020-12', items: Array.from({ length: 51 }, (_, i) => ({ unitId: `u${i}`, version: 0 })) }],
    ['signoff.batch', 'indicator without a chain', { indicatorCode: 'YL-133', period: '2020-12', items: [{ unitId: 'qk-s11-c01', version: 0 }] }],
    ['signoff.batch', 'extra key', { indicatorCode: 'YL-133', period: '2020-12', items: [{ unitId: 'qk-s11-c01', version: 0 }], force: true }]
  ]
  for (const [action, name, payload] of levelCases) cases.push({ name: `${action}: ${name}`, who: REVIEWER, action, payload })

  const person = { id: 'u-corpus-1', name: '测试', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g5' }
  const invites: [string, unknown][] = [
    ['neither person nor id', {}],
    ['both person and id', { personId: WORKER, person }],
    ['unknown personId', { personId: 'ghost' }],
    ['bad role', { person: { ...person, role: 'king' } }],
    ['role not at unit level', { person: { ...person, role: 'community_reviewer' } }],
    ['unknown unit', { person: { ...person, orgUnitId: 'qk-s99-c01-g1' } }],
    ['name too long', { person: { ...person, name: long(11) } }],
    ['name empty', { person: { ...person, name: '' } }],
    ['name control chars', { person: { ...person, name: '张\u0000三' } }],
    ['person id taken', { person: { ...person, id: WORKER } }],
    ['person id uppercase', { person: { ...person, id: 'U-X' } }]
  ]
  for (const [name, payload] of invites) cases.push({ name: `invite.create: ${name}`, who: ADMIN, action: 'invite.create', payload })

  const indicator: [string, unknown][] = [
    ['no indicator', {}],
    ['indicator a string', { indicator: 'YL-133' }],
    ['no targets', { indicator: { code: 'X-1', seq: 1, category: '类', title: '题', description: '', fields: [], targets: [], period: 'month', due: { daysAfterEnd: 5 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['bad period type', { indicator: { code: 'X-1', seq: 1, category: '类', title: '题', description: '', fields: [], targets: [{ id: 'q', kind: 'qualitative', label: 'q' }], period: 'week', due: { daysAfterEnd: 5 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['due days negative', { indicator: { code: 'X-1', seq: 1, category: '类', title: '题', description: '', fields: [], targets: [{ id: 'q', kind: 'qualitative', label: 'q' }], period: 'month', due: { daysAfterEnd: -1 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['target min zero', { indicator: { code: 'X-1', seq: 1, category: '类', title: '题', description: '', fields: [{ key: 'a', label: 'a', kind: 'count' }], targets: [{ id: 'c', kind: 'count', label: 'c', field: 'a', min: 0 }], period: 'month', due: { daysAfterEnd: 5 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['unknown target kind', { indicator: { code: 'X-1', seq: 1, category: '类', title: '题', description: '', fields: [], targets: [{ id: 'c', kind: 'vibes', label: 'c' }], period: 'month', due: { daysAfterEnd: 5 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['field min above max', { indicator: { code: 'X-1', seq: 1, category: '类', title: '题', description: '', fields: [{ key: 'a', label: 'a', kind: 'count', min: 5, max: 1 }], targets: [{ id: 'c', kind: 'count', label: 'c', field: 'a', min: 1 }], period: 'month', due: { daysAfterEnd: 5 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['code lowercase', { indicator: { code: 'x-1', seq: 1, category: '类', title: '题', description: '', fields: [], targets: [{ id: 'q', kind: 'qualitative', label: 'q' }], period: 'month', due: { daysAfterEnd: 5 }, accumulation: 'per_period', reportLevel: 'grid', year: 2020 } }],
    ['assign to unknown level', { code: 'YL-133', reportLevel: 'city' }]
  ]
  for (const [name, payload] of indicator) {
    cases.push({ name: `indicator: ${name}`, who: ADMIN, action: name.startsWith('assign') ? 'indicator.assign' : 'indicator.put', payload })
  }

  const bind: [string, unknown][] = [
    ['no code', {}],
    ['code too short', { code: 'AB' }],
    ['code too long', { code: 'A'.repeat(17) }],
    ['code a number', { code: 12345678 }],
    ['unknown code', { code: 'ZZZZZZZZ' }]
  ]
  for (const [name, payload] of bind) cases.push({ name: `bind: ${name}`, who: null, action: 'bind', payload })

  const noSession: [string, unknown][] = [
    ['me', {}],
    ['catalog', {}],
    ['pending', {}],
    ['submit', { report: good() }],
    ['sync', { reports: [good()] }],
    ['progress', { period: '2020' }],
    ['invite.create', { personId: WORKER }]
  ]
  for (const [action, payload] of noSession) cases.push({ name: `${action}: without a session`, who: null, action, payload })

  const extras: [string, unknown][] = [
    ['me', { who: 'admin' }],
    ['catalog', { all: true }],
    ['pending', { personId: ADMIN }]
  ]
  for (const [action, payload] of extras) cases.push({ name: `${action}: unexpected payload`, who: WORKER, action, payload })
  // Other indicators, other field kinds, sent by the units that report them.
  const other = (who: string, indicatorCode: string, orgUnitId: string, period: string, values: unknown, extra: Record<string, unknown> = {}) => ({
    who,
    payload: { report: { clientId: 'corpus-0002', indicatorCode, orgUnitId, period, values, ...extra } }
  })
  const kinds: [string, { who: string; payload: unknown }][] = [
    ['beds negative', other(WORKER, 'YL-BED', UNIT, '2020-Q4', { beds: -1, elderly: 100 })],
    ['elderly fractional', other(WORKER, 'YL-BED', UNIT, '2020-Q4', { beds: 1, elderly: 100.5 })],
    ['beds for a month', other(WORKER, 'YL-BED', UNIT, '2020-12', { beds: 1 })],
    ['elderly above max', other(WORKER, 'YL-BED', UNIT, '2020-Q4', { elderly: 1e8 })],
    ['placed more than total', other(REVIEWER, 'SW-AFF', 'qk-s11-c01', '2020-12', { homeless_placed: 55, homeless_total: 54 })],
    ['visited more than families', other(REVIEWER, 'SW-AFF', 'qk-s11-c01', '2020-12', { families_visited: 2, families_total: 1 })],
    ['marriage count fractional', other(REVIEWER, 'SW-AFF', 'qk-s11-c01', '2020-12', { marriages_ok: 0.5 })],
    ['community indicator for a grid', other(WORKER, 'SW-AFF', UNIT, '2020-12', { homeless_total: 1 })],
    ['community indicator for another community', other(REVIEWER, 'SQ-GOV', 'qk-s11-c02', '2020-Q4', { counseling_projects: 1 })],
    ['covenant flag 2', other(REVIEWER, 'SQ-GOV', 'qk-s11-c01', '2020-Q4', { covenant_done: 2 })],
    ['covenant flag negative', other(REVIEWER, 'SQ-GOV', 'qk-s11-c01', '2020-Q4', { covenant_done: -1 })],
    ['fixed field only', other(REVIEWER, 'SQ-GOV', 'qk-s11-c01', '2020-Q4', { community_count: 5 })],
    ['progress above 100%', other(ADMIN, 'QH-BORDER', 'qk', '2020-Q4', { info_progress: 1.5 })],
    ['progress negative', other(ADMIN, 'QH-BORDER', 'qk', '2020-Q4', { border_progress: -0.1 })],
    ['progress as percent number', other(ADMIN, 'QH-BORDER', 'qk', '2020-Q4', { info_progress: 50 })],
    ['step value 2', other(ADMIN, 'FLY-2', 'qk', '2020-Q4', { land_done: 2 })],
    ['step value fractional', other(ADMIN, 'FLY-2', 'qk', '2020-Q4', { land_done: 0.5 })],
    ['step date in the future', other(ADMIN, 'FLY-2', 'qk', '2020-Q4', { land_done: 1 }, { dates: { land_done: '2021-03-01' } })],
    ['step date long ago', other(ADMIN, 'FLY-2', 'qk', '2020-Q4', { land_done: 1 }, { dates: { land_done: '2001-01-01' } })],
    ['step date for unknown step', other(ADMIN, 'FLY-2', 'qk', '2020-Q4', { land_done: 1 }, { dates: { moon_done: '2020-10-01' } })],
    ['district indicator by a grid worker', other(WORKER, 'FLY-2', UNIT, '2020-Q4', { land_done: 1 })],
    ['district indicator by a reviewer', other(REVIEWER, 'FLY-2', 'qk', '2020-Q4', { land_done: 1 })],
    ['qualitative with nothing said', other('u-street-1', 'YL-COVID', 'qk-s11', '2020-Q4', {}, { narrative: '   ' })],
    ['qualitative with a value', other('u-street-1', 'YL-COVID', 'qk-s11', '2020-Q4', { anything: 1 })],
    ['street indicator for another street', other('u-street-1', 'SW-AID', 'qk-s01', '2020-Q4', { temp_aided: 1 })],
    ['street coverage flag 3', other('u-street-1', 'SW-AID', 'qk-s11', '2020-Q4', { mental_covered: 3 })],
    ['aided more than needed', other('u-street-1', 'SW-AID', 'qk-s11', '2020-Q4', { temp_aided: 3, temp_needed: 2 })],
    ['social workers per population negative', other(REVIEWER, 'SQ-TEAM', 'qk-s11-c01', '2020-Q4', { residents: -100 })],
    ['team step as text', other(REVIEWER, 'SQ-TEAM', 'qk-s11-c01', '2020-Q4', { staffing_done: '是' })],
    ['team for a month', other(REVIEWER, 'SQ-TEAM', 'qk-s11-c01', '2020-12', { staffing_done: 1 })],
    ['future year', other(WORKER, 'YL-133', UNIT, '2021-12', { canteens: 1 })],
    ['before the indicator existed', other(WORKER, 'YL-133', UNIT, '2019-12', { canteens: 1 })],
    ['far future quarter', other(WORKER, 'YL-BED', UNIT, '2030-Q1', { beds: 1 })],
    ['money-sized trainees', other(WORKER, 'YL-133', UNIT, '2020-12', { trainees: 79079400 })],
    ['exponent notation huge', other(WORKER, 'YL-133', UNIT, '2020-12', { trainees: 1e21 })],
    ['negative zero and a bad one', other(WORKER, 'YL-133', UNIT, '2020-12', { canteens: -0, trainees: -3 })],
    ['max safe integer', other(WORKER, 'YL-133', UNIT, '2020-12', { trainees: Number.MAX_SAFE_INTEGER })],
    ['min value', other(WORKER, 'YL-133', UNIT, '2020-12', { trainees: -Number.MAX_VALUE })]
  ]
  for (const [name, { who, payload }] of kinds) cases.push({ name: `submit (other kinds): ${name}`, who, action: 'submit', payload })

  cases.push({ name: 'unknown action', who: WORKER, action: 'dropTables', payload: {} })
  cases.push({ name: 'action name with a path', who: WORKER, action: '..%2Fadmin', payload: {} })
  cases.push(...perActionCases())
  return cases
}

/**
 * The fault categories the issue names, for every action: each case says
 * which category it stands for, so the suite can show that every action is
 * hit by every category that applies to it. JSON cannot carry NaN or
 * Infinity: they arrive as the strings "NaN" / "Infinity" (what a client's
 * careless String(x) sends) or, for Infinity, as a literal like 1e309 in a
 * raw body, which JSON.parse turns into Infinity (see RAW_BODY_CASES).
 */
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

const NAN = 'NaN'
const INF = 'Infinity'
const STREET = 'u-street-1'
/** A submitted report in the reviewer's community (the suite submits it first). */
export const CORPUS_REPORT_ID = 'YL-133~qk-s11-c01-g1~2020-11'
/** A report of another street (u-grid-3's grid; the suite submits it first). */
export const OTHER_STREET_REPORT_ID = 'YL-133~qk-s01-c01-g1~2020-11'
const TEMPLATE = 'gebao-demo-pending'

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

function perActionCases(): CategorizedCase[] {
  const out: CategorizedCase[] = []
  const add = (action: string, who: string | null, category: FaultCategory, name: string, payload: unknown) =>
    out.push({ name: `${action} [${category}]: ${name}`, who, action, payload, category })

  // Review level by level (issue 13): strict payloads refuse each odd value in an unknown key.
  for (const action of ['review.batch', 'review.context', 'signoff.view', 'signoff', 'signoff.batch']) {
    add(action, REVIEWER, 'NaN', 'a key set to "NaN"', { x: NAN })
    add(action, REVIEWER, 'Infinity', 'a key set to "Infinity"', { x: INF })
    add(action, REVIEWER, 'huge number', 'a key set to 1e308', { n: 1e308 })
    add(action, REVIEWER, 'HTML', 'an HTML key', { '<img src=x onerror=alert(1)>': 1 })
    add(action, REVIEWER, 'control chars', 'a control-character key', { 'a\u0000b': 1 })
  }

  // Actions that take no payload: whatever is sent is refused, not ignored.
  for (const [action, who] of [
    ['me', WORKER],
    ['catalog', REVIEWER],
    ['pending', STREET],
    ['reminders.status', WORKER],
    ['reminders.run', ADMIN],
    ['plan.years', WORKER],
    ['rollups.status', ADMIN],
    ['org.tree', ADMIN],
    ['logout', WORKER]
  ] as const) {
    add(action, who, 'wrong type', 'payload a number', 42)
    add(action, who, 'wrong type', 'payload a list', [])
    add(action, who, 'NaN', 'a key set to "NaN"', { x: NAN })
    add(action, who, 'Infinity', 'a key set to "Infinity"', { x: INF })
    add(action, who, 'huge number', 'a key set to 1e308', { n: 1e308 })
    add(action, who, 'HTML', 'an HTML key', { '<img src=x onerror=alert(1)>': 1 })
    add(action, who, 'control chars', 'a control-character key', { 'a\u0000b': 1 })
    add(action, who, 'other unit', "another person's id", { personId: 'u-grid-3' })
  }

  // bind: the invite code is the only input.
  add('bind', null, 'NaN', 'code "NaN"', { code: NAN })
  add('bind', null, 'Infinity', 'code "Infinity"', { code: INF })
  add('bind', null, 'huge number', 'code 1e308', { code: 1e308 })
  add('bind', null, 'control chars', 'code with NUL', { code: 'ABCD\u0000EFG' })
  add('bind', null, 'HTML', 'code HTML', { code: '<b>ABCD</b>' })
  add('bind', null, 'extra key', 'personId smuggled in', { code: 'ZZZZZZZZ', personId: ADMIN })

  // submit: numbers where figures go, across the report's numeric fields.
  const r = (over: Record<string, unknown>) => ({ report: mutate(over) })
  add('submit', WORKER, 'NaN', 'value "NaN"', r({ values: { canteens: NAN } }))
  add('submit', WORKER, 'Infinity', 'value "Infinity"', r({ values: { trainees: INF } }))
  add('submit', WORKER, 'Infinity', 'value "-Infinity"', r({ values: { trainees: '-Infinity' } }))
  add('submit', WORKER, 'NaN', 'declaredRate "NaN"', r({ declaredRate: NAN }))
  add('submit', WORKER, 'Infinity', 'declaredRate "Infinity"', r({ declaredRate: INF }))
  add('submit', WORKER, 'NaN', 'baseVersion "NaN"', r({ baseVersion: NAN }))
  add('submit', WORKER, 'Infinity', 'baseVersion "Infinity"', r({ baseVersion: INF }))
  add('submit', WORKER, 'huge number', 'baseVersion 1e308', r({ baseVersion: 1e308 }))
  add('submit', WORKER, 'negative', 'declaredRate -0.01', r({ declaredRate: -0.01 }))
  add('submit', WORKER, 'HTML', 'period HTML', r({ period: '<i>2020-12</i>' }))
  add('submit', WORKER, 'HTML', 'evidence kind HTML', r({ evidence: [{ id: 'f1', kind: '<img>' }] }))
  add('submit', WORKER, 'control chars', 'period with NUL', r({ period: '2020-12\u0000' }))
  add('submit', WORKER, 'control chars', 'orgUnitId with a newline', r({ orgUnitId: `${UNIT}\n` }))
  add('submit', WORKER, 'long string', 'orgUnitId 65 characters', r({ orgUnitId: 'q'.repeat(65) }))
  add('submit', WORKER, 'long string', 'evidence name 101 characters', r({ evidence: [{ id: 'f1', name: long(101) }] }))
  add('submit', WORKER, 'unknown id', 'unknown indicator of a valid shape', r({ indicatorCode: 'ZZ-999' }))
  add('submit', WORKER, 'other unit', 'a community (the worker’s own parent)', r({ orgUnitId: 'qk-s11-c01' }))
  add('submit', WORKER, 'other unit', 'the district', r({ orgUnitId: 'qk' }))
  // Closed periods for an indicator of every reporting level, sent by the unit that reports it.
  const closed = (indicatorCode: string, orgUnitId: string, period: string, values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    report: { clientId: 'corpus-0003', indicatorCode, orgUnitId, period, values, ...extra }
  })
  add('submit', WORKER, 'closed period', 'grid, monthly, July', closed('YL-133', UNIT, '2020-07', { canteens: 1 }))
  add('submit', WORKER, 'closed period', 'grid, quarterly, Q2', closed('YL-BED', UNIT, '2020-Q2', { beds: 1, elderly: 10 }))
  add('submit', REVIEWER, 'closed period', 'community, monthly, August', closed('SW-AFF', 'qk-s11-c01', '2020-08', { homeless_total: 1 }))
  add('submit', REVIEWER, 'closed period', 'community, quarterly, Q1', closed('SQ-GOV', 'qk-s11-c01', '2020-Q1', { counseling_projects: 1 }))
  add('submit', STREET, 'closed period', 'street, quarterly, Q2', closed('SW-AID', 'qk-s11', '2020-Q2', { temp_aided: 1, temp_needed: 1 }))
  add('submit', STREET, 'closed period', 'street, qualitative, Q1', closed('YL-COVID', 'qk-s11', '2020-Q1', {}, { narrative: '已建立常态防控机制' }))
  add('submit', ADMIN, 'closed period', 'district, quarterly, Q2', closed('FLY-2', 'qk', '2020-Q2', { land_done: 1 }))

  // sync: the batch itself (its items are judged one by one: see the suite).
  add('sync', WORKER, 'NaN', 'reports "NaN"', { reports: NAN })
  add('sync', WORKER, 'Infinity', 'reports "Infinity"', { reports: INF })
  add('sync', WORKER, 'huge number', 'reports 1e308', { reports: 1e308 })
  add('sync', WORKER, 'negative', 'reports -1', { reports: -1 })
  add('sync', WORKER, 'HTML', 'reports HTML', { reports: '<b>all</b>' })
  add('sync', WORKER, 'control chars', 'reports NUL', { reports: '\u0000' })
  add('sync', WORKER, 'other unit', 'personId smuggled beside the batch', { reports: [good()], personId: 'u-grid-3' })

  // review
  const rv = (over: Record<string, unknown>) => ({ reportId: CORPUS_REPORT_ID, version: 1, decision: 'approve', ...over })
  add('review', REVIEWER, 'NaN', 'version "NaN"', rv({ version: NAN }))
  add('review', REVIEWER, 'Infinity', 'version "Infinity"', rv({ version: INF }))
  add('review', REVIEWER, 'huge number', 'version 1e308', rv({ version: 1e308 }))
  add('review', REVIEWER, 'negative', 'version -1', rv({ version: -1 }))
  add('review', REVIEWER, 'wrong type', 'decision a boolean', rv({ decision: true }))
  add('review', REVIEWER, 'HTML', 'reportId HTML', rv({ reportId: '<img src=x onerror=alert(1)>' }))
  add('review', REVIEWER, 'HTML', 'returned field HTML', rv({ decision: 'return', comment: '请核对', fields: ['<b>'] }))
  add('review', REVIEWER, 'control chars', 'reportId with NUL', rv({ reportId: `${CORPUS_REPORT_ID}\u0000` }))
  add('review', REVIEWER, 'long string', 'reportId 121 characters', rv({ reportId: 'y'.repeat(121) }))
  add('review', REVIEWER, 'NaN', 'verdict "NaN"', rv({ verdicts: { prevention: NAN } }))
  add('review', REVIEWER, 'unknown id', 'unknown report of a valid shape', rv({ reportId: 'YL-133~qk-s11-c01-g9~2020-11' }))
  add('review', REVIEWER, 'other unit', "another street's report", rv({ reportId: OTHER_STREET_REPORT_ID }))
  add('review', STREET, 'other unit', "another street's report (street reviewer)", rv({ reportId: OTHER_STREET_REPORT_ID }))

  // reports
  add('reports', REVIEWER, 'NaN', 'limit "NaN"', { limit: NAN })
  add('reports', REVIEWER, 'Infinity', 'limit "Infinity"', { limit: INF })
  add('reports', REVIEWER, 'huge number', 'limit 1e308', { limit: 1e308 })
  add('reports', REVIEWER, 'negative', 'limit -5', { limit: -5 })
  add('reports', REVIEWER, 'HTML', 'orgUnitId HTML', { orgUnitId: '<qk>' })
  add('reports', REVIEWER, 'HTML', 'status HTML', { status: '<b>' })
  add('reports', REVIEWER, 'control chars', 'orgUnitId with NUL', { orgUnitId: 'qk-s11\u0000' })
  add('reports', REVIEWER, 'long string', 'period 8 characters', { period: '2020-12-1' })
  add('reports', REVIEWER, 'wrong type', 'status a number', { status: 1 })
  add('reports', WORKER, 'other unit', "a grid worker lists the neighbour's grid", { orgUnitId: 'qk-s11-c01-g2' })

  // history
  add('history', REVIEWER, 'NaN', 'reportId "NaN"', { reportId: NAN })
  add('history', REVIEWER, 'Infinity', 'reportId "Infinity"', { reportId: INF })
  add('history', REVIEWER, 'huge number', 'reportId 1e308', { reportId: 1e308 })
  add('history', REVIEWER, 'HTML', 'reportId HTML', { reportId: '<script>alert(1)</script>' })
  add('history', REVIEWER, 'control chars', 'reportId with ESC', { reportId: `${CORPUS_REPORT_ID}\u001b` })
  add('history', REVIEWER, 'long string', 'reportId 121 characters', { reportId: 'h'.repeat(121) })
  add('history', REVIEWER, 'other unit', "another street's report", { reportId: OTHER_STREET_REPORT_ID })
  add('history', WORKER, 'other unit', "the neighbour grid's report", { reportId: 'YL-133~qk-s11-c01-g2~2020-11' })

  // evidence.links
  const FILE = 'cloud://gebao-test.6765/evidence/1608429600000-k3j9x0qa.jpg'
  add('evidence.links', REVIEWER, 'NaN', 'reportId "NaN"', { reportId: NAN, ids: [FILE] })
  add('evidence.links', REVIEWER, 'Infinity', 'reportId "Infinity"', { reportId: INF, ids: [FILE] })
  add('evidence.links', REVIEWER, 'huge number', 'reportId 1e308', { reportId: 1e308, ids: [FILE] })
  add('evidence.links', REVIEWER, 'HTML', 'reportId HTML', { reportId: '<script>alert(1)</script>', ids: [FILE] })
  add('evidence.links', REVIEWER, 'control chars', 'reportId with ESC', { reportId: `${CORPUS_REPORT_ID}\u001b`, ids: [FILE] })
  add('evidence.links', REVIEWER, 'long string', 'a file id of 301 characters', { reportId: CORPUS_REPORT_ID, ids: ['c'.repeat(301)] })
  add('evidence.links', REVIEWER, 'wrong type', 'ids a string', { reportId: CORPUS_REPORT_ID, ids: FILE })
  add('evidence.links', REVIEWER, 'other unit', "another street's report", { reportId: OTHER_STREET_REPORT_ID, ids: [FILE] })
  add('evidence.links', WORKER, 'other unit', "the neighbour grid's report", { reportId: 'YL-133~qk-s11-c01-g2~2020-11', ids: [FILE] })
  add('evidence.links', REVIEWER, 'unknown id', 'no ids', { reportId: CORPUS_REPORT_ID, ids: [] })
  add('evidence.links', REVIEWER, 'long string', '51 ids', { reportId: CORPUS_REPORT_ID, ids: Array.from({ length: 51 }, (_, i) => `${FILE}${i}`) })

  // progress
  add('progress', REVIEWER, 'NaN', 'period "NaN"', { period: NAN })
  add('progress', REVIEWER, 'Infinity', 'period "Infinity"', { period: INF })
  add('progress', REVIEWER, 'huge number', 'period 1e308', { period: 1e308 })
  add('progress', REVIEWER, 'negative', 'period -2020', { period: '-2020' })
  add('progress', REVIEWER, 'control chars', 'period with NUL', { period: '2020\u0000' })
  add('progress', REVIEWER, 'HTML', 'period HTML', { period: '<b>2020</b>' })
  add('progress', REVIEWER, 'long string', 'orgUnitId 65 characters', { period: '2020', orgUnitId: 'q'.repeat(65) })
  add('progress', STREET, 'other unit', 'another street', { period: '2020', orgUnitId: 'qk-s01' })
  add('progress', WORKER, 'other unit', 'the neighbour grid', { period: '2020', orgUnitId: 'qk-s11-c01-g2' })

  // indicator.put (admin): a valid new indicator changed in one place.
  const ind = (over: Record<string, unknown>) => ({ indicator: { ...GOOD_INDICATOR, ...over } })
  add('indicator.put', ADMIN, 'NaN', 'seq "NaN"', ind({ seq: NAN }))
  add('indicator.put', ADMIN, 'Infinity', 'due days "Infinity"', ind({ due: { daysAfterEnd: INF } }))
  add('indicator.put', ADMIN, 'huge number', 'seq 1e308', ind({ seq: 1e308 }))
  add('indicator.put', ADMIN, 'negative', 'target min -1', ind({ targets: [{ id: 'c', kind: 'count', label: '丙', field: 'a', min: -1 }] }))
  add('indicator.put', ADMIN, 'huge number', 'due days 1e308', ind({ due: { daysAfterEnd: 1e308 } }))
  add('indicator.put', ADMIN, 'NaN', 'field max "NaN"', ind({ fields: [{ key: 'a', label: '甲', kind: 'count', max: NAN }] }))
  add('indicator.put', ADMIN, 'HTML', 'code HTML', ind({ code: '<X-1>' }))
  add('indicator.put', ADMIN, 'HTML', 'field key HTML', ind({ fields: [{ key: '<a>', label: '甲', kind: 'count' }] }))
  add('indicator.put', ADMIN, 'long string', 'title 41 characters', ind({ title: long(41) }))
  add('indicator.put', ADMIN, 'long string', 'description 501 characters', ind({ description: long(501) }))
  add('indicator.put', ADMIN, 'wrong type', 'fields an object', ind({ fields: { a: 1 } }))
  add('indicator.put', ADMIN, 'unknown id', 'target on an unknown field', ind({ targets: [{ id: 'c', kind: 'count', label: '丙', field: 'zz', min: 1 }] }))

  // indicator.assign (admin)
  add('indicator.assign', ADMIN, 'NaN', 'code "NaN"', { code: NAN, reportLevel: 'grid' })
  add('indicator.assign', ADMIN, 'Infinity', 'reportLevel "Infinity"', { code: 'YL-133', reportLevel: INF })
  add('indicator.assign', ADMIN, 'huge number', 'reportLevel 1e308', { code: 'YL-133', reportLevel: 1e308 })
  add('indicator.assign', ADMIN, 'HTML', 'code HTML', { code: '<b>', reportLevel: 'grid' })
  add('indicator.assign', ADMIN, 'control chars', 'code with NUL', { code: 'YL-133\u0000', reportLevel: 'grid' })
  add('indicator.assign', ADMIN, 'long string', 'code 17 characters', { code: 'A'.repeat(17), reportLevel: 'grid' })
  add('indicator.assign', ADMIN, 'unknown id', 'unknown indicator', { code: 'ZZ-1', reportLevel: 'grid' })
  add('indicator.assign', ADMIN, 'missing', 'no reportLevel', { code: 'YL-133' })
  add('indicator.assign', ADMIN, 'unknown id', 'a year without a plan', { code: 'YL-133', reportLevel: 'grid', year: 2031 })

  // plan.copy, rollups.rebuild (admin)
  add('plan.copy', ADMIN, 'NaN', 'year "NaN"', { year: NAN })
  add('plan.copy', ADMIN, 'Infinity', 'year "Infinity"', { year: INF })
  add('plan.copy', ADMIN, 'huge number', 'year 1e308', { year: 1e308 })
  add('plan.copy', ADMIN, 'HTML', 'year HTML', { year: '<b>2020</b>' })
  add('plan.copy', ADMIN, 'control chars', 'year with NUL', { year: '2020\u0000' })
  add('plan.copy', ADMIN, 'missing', 'no year', {})
  add('plan.copy', ADMIN, 'unknown id', 'a year without a plan', { year: 2019 })
  // plan.list (any bound caller), plan.publish (admin)
  add('plan.list', WORKER, 'NaN', 'year "NaN"', { year: NAN })
  add('plan.list', WORKER, 'Infinity', 'year "Infinity"', { year: INF })
  add('plan.list', WORKER, 'huge number', 'year 1e308', { year: 1e308 })
  add('plan.list', WORKER, 'HTML', 'year HTML', { year: '<b>2020</b>' })
  add('plan.list', WORKER, 'control chars', 'year with NUL', { year: '2020\u0000' })
  add('plan.publish', ADMIN, 'NaN', 'year "NaN"', { year: NAN, indicators: [] })
  add('plan.publish', ADMIN, 'Infinity', 'year "Infinity"', { year: INF, indicators: [] })
  add('plan.publish', ADMIN, 'huge number', 'year 1e308', { year: 1e308, indicators: [] })
  add('plan.publish', ADMIN, 'HTML', 'retire code HTML', { year: 2020, indicators: [], retire: ['<b>'] })
  add('plan.publish', ADMIN, 'control chars', 'retire code with NUL', { year: 2020, indicators: [], retire: ['YL-133\u0000'] })
  add('plan.publish', ADMIN, 'missing', 'no indicators', { year: 2020 })
  add('plan.publish', ADMIN, 'unknown id', 'retire a code the year does not have', { year: 2020, indicators: [], retire: ['ZZ-1'] })
  const alloc = (over: Record<string, unknown>) => ({ code: 'YL-133', year: 2020, targetId: 'service_points', shares: [{ unitId: 'qk-s11', value: 2 }], ...over })
  add('plan.allocate', ADMIN, 'NaN', 'value "NaN"', alloc({ shares: [{ unitId: 'qk-s11', value: NAN }] }))
  add('plan.allocate', ADMIN, 'Infinity', 'value "Infinity"', alloc({ shares: [{ unitId: 'qk-s11', value: INF }] }))
  add('plan.allocate', ADMIN, 'huge number', 'value 1e308', alloc({ shares: [{ unitId: 'qk-s11', value: 1e308 }] }))
  add('plan.allocate', ADMIN, 'negative', 'value -1', alloc({ shares: [{ unitId: 'qk-s11', value: -1 }] }))
  add('plan.allocate', ADMIN, 'HTML', 'unitId HTML', alloc({ shares: [{ unitId: '<qk>', value: 1 }] }))
  add('plan.allocate', ADMIN, 'control chars', 'targetId with NUL', alloc({ targetId: 'service_points\u0000' }))
  add('plan.allocate', ADMIN, 'missing', 'no shares', alloc({ shares: [] }))
  add('plan.allocate', ADMIN, 'unknown id', 'a unit that is not a street of the district', alloc({ shares: [{ unitId: 'qk-s11-c01', value: 1 }] }))
  add('plan.allocate', ADMIN, 'unknown id', 'unknown target', alloc({ targetId: 'nope' }))
  const cmp = (over: Record<string, unknown>) => ({ indicatorCode: 'YL-133', year: 2020, ...over })
  for (const action of ['completeness', 'completeness.file'] as const) {
    add(action, REVIEWER, 'NaN', 'year "NaN"', cmp({ year: NAN }))
    add(action, REVIEWER, 'Infinity', 'year "Infinity"', cmp({ year: INF }))
    add(action, REVIEWER, 'huge number', 'year 1e308', cmp({ year: 1e308 }))
    add(action, REVIEWER, 'HTML', 'streetId HTML', cmp({ streetId: '<s>' }))
    add(action, REVIEWER, 'control chars', 'indicatorCode with NUL', cmp({ indicatorCode: 'YL-133\u0000' }))
    add(action, REVIEWER, 'unknown id', 'an indicator not in the plan', cmp({ indicatorCode: 'NOPE-1' }))
    add(action, REVIEWER, 'wrong type', 'status not a state', cmp({ status: 'late_ish' }))
  }
  add('completeness', REVIEWER, 'negative', 'limit -1', cmp({ limit: -1 }))
  add('completeness', REVIEWER, 'long string', 'a cursor that is not a unit path', cmp({ after: 'x'.repeat(300) }))
  add('completeness.remind', REVIEWER, 'NaN', 'orgUnitId "NaN"', { orgUnitId: NAN })
  add('completeness.remind', REVIEWER, 'Infinity', 'orgUnitId Infinity', { orgUnitId: INF })
  add('completeness.remind', REVIEWER, 'huge number', 'orgUnitId 1e308', { orgUnitId: 1e308 })
  add('completeness.remind', REVIEWER, 'HTML', 'orgUnitId HTML', { orgUnitId: '<g>' })
  add('completeness.remind', REVIEWER, 'control chars', 'orgUnitId with a bell', { orgUnitId: 'qk-s11-c01-g1\u0007' })
  add('completeness.remind', REVIEWER, 'missing', 'no orgUnitId', {})
  add('completeness.remind', REVIEWER, 'unknown id', 'a grid without people', { orgUnitId: 'qk-s11-c01-g3' })
  const hist = (over: Record<string, unknown>) => ({ indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01', year: 2020, ...over })
  add('export.narrativeHistory', REVIEWER, 'NaN', 'year "NaN"', hist({ year: NAN }))
  add('export.narrativeHistory', REVIEWER, 'Infinity', 'year "Infinity"', hist({ year: INF }))
  add('export.narrativeHistory', REVIEWER, 'huge number', 'year 1e308', hist({ year: 1e308 }))
  add('export.narrativeHistory', REVIEWER, 'HTML', 'orgUnitId HTML', hist({ orgUnitId: '<c>' }))
  add('export.narrativeHistory', REVIEWER, 'control chars', 'indicatorCode with NUL', hist({ indicatorCode: 'YL-133\u0000' }))
  add('export.narrativeHistory', REVIEWER, 'missing', 'no year', { indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01' })
  const late = (over: Record<string, unknown>) => ({ indicatorCode: 'YL-133', orgUnitId: UNIT, period: '2020-09', until: '2020-12-31', reason: '补报', ...over })
  add('period.open', REVIEWER, 'NaN', 'period "NaN"', late({ period: NAN }))
  add('period.open', REVIEWER, 'Infinity', 'until "Infinity"', late({ until: INF }))
  add('period.open', REVIEWER, 'huge number', 'until 1e308', late({ until: 1e308 }))
  add('period.open', REVIEWER, 'HTML', 'orgUnitId HTML', late({ orgUnitId: '<g>' }))
  add('period.open', REVIEWER, 'control chars', 'reason with a bell', late({ reason: '补报\u0007' }))
  add('period.open', REVIEWER, 'missing', 'no reason', late({ reason: '' }))
  add('period.open', REVIEWER, 'closed period', 'a period still open', late({ period: '2020-12' }))
  add('period.open', REVIEWER, 'other unit', 'a grid of another street', late({ orgUnitId: 'qk-s01-c01-g1' }))
  add('rollups.rebuild', ADMIN, 'NaN', 'year "NaN"', { year: NAN })
  add('rollups.rebuild', ADMIN, 'Infinity', 'year "Infinity"', { year: INF })
  add('rollups.rebuild', ADMIN, 'huge number', 'year 1e308', { year: 1e308 })
  add('rollups.rebuild', ADMIN, 'HTML', 'code HTML', { code: '<b>' })
  add('rollups.rebuild', ADMIN, 'control chars', 'code with NUL', { code: 'YL-133\u0000' })
  add('rollups.rebuild', ADMIN, 'unknown id', 'unknown indicator', { code: 'ZZ-1', year: 2020 })

  // invite.create (admin)
  const person = { id: 'u-corpus-2', name: '测试', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g6' }
  add('invite.create', ADMIN, 'NaN', 'personId "NaN"', { personId: NAN })
  add('invite.create', ADMIN, 'Infinity', 'personId "Infinity"', { personId: INF })
  add('invite.create', ADMIN, 'huge number', 'personId 1e308', { personId: 1e308 })
  add('invite.create', ADMIN, 'HTML', 'person id HTML', { person: { ...person, id: '<u>' } })
  add('invite.create', ADMIN, 'HTML', 'role HTML', { person: { ...person, role: '<admin>' } })
  add('invite.create', ADMIN, 'control chars', 'name with a bell', { person: { ...person, name: '测\u0007试' } })
  add('invite.create', ADMIN, 'long string', 'person id 65 characters', { person: { ...person, id: 'u'.repeat(65) } })
  add('invite.create', ADMIN, 'unknown id', 'unknown unit of a valid shape', { person: { ...person, orgUnitId: 'qk-s11-c01-g999' } })
  add('invite.create', ADMIN, 'other unit', 'a unit of another district', { person: { ...person, orgUnitId: 'xx-s01-c01-g1' } })

  // reminders.grant
  const grant = (over: Record<string, unknown>) => ({ templateId: TEMPLATE, result: 'accept', ...over })
  add('reminders.grant', WORKER, 'NaN', 'result "NaN"', grant({ result: NAN }))
  add('reminders.grant', WORKER, 'Infinity', 'templateId "Infinity" (a valid shape, not a template)', grant({ templateId: INF }))
  add('reminders.grant', WORKER, 'huge number', 'templateId 1e308', grant({ templateId: 1e308 }))
  add('reminders.grant', WORKER, 'wrong type', 'longTerm a string', grant({ longTerm: 'true' }))
  add('reminders.grant', WORKER, 'HTML', 'templateId HTML', grant({ templateId: '<b>t</b>' }))
  add('reminders.grant', WORKER, 'control chars', 'templateId with NUL', grant({ templateId: 'gebao\u0000' }))
  add('reminders.grant', WORKER, 'long string', 'templateId 65 characters', grant({ templateId: 't'.repeat(65) }))
  add('reminders.grant', WORKER, 'unknown id', 'unknown template', grant({ templateId: 'no-such-template' }))
  add('reminders.grant', WORKER, 'other unit', 'a grant for another person', grant({ personId: 'u-grid-3' }))

  // reminders.outbox (admin)
  add('reminders.outbox', ADMIN, 'NaN', 'limit "NaN"', { limit: NAN })
  add('reminders.outbox', ADMIN, 'Infinity', 'limit "Infinity"', { limit: INF })
  add('reminders.outbox', ADMIN, 'huge number', 'limit 1e308', { limit: 1e308 })
  add('reminders.outbox', ADMIN, 'negative', 'limit -1', { limit: -1 })
  add('reminders.outbox', ADMIN, 'HTML', 'personId HTML', { personId: '<u>' })
  add('reminders.outbox', ADMIN, 'control chars', 'personId with NUL', { personId: 'u-grid-1\u0000' })
  add('reminders.outbox', ADMIN, 'long string', 'before 101 characters', { before: 'b'.repeat(101) })
  add('reminders.outbox', ADMIN, 'wrong type', 'before a number', { before: 5 })

  // export.table / export.file / export.narrative: the 自查表 of a unit and year.
  for (const action of ['export.table', 'export.file'] as const) {
    const ex = (over: Record<string, unknown>) => ({ year: 2020, ...(action === 'export.file' ? { format: 'xlsx' } : {}), ...over })
    add(action, REVIEWER, 'NaN', 'year "NaN"', ex({ year: NAN }))
    add(action, REVIEWER, 'Infinity', 'year "Infinity"', ex({ year: INF }))
    add(action, REVIEWER, 'huge number', 'year 1e308', ex({ year: 1e308 }))
    add(action, REVIEWER, 'negative', 'year -2020', ex({ year: -2020 }))
    add(action, REVIEWER, 'wrong type', 'year a string', ex({ year: '2020' }))
    add(action, REVIEWER, 'HTML', 'orgUnitId HTML', ex({ orgUnitId: '<qk>' }))
    add(action, REVIEWER, 'HTML', 'an extra HTML key', ex({ '<b>': 1 }))
    add(action, REVIEWER, 'control chars', 'signer with NUL', ex({ signer: '王\u0000芳' }))
    add(action, REVIEWER, 'long string', 'signer 31 characters', ex({ signer: long(31) }))
    add(action, REVIEWER, 'unknown id', 'unknown unit', ex({ orgUnitId: 'qk-s11-c99' }))
    add(action, REVIEWER, 'other unit', 'the neighbour community', ex({ orgUnitId: 'qk-s11-c02' }))
    add(action, REVIEWER, 'other unit', 'the district', ex({ orgUnitId: 'qk' }))
    add(action, WORKER, 'other unit', 'a grid worker, own grid', ex({ orgUnitId: UNIT }))
    add(action, REVIEWER, 'closed period', 'a year that has not begun', ex({ year: 2021 }))
    if (action === 'export.file') {
      add(action, REVIEWER, 'HTML', 'format HTML', ex({ format: '<b>xlsx</b>' }))
      add(action, REVIEWER, 'unknown id', 'format pdf', ex({ format: 'pdf' }))
      add(action, REVIEWER, 'missing', 'no format', { year: 2020 })
    }
  }
  const nar = (over: Record<string, unknown>) => ({ indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01', year: 2020, text: '已完成', ...over })
  add('export.narrative', REVIEWER, 'NaN', 'year "NaN"', nar({ year: NAN }))
  add('export.narrative', REVIEWER, 'Infinity', 'year "Infinity"', nar({ year: INF }))
  add('export.narrative', REVIEWER, 'huge number', 'year 1e308', nar({ year: 1e308 }))
  add('export.narrative', REVIEWER, 'negative', 'year -1', nar({ year: -1 }))
  add('export.narrative', REVIEWER, 'wrong type', 'text a number', nar({ text: 5 }))
  add('export.narrative', REVIEWER, 'HTML', 'indicatorCode HTML', nar({ indicatorCode: '<YL>' }))
  add('export.narrative', REVIEWER, 'HTML', 'orgUnitId HTML', nar({ orgUnitId: '<qk>' }))
  add('export.narrative', REVIEWER, 'control chars', 'text with a bell', nar({ text: '完成\u0007' }))
  add('export.narrative', REVIEWER, 'control chars', 'text of NULs only', nar({ text: '\u0000\u0000' }))
  add('export.narrative', REVIEWER, 'long string', 'text 2001 characters', nar({ text: long(2001) }))
  add('export.narrative', REVIEWER, 'missing', 'text blank', nar({ text: '   ' }))
  add('export.narrative', REVIEWER, 'unknown id', 'unknown indicator', nar({ indicatorCode: 'ZZ-1' }))
  add('export.narrative', REVIEWER, 'unknown id', 'a district project in a community table', nar({ indicatorCode: 'FLY-2' }))
  add('export.narrative', REVIEWER, 'other unit', 'the neighbour community', nar({ orgUnitId: 'qk-s11-c02' }))
  add('export.narrative', STREET, 'other unit', 'another street', nar({ orgUnitId: 'qk-s01' }))
  add('export.narrative', WORKER, 'other unit', 'a grid worker rewrites their grid', nar({ orgUnitId: UNIT }))
  add('export.narrative', REVIEWER, 'closed period', 'a year that has not begun', nar({ year: 2021 }))

  // plan.import (admin): the file as base64; test/server/planImport.test.ts has the real files.
  const imp = (over: Record<string, unknown>) => ({ name: '2020年自查表.docx', base64: ZIP_HEADER_ONLY, ...over })
  add('plan.import', ADMIN, 'NaN', 'base64 "NaN" (not a file)', imp({ base64: NAN }))
  add('plan.import', ADMIN, 'Infinity', 'fileId "Infinity"', imp({ base64: undefined, fileId: INF }))
  add('plan.import', ADMIN, 'huge number', 'base64 1e308', imp({ base64: 1e308 }))
  add('plan.import', ADMIN, 'wrong type', 'base64 a list of bytes', imp({ base64: [80, 75, 3, 4] }))
  add('plan.import', ADMIN, 'HTML', 'an HTML file named .docx', imp({ base64: Buffer.from('<html><table><tr><td>序号</td></tr></table></html>').toString('base64') }))
  add('plan.import', ADMIN, 'control chars', 'name with NUL', imp({ name: 'a\u0000.docx' }))
  add('plan.import', ADMIN, 'long string', 'name 201 characters', imp({ name: long(201) }))
  add('plan.import', ADMIN, 'missing', 'no name', imp({ name: undefined }))
  add('plan.import', ADMIN, 'missing', 'no file', imp({ base64: undefined }))
  add('plan.import', ADMIN, 'unknown id', 'a cloud file id on the local server', imp({ base64: undefined, fileId: 'cloud://env-1.abc/imports/a.docx' }))
  add('plan.import', ADMIN, 'other unit', 'an orgUnitId beside the file', imp({ orgUnitId: 'qk-s01' }))
  add('plan.import', WORKER, 'other unit', 'a grid worker imports a plan', imp({}))

  // plan.backfill (admin): a sheet as base64; test/server/backfill.test.ts has the real files and the rows it refuses.
  const csv = (text: string) => Buffer.from(text).toString('base64')
  const GOOD_SHEET = csv('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,canteens,1\n')
  const bf = (over: Record<string, unknown>) => ({ year: 2020, name: '补录.csv', base64: GOOD_SHEET, dryRun: false, ...over })
  add('plan.backfill', ADMIN, 'NaN', 'year "NaN"', bf({ year: NAN }))
  add('plan.backfill', ADMIN, 'Infinity', 'a value of Infinity', bf({ base64: csv('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,canteens,Infinity\n') }))
  add('plan.backfill', ADMIN, 'huge number', 'a value of 1e308', bf({ base64: csv('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,canteens,1e308\n') }))
  add('plan.backfill', ADMIN, 'negative', 'a value of -1', bf({ base64: csv('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,canteens,-1\n') }))
  add('plan.backfill', ADMIN, 'wrong type', 'dryRun "no"', bf({ dryRun: 'no' }))
  add('plan.backfill', ADMIN, 'HTML', 'a unit written as HTML', bf({ base64: csv('单位,指标,期间,字段,数值\n<b>qk</b>,YL-133,2020-03,canteens,1\n') }))
  add('plan.backfill', ADMIN, 'control chars', 'name with NUL', bf({ name: 'a\u0000.csv' }))
  add('plan.backfill', ADMIN, 'long string', 'name 201 characters', bf({ name: long(201) }))
  add('plan.backfill', ADMIN, 'missing', 'no dryRun', bf({ dryRun: undefined }))
  add('plan.backfill', ADMIN, 'unknown id', 'an unknown field', bf({ base64: csv('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2020-03,nothing,1\n') }))
  add('plan.backfill', ADMIN, 'closed period', 'a period of another year', bf({ base64: csv('单位,指标,期间,字段,数值\nqk-s11-c01-g1,YL-133,2019-03,canteens,1\n') }))
  add('plan.backfill', WORKER, 'other unit', 'a grid worker back-fills', bf({}))
  // Org tree (issue 13): ids, names, population figures and the import file.
  const COMMUNITY = 'qk-s11-c01'
  for (const [action, base, idKey] of [
    ['org.create', { parentId: COMMUNITY, name: '第99网格' }, 'parentId'],
    ['org.rename', { unitId: UNIT, name: '改个名' }, 'unitId'],
    ['org.population', { unitId: UNIT, population: { residents: 10 } }, 'unitId'],
    ['org.move', { unitId: UNIT, parentId: 'qk-s01-c01' }, 'parentId'],
    ['org.merge', { unitId: UNIT, intoId: 'qk-s11-c01-g2' }, 'intoId'],
    ['org.retire', { unitId: 'qk-s11-c01-g3' }, 'unitId']
  ] as const) {
    add(action, ADMIN, 'NaN', `${idKey} "NaN"`, { ...base, [idKey]: NAN })
    add(action, ADMIN, 'Infinity', `${idKey} "Infinity"`, { ...base, [idKey]: INF })
    add(action, ADMIN, 'huge number', `${idKey} 1e308`, { ...base, [idKey]: 1e308 })
    add(action, ADMIN, 'HTML', `${idKey} HTML`, { ...base, [idKey]: '<b>qk</b>' })
    add(action, ADMIN, 'control chars', `${idKey} with NUL`, { ...base, [idKey]: 'qk\u0000s11' })
    add(action, ADMIN, 'unknown id', `unknown ${idKey}`, { ...base, [idKey]: 'qk-nope-9' })
    add(action, WORKER, 'other unit', 'a grid worker', base)
    add(action, ADMIN, 'extra key', 'an extra key', { ...base, extra: 1 })
  }
  add('org.create', ADMIN, 'HTML', 'an HTML name', { parentId: COMMUNITY, name: '<script>x</script>' })
  add('org.create', ADMIN, 'long string', 'a 41-character name', { parentId: COMMUNITY, name: long(41) })
  add('org.create', ADMIN, 'negative', 'negative population', { parentId: COMMUNITY, name: '第98网格', population: { residents: -1 } })
  add('org.population', ADMIN, 'NaN', 'population "NaN"', { unitId: UNIT, population: { residents: NAN } })
  add('org.population', ADMIN, 'huge number', 'population 1e308', { unitId: UNIT, population: { elderly: 1e308 } })
  add('org.rename', ADMIN, 'control chars', 'a name with NUL', { unitId: UNIT, name: '改\u0000名' })
  add('org.import', ADMIN, 'NaN', 'dryRun "NaN"', { name: 'a.csv', base64: 'YQ==', dryRun: NAN })
  add('org.import', ADMIN, 'Infinity', 'dryRun "Infinity"', { name: 'a.csv', base64: 'YQ==', dryRun: INF })
  add('org.import', ADMIN, 'huge number', 'base64 1e308', { name: 'a.csv', base64: 1e308, dryRun: true })
  add('org.import', ADMIN, 'HTML', 'base64 HTML', { name: 'a.csv', base64: '<b>x</b>', dryRun: false })
  add('org.import', ADMIN, 'control chars', 'a name with NUL', { name: 'a\u0000.csv', base64: 'YQ==', dryRun: false })
  add('org.import', ADMIN, 'missing', 'no dryRun', { name: 'a.csv', base64: 'YQ==' })
  add('org.import', WORKER, 'other unit', 'a grid worker', { name: 'a.csv', base64: 'YQ==', dryRun: true })
  // people.* and invite.community (admin): the people screen.
  add('people.list', ADMIN, 'NaN', 'limit "NaN"', { limit: NAN })
  add('people.list', ADMIN, 'Infinity', 'limit "Infinity"', { limit: INF })
  add('people.list', ADMIN, 'huge number', 'limit 1e308', { limit: 1e308 })
  add('people.list', ADMIN, 'negative', 'limit -1', { limit: -1 })
  add('people.list', ADMIN, 'HTML', 'unitId HTML', { unitId: '<qk>' })
  add('people.list', ADMIN, 'control chars', 'after with NUL', { after: 'u-a\u0000' })
  add('people.list', ADMIN, 'unknown id', 'unknown unit', { unitId: 'qk-s99' })
  add('people.list', REVIEWER, 'other unit', 'a reviewer lists people', {})
  const np = (over: Record<string, unknown>) => ({ person: { name: '新同事', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g6', ...over } })
  add('people.add', ADMIN, 'NaN', 'orgUnitId "NaN"', np({ orgUnitId: NAN }))
  add('people.add', ADMIN, 'Infinity', 'role "Infinity"', np({ role: INF }))
  add('people.add', ADMIN, 'huge number', 'name 1e308', np({ name: 1e308 }))
  add('people.add', ADMIN, 'HTML', 'id HTML', np({ id: '<u>' }))
  add('people.add', ADMIN, 'control chars', 'name with a bell', np({ name: '新\u0007人' }))
  add('people.add', ADMIN, 'long string', 'name 11 characters', np({ name: long(11) }))
  add('people.add', ADMIN, 'missing', 'name blank', np({ name: '  ' }))
  add('people.add', ADMIN, 'unknown id', 'unknown unit', np({ orgUnitId: 'qk-s11-c01-g999' }))
  add('people.add', ADMIN, 'wrong type', 'a grid worker at a community', np({ orgUnitId: 'qk-s11-c01' }))
  add('people.add', ADMIN, 'wrong type', 'a street reviewer at a grid', np({ role: 'street_reviewer' }))
  add('people.add', ADMIN, 'unknown id', 'an id that exists', np({ id: 'u-grid-2' }))
  add('people.add', REVIEWER, 'other unit', 'a reviewer adds a person', np({}))
  for (const action of ['people.move', 'people.setRole'] as const) {
    const mv = (over: Record<string, unknown>) => (action === 'people.move' ? { personId: 'u-grid-2', orgUnitId: 'qk-s11-c01-g3', ...over } : { personId: 'u-comm-1', role: 'street_reviewer', orgUnitId: 'qk-s11', ...over })
    add(action, ADMIN, 'NaN', 'personId "NaN"', mv({ personId: NAN }))
    add(action, ADMIN, 'Infinity', 'orgUnitId "Infinity"', mv({ orgUnitId: INF }))
    add(action, ADMIN, 'huge number', 'orgUnitId 1e308', mv({ orgUnitId: 1e308 }))
    add(action, ADMIN, 'HTML', 'personId HTML', mv({ personId: '<u>' }))
    add(action, ADMIN, 'control chars', 'orgUnitId with NUL', mv({ orgUnitId: 'qk\u0000' }))
    add(action, ADMIN, 'unknown id', 'unknown person', mv({ personId: 'u-nobody' }))
    add(action, ADMIN, 'unknown id', 'unknown unit', mv({ orgUnitId: 'qk-s11-c01-g999' }))
    add(action, ADMIN, 'wrong type', 'the role does not sit at that level', mv({ orgUnitId: 'qk-s11-c01' === mv({}).orgUnitId ? 'qk-s11' : 'qk-s11-c01' }))
    add(action, ADMIN, 'other unit', 'the admin changes themselves', mv({ personId: ADMIN }))
    add(action, REVIEWER, 'other unit', 'a reviewer changes a person', mv({}))
  }
  for (const action of ['people.deactivate', 'people.reactivate'] as const) {
    add(action, ADMIN, 'NaN', 'personId "NaN"', { personId: NAN })
    add(action, ADMIN, 'Infinity', 'personId "Infinity"', { personId: INF })
    add(action, ADMIN, 'huge number', 'personId 1e308', { personId: 1e308 })
    add(action, ADMIN, 'HTML', 'personId HTML', { personId: '<u>' })
    add(action, ADMIN, 'control chars', 'personId with NUL', { personId: 'u-grid-2\u0000' })
    add(action, ADMIN, 'unknown id', 'unknown person', { personId: 'u-nobody' })
    add(action, ADMIN, 'other unit', 'the admin deactivates themselves', { personId: ADMIN })
    add(action, STREET, 'other unit', 'a street reviewer deactivates a worker', { personId: 'u-grid-2' })
  }
  const ic = (over: Record<string, unknown>) => ({ communityId: 'qk-s11-c01', rows: [{ name: '新网格员', orgUnitId: 'qk-s11-c01-g6' }], ...over })
  add('invite.community', ADMIN, 'NaN', 'communityId "NaN"', ic({ communityId: NAN }))
  add('invite.community', ADMIN, 'Infinity', 'row unit "Infinity"', ic({ rows: [{ name: '甲', orgUnitId: INF }] }))
  add('invite.community', ADMIN, 'huge number', 'row name 1e308', ic({ rows: [{ name: 1e308, orgUnitId: 'qk-s11-c01-g6' }] }))
  add('invite.community', ADMIN, 'HTML', 'communityId HTML', ic({ communityId: '<c>' }))
  add('invite.community', ADMIN, 'control chars', 'row name with a bell', ic({ rows: [{ name: '甲\u0007', orgUnitId: 'qk-s11-c01-g6' }] }))
  add('invite.community', ADMIN, 'missing', 'no rows in the list', ic({ rows: [] }))
  add('invite.community', ADMIN, 'unknown id', 'a street given as the community', ic({ communityId: 'qk-s11' }))
  add('invite.community', ADMIN, 'other unit', 'a row in another community (the good rows before it are not written)', ic({ rows: [{ name: '甲', orgUnitId: 'qk-s11-c01-g6' }, { name: '乙', orgUnitId: 'qk-s11-c02-g1' }] }))
  add('invite.community', ADMIN, 'wrong type', 'a row whose role does not sit at its unit (after a good row)', ic({ rows: [{ name: '甲', orgUnitId: 'qk-s11-c01-g6' }, { name: '乙', orgUnitId: 'qk-s11-c01-g7', role: 'community_reviewer' }] }))
  add('invite.community', REVIEWER, 'other unit', 'a reviewer invites their community', ic({}))
  return out
}

/** A zip's first four bytes and nothing else: the shape of a docx, not one. */
const ZIP_HEADER_ONLY = 'UEsDBA=='

/**
 * Junk the server once accepted (200), each now refused by a tighter
 * schema (named per case, where the fix went).
 */
export function closedGaps(): (CategorizedCase & { fix: string })[] {
  const ind = (over: Record<string, unknown>) => ({ indicator: { ...GOOD_INDICATOR, ...over } })
  return [
    {
      name: 'indicator.put [control chars]: title with NUL',
      who: ADMIN,
      action: 'indicator.put',
      payload: ind({ title: '题\u0000目' }),
      category: 'control chars',
      fix: 'src/core/schema/indicator.ts: prose() instead of text() for category, title, description'
    },
    {
      name: 'indicator.put [control chars]: field label with ESC',
      who: ADMIN,
      action: 'indicator.put',
      payload: ind({ fields: [{ key: 'a', label: '\u001b[31m甲', kind: 'count' }] }),
      category: 'control chars',
      fix: 'src/core/schema/indicator.ts: prose() for field and target labels, units, hints'
    },
    {
      name: 'indicator.put [huge number]: field max 1e308',
      who: ADMIN,
      action: 'indicator.put',
      payload: ind({ fields: [{ key: 'a', label: '甲', kind: 'count', max: 1e308 }] }),
      category: 'huge number',
      fix: 'src/core/schema/indicator.ts: a ceiling on field min/max (e.g. 1e12)'
    },
    { name: 'reports [HTML]: period HTML', who: REVIEWER, action: 'reports', payload: { period: '<br>' }, category: 'HTML', fix: 'cloud/api/handlers/review.ts: period: PeriodKeySchema' },
    { name: 'reports [control chars]: period with NUL', who: REVIEWER, action: 'reports', payload: { period: '2020\u0000' }, category: 'control chars', fix: 'cloud/api/handlers/review.ts: period: PeriodKeySchema' },
    { name: 'reports [HTML]: before HTML', who: REVIEWER, action: 'reports', payload: { before: '<script>' }, category: 'HTML', fix: 'cloud/api/handlers/review.ts: before: an ISO timestamp pattern' },
    {
      name: 'reminders.outbox [control chars]: before with control characters',
      who: ADMIN,
      action: 'reminders.outbox',
      payload: { before: '\u001b[2J' },
      category: 'control chars',
      fix: 'cloud/api/handlers/reminders.ts: before: the outbox id pattern'
    }
  ]
}
