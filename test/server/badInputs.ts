/**
 * The bad-input corpus: payloads every action must refuse with a 4xx and no
 * change to the database. Each case names who sends it, the action and the
 * payload. Built from mutations of a valid request, so each case differs
 * from an accepted one in one way only.
 */
import { ADMIN, GOOD_INDICATOR, REVIEWER, type CategorizedCase } from './badInputs/shared'

export { badInputCorpus } from './badInputs/drafts'
export { CORPUS_REPORT_ID, GOOD_INDICATOR, OTHER_STREET_REPORT_ID, type BadCase, type CategorizedCase, type FaultCategory } from './badInputs/shared'


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

