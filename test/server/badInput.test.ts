import { ERROR_CODES } from '../../src/core/errors'
import { badInputCorpus } from './badInputs'
import { clientId, fingerprint, GRID_WORKER, GRID_WORKER_UNIT, startServer, type Running } from './harness'

let s: Running
beforeAll(async () => {
  s = await startServer()
  // One accepted report, so that review cases have something to aim at.
  const res = await s.call('submit', { report: { clientId: clientId(), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-11', values: { canteens: 1 } } }, s.tokenFor(GRID_WORKER))
  expect(res.body.ok).toBe(true)
})
afterAll(async () => {
  await s.stop()
})

const corpus = badInputCorpus()

test('the corpus is large enough to mean something', () => {
  expect(corpus.length).toBeGreaterThanOrEqual(200)
  expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length)
})

test.each(corpus.map((c) => [c.name, c] as const))('%s → 4xx, a known code, nothing changed', async (_name, c) => {
  const before = fingerprint(s.db)
  const res = await s.call(c.action, c.payload, c.who ? s.tokenFor(c.who) : undefined)
  expect(res.status).toBeGreaterThanOrEqual(400)
  expect(res.status).toBeLessThan(500)
  expect(res.body.ok).toBe(false)
  expect(Object.keys(ERROR_CODES)).toContain(res.body.error.code)
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
  expect(fingerprint(s.db)).toBe(before)
})

describe('requests that are not JSON at all', () => {
  const raw = (body: string, contentType = 'application/json') =>
    fetch(`${s.base}/api/submit`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${s.tokenFor(GRID_WORKER)}` }, body })

  test.each([
    ['malformed JSON', '{"report": '],
    ['a bare string', '"hello"'],
    ['plain text', 'report=1']
  ])('%s', async (_n, body) => {
    const before = fingerprint(s.db)
    const res = await raw(body, _n === 'plain text' ? 'text/plain' : 'application/json')
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(((await res.json()) as any).ok).toBe(false)
    expect(fingerprint(s.db)).toBe(before)
  })

  test('a body over 1 MB is refused whole', async () => {
    const before = fingerprint(s.db)
    const res = await raw(JSON.stringify({ report: { narrative: 'x'.repeat(1_100_000) } }))
    expect(res.status).toBe(413)
    expect(fingerprint(s.db)).toBe(before)
  })
})

test('a sync batch rejects each bad item on its own and stores the good ones', async () => {
  const good = { clientId: clientId(), indicatorCode: 'YL-133', orgUnitId: GRID_WORKER_UNIT, period: '2020-12', values: { trainees: 5 } }
  const res = await s.call('sync', { reports: [{ ...good, values: { trainees: -5 }, clientId: clientId() }, good, { ...good, clientId: clientId(), narrative: '\u0000' }] }, s.tokenFor(GRID_WORKER))
  expect(res.body.data.results.map((r: any) => r.status)).toEqual(['rejected', 'accepted', 'rejected'])
  expect(res.body.data.results[0].error.message).toContain('不能小于')
})
