import { perActionCases } from './perAction'
import { ADMIN, REVIEWER, UNIT, WORKER, long, type BadCase } from './shared'

export const good = () => ({
  clientId: 'corpus-0001',
  indicatorCode: 'YL-133',
  orgUnitId: UNIT,
  period: '2020-12',
  values: { service_points: 1, canteens: 1, trainees: 10 }
})


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

export function mutate(m: Record<string, unknown>): Record<string, unknown> {
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

