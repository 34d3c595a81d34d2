import { good, mutate } from './drafts'
import { ADMIN, CORPUS_REPORT_ID, GOOD_INDICATOR, INF, NAN, OTHER_STREET_REPORT_ID, REVIEWER, STREET, UNIT, WORKER, long, type Add } from './shared'

/** Per-action bad inputs of the reporting and review actions: identity, submit, sync, review, reports, history, progress, plans, invites, reminders, the 自查表. */
export function reportingCases(add: Add): void {

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
}
