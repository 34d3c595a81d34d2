import { DEFAULT_CONFIG } from '../cloud/api/context'
import { runReminderChunk, runReminders, DEFAULT_CHUNK_SIZE, type RunSummary } from '../cloud/reminders/run'
import type { MessageSender, OutgoingMessage, SendResult } from '../cloud/reminders/sender'
import { PgStore } from '../cloud/store/pg/PgStore'
import { SqliteStore } from '../cloud/store/sqlite/SqliteStore'
import type { Store } from '../cloud/store/types'
import { join } from 'node:path'
import { seedCity, CITY } from '../test/reminders/cityScale'
import { TPL, testConfig } from '../test/reminders/helpers'
import { startPgCluster } from './lib/pgCluster'
import { int, ms, ratio } from './lib/stats'
import type { Bench } from './lib/types'

/**
 * Reminder planning for a city of 15,000 grids (test/reminders/cityScale.ts:
 * 15,000 grid workers and 500 community reviewers, each with grants and
 * overdue YL-133 months), on SQLite and on PostgreSQL: the whole day's
 * pass in one `runReminders` call with a sender that answers at once (so
 * the figure is planning and bookkeeping, not WeChat), and the same day as
 * the cloud function runs it, in `runReminderChunk` runs of at most 3 s
 * each. Baseline in the same run and database: every person read page by
 * page (`peopleAfter`, the job's page size) and marked reminded once
 * (`markReminded`), the reads and the one write a pass cannot avoid.
 */
class InstantSender implements MessageSender {
  readonly channel = 'wechat' as const
  sent = 0
  async send(_m: OutgoingMessage): Promise<SendResult> {
    this.sent++
    return { ok: true }
  }
}

const DAY1 = '2020-12-21T09:00:00+08:00'
const DAY2 = '2020-12-22T09:00:00+08:00'
const CHUNK_MS = 3000

async function measure(store: Store) {
  const people = await seedCity(store, TPL, new Date(DAY1).toISOString())
  // Baseline: the walk and the one write per person.
  let t = performance.now()
  let after: string | null = null
  let walked = 0
  for (;;) {
    const page = await store.peopleAfter(after, DEFAULT_CHUNK_SIZE)
    if (page.length === 0) break
    for (const p of page) await store.markReminded(p.id, '2020-12-20')
    walked += page.length
    after = page[page.length - 1].id
  }
  const baseMs = performance.now() - t
  if (walked !== people.length) throw new Error(`walked ${walked} of ${people.length}`)

  const config = testConfig()
  const whole = new InstantSender()
  const clock1 = { now: () => new Date(DAY1) }
  t = performance.now()
  const one = await runReminders({ store, clock: clock1, config, sender: whole, graceDays: DEFAULT_CONFIG.graceDays })
  const wholeMs = performance.now() - t
  if (one.sent !== people.length) throw new Error(`one run sent ${one.sent} of ${people.length}`)

  // The cloud function's way, the next day: runs of at most CHUNK_MS until the day is done.
  const chunked = new InstantSender()
  // The chunk budget is judged on the job's clock: here it runs with real time from 09:00.
  const t2 = performance.now()
  const clock2 = { now: () => new Date(Date.parse(DAY2) + (performance.now() - t2)) }
  for (const p of people) await store.grantReminder({ personId: p.id, templateId: TPL, openid: `wx-${p.id}`, add: 1, at: new Date(DAY2).toISOString() })
  const runs: RunSummary[] = []
  t = performance.now()
  for (;;) {
    runs.push(await runReminderChunk({ store, clock: clock2, config, sender: chunked, graceDays: DEFAULT_CONFIG.graceDays }, { budgetMs: CHUNK_MS }))
    if (runs[runs.length - 1].done || runs.length > 500) break
  }
  const chunkedMs = performance.now() - t
  const sent = runs.reduce((s, r) => s + r.sent, 0)
  if (sent !== people.length) throw new Error(`chunked runs sent ${sent} of ${people.length}`)
  return { people: people.length, baseMs, wholeMs, chunkedMs, runs: runs.length }
}

export const remindersBench: Bench = {
  id: 'reminders',
  title: 'Reminder planning for 15,000 grids, against reading and marking every person',
  async run(ctx) {
    const rows: string[][] = []
    const figures: Record<string, number> = {}
    const sqlite = new SqliteStore(join(ctx.tmp, 'reminders.db'))
    const s = await measure(sqlite)
    await sqlite.close()
    ctx.log(`SQLite: whole day ${ms(s.wholeMs)} ms, ${s.runs} chunked runs ${ms(s.chunkedMs)} ms, baseline ${ms(s.baseMs)} ms`)
    const cluster = await startPgCluster(ctx.tmp)
    try {
      const pg = await PgStore.connect(await cluster.database('reminders'))
      const p = await measure(pg)
      await pg.close()
      ctx.log(`PostgreSQL: whole day ${ms(p.wholeMs)} ms, ${p.runs} chunked runs ${ms(p.chunkedMs)} ms, baseline ${ms(p.baseMs)} ms`)
      for (const [name, m] of [['SQLite', s], [`PostgreSQL (${cluster.version})`, p]] as const) {
        rows.push([name, int(m.people), ms(m.wholeMs), `${ms(m.chunkedMs)} in ${m.runs} runs`, ms(m.baseMs), ratio(m.wholeMs, m.baseMs)])
        const k = name === 'SQLite' ? 'sqlite' : 'pg'
        figures[`${k}WholeMs`] = +ms(m.wholeMs)
        figures[`${k}ChunkedMs`] = +ms(m.chunkedMs)
        figures[`${k}Runs`] = m.runs
        figures[`${k}BaselineMs`] = +ms(m.baseMs)
      }
    } finally {
      cluster.stop()
    }
    return {
      table: [['store', 'people reminded', 'one run for the day (ms)', `runs of ≤ ${CHUNK_MS / 1000} s until done (ms)`, 'baseline: read + mark every person (ms)', 'one run ÷ baseline'], ...rows],
      notes: [
        `The city of test/reminders/cityScale.ts: ${CITY.streets} streets × ${CITY.communities} communities × ${CITY.grids} grids, one grid worker per grid and one reviewer per community, all with grants and overdue YL-133 months; the clock at 09:00 of 2020-12-21 (one pass) and 2020-12-22 (the chunked runs, with a grant added for each). The sender answers at once, so the figures are planning and bookkeeping (pending periods per unit, grants, the reminded mark, the outbox row), not WeChat's 40 ms per message.`,
        `Baseline in the same run and database: every person read in pages of ${DEFAULT_CHUNK_SIZE} (\`peopleAfter\`) and marked reminded once (\`markReminded\`).`,
        'PostgreSQL: a throwaway cluster (bench/lib/pgCluster.ts, fsync on).'
      ],
      figures
    }
  }
}
