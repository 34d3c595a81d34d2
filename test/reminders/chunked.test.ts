import { DEFAULT_CONFIG } from '../../cloud/api/context'
import { runReminderChunk, type RunSummary } from '../../cloud/reminders/run'
import type { MessageSender, OutgoingMessage, SendResult } from '../../cloud/reminders/sender'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import { TestClock } from '../server/harness'
import { seedCity } from './cityScale'
import { TPL, testConfig, world } from './helpers'

/**
 * The reminder job as the cloud function runs it at city scale: the timer
 * fires every 5 minutes from 09:00, each run may take 45 s, and each
 * continues the day's pass from the stored cursor. A fake clock moves
 * 40 ms per message sent (WeChat's answer time), so no run can finish the
 * city alone; a fake sender records what was sent.
 */
jest.setTimeout(120_000)

const SEND_MS = 40
const BUDGET_MS = 45_000

class ClockedSender implements MessageSender {
  readonly channel = 'wechat' as const
  delivered = new Map<string, number>()
  attempts = 0
  constructor(private clock: TestClock, private fail: (m: OutgoingMessage, attempt: number) => boolean = () => false) {}
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.attempts += 1
    this.clock.at = new Date(this.clock.at.getTime() + SEND_MS)
    if (this.fail(m, this.attempts)) return { ok: false, errCode: -1, errMsg: 'socket hang up' }
    this.delivered.set(m.touser!, (this.delivered.get(m.touser!) ?? 0) + 1)
    return { ok: true }
  }
}

test('15,000 grid workers (and 500 reviewers) in one morning: timer runs of 45 s each, no one reminded twice, no one skipped', async () => {
  const store = new SqliteStore(':memory:')
  const clock = new TestClock(new Date('2020-12-21T09:00:00+08:00'))
  const people = await seedCity(store, TPL, clock.now().toISOString())
  // About one person in 200 has a first send fail (network): they are retried after the pass.
  const tried = new Set<string>()
  const sender = new ClockedSender(clock, (m, n) => {
    const first = !tried.has(m.touser!)
    tried.add(m.touser!)
    return first && n % 197 === 0
  })
  const deps = { store, clock, config: testConfig(), sender, graceDays: DEFAULT_CONFIG.graceDays }

  const runs: RunSummary[] = []
  for (let tick = 0; tick < 24; tick++) {
    const startAt = new Date(new Date('2020-12-21T09:00:00+08:00').getTime() + tick * 5 * 60_000)
    clock.at = startAt
    if (tick === 3) {
      // An admin's "run now" lands while the timer's run is going: both at once.
      runs.push(...(await Promise.all([runReminderChunk(deps, { budgetMs: BUDGET_MS }), runReminderChunk(deps, { budgetMs: BUDGET_MS, restart: true })])))
    } else runs.push(await runReminderChunk(deps, { budgetMs: BUDGET_MS }))
    // Each run stops starting people at 45 s, so it ends within one send of it.
    expect(clock.now().getTime() - startAt.getTime()).toBeLessThanOrEqual(BUDGET_MS + SEND_MS)
    if (runs[runs.length - 1].done) break
  }
  const last = runs[runs.length - 1]
  expect(last.done).toBe(true)
  expect(runs.length).toBeGreaterThan(10)

  // Everyone heard exactly once.
  expect(sender.delivered.size).toBe(people.length)
  expect([...sender.delivered.values()].every((n) => n === 1)).toBe(true)
  expect(new Set(await store.remindedOn('2020-12-21')).size).toBe(people.length)
  const failed = runs.reduce((s, r) => s + r.failed, 0)
  expect(failed).toBeGreaterThan(0)
  expect(sender.attempts).toBe(people.length + failed)

  // Once the day is done the timer's later runs only read the cursor.
  clock.set('2020-12-21T10:55:00+08:00')
  const after = await runReminderChunk(deps, { budgetMs: BUDGET_MS })
  expect(after).toMatchObject({ done: true, sent: 0, alreadyReminded: 0 })
  // The next morning starts a new pass.
  clock.set('2020-12-22T09:00:00+08:00')
  const next = await runReminderChunk(deps, { budgetMs: BUDGET_MS })
  expect(next.cursor).toMatchObject({ day: '2020-12-22', pass: 1, round: 1 })
  expect(next.sent).toBeGreaterThan(0)
  await store.close()
})

test('a run that dies mid-chunk: the next run resumes from the saved cursor and resends to no one', async () => {
  const w = await world()
  const deps = { store: w.store, clock: w.clock, config: w.config, sender: w.sender, graceDays: DEFAULT_CONFIG.graceDays }
  // The store fails on the third outbox write, as if the function were killed there.
  const append = w.store.appendOutbox.bind(w.store)
  let writes = 0
  w.store.appendOutbox = async (e) => {
    writes += 1
    if (writes === 3) throw new Error('function timed out')
    return append(e)
  }
  await expect(runReminderChunk(deps, { budgetMs: BUDGET_MS, chunkSize: 2 })).rejects.toThrow('function timed out')
  const sentBefore = w.sender.sent.length
  const saved = await w.store.reminderCursor()
  expect(saved?.after).not.toBeNull()
  expect(saved?.done).toBe(false)

  const resumed = await runReminderChunk(deps, { budgetMs: BUDGET_MS, chunkSize: 2 })
  expect(resumed.done).toBe(true)
  const pages = w.sender.sent.map((m) => `${m.touser}|${m.page}`)
  expect(new Set(pages).size).toBe(pages.length)
  // Same as one uninterrupted run: four messages in all (see job.test.ts).
  expect(w.sender.sent).toHaveLength(4)
  expect(sentBefore).toBeGreaterThan(0)
  await w.close()
})
