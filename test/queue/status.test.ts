import { ERROR_CODES } from '../../src/core/errors'
import { ADVICE, countEntries, entryAdvice, entryLabel, queueSummary, type QueueEntry } from '../../src/services/queue'
import { PERMANENT_CODES } from '../../src/services/queue/rules'

const base: QueueEntry = {
  v: 1,
  id: 'c-status-1',
  createdAt: 0,
  updatedAt: 0,
  attempts: 0,
  status: 'pending',
  nextAttemptAt: 0,
  payload: { clientId: 'c-status-1', indicatorCode: 'YL-133', orgUnitId: 'qk-s11-c01-g1', period: '2020-12', values: {} },
  files: []
}
const server = { reportId: 'r', version: 1, status: 'submitted' }

test('labels: 待同步, 已同步, 被退回, 需处理', () => {
  expect(entryLabel(base)).toBe('待同步')
  expect(entryLabel({ ...base, status: 'synced', server })).toBe('已同步')
  expect(entryLabel({ ...base, status: 'synced', server: { ...server, status: 'returned' } })).toBe('被退回')
  // The page may know a newer status than the one at sync.
  expect(entryLabel({ ...base, status: 'synced', server }, 'returned')).toBe('被退回')
  expect(entryLabel({ ...base, status: 'rejected' })).toBe('需处理')
  expect(entryLabel({ ...base, status: 'conflict' })).toBe('需处理')
})

test('every refusal that needs the worker says why and what to do, in Chinese', () => {
  for (const code of [...PERMANENT_CODES, 'CONFLICT' as const]) {
    const entry: QueueEntry = { ...base, status: code === 'CONFLICT' ? 'conflict' : 'rejected', lastError: { code, message: ERROR_CODES[code].message } }
    const advice = entryAdvice(entry)!
    expect(advice).toContain(ADVICE[code])
    expect(advice.startsWith(ERROR_CODES[code].message) || advice === ADVICE[code]).toBe(true)
    expect(advice).toMatch(/[\u4e00-\u9fff]/)
  }
  expect(entryAdvice(base)).toBe('等待联网后自动发送。')
  expect(entryAdvice({ ...base, status: 'synced', server })).toBeNull()
})

test('counts and the summary line for 我的 and the chat', () => {
  const entries: QueueEntry[] = [base, { ...base, status: 'pending' }, { ...base, status: 'rejected' }, { ...base, status: 'synced', server }]
  const counts = countEntries(entries)
  expect(counts).toEqual({ pending: 2, synced: 1, needsAction: 1, unsynced: 3 })
  expect(queueSummary(counts)).toBe('2 份待同步，1 份需处理')
  expect(queueSummary(countEntries([]))).toBe('')
})
