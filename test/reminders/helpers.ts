import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiContext } from '../../cloud/api/context'
import { dispatch, useChineseMessages } from '../../cloud/api/router'
import { defaultTemplate, parseReminderConfig, type ReminderConfig } from '../../cloud/reminders/config'
import { seedDemoGrants } from '../../cloud/reminders/demo'
import { runReminders, type RunSummary } from '../../cloud/reminders/run'
import type { MessageSender, OutgoingMessage, SendResult } from '../../cloud/reminders/sender'
import { seedIfEmpty } from '../../cloud/seed'
import { SqliteStore } from '../../cloud/store/sqlite/SqliteStore'
import type { OutboxEntry } from '../../cloud/store/types'
import { TestClock } from '../server/harness'

/**
 * A reminder test world: the real SQLite store in memory with the demo
 * seed (org tree, people, the nine indicators) and the demo grants (five
 * each, none for 刘洋 u-grid-2), a settable clock, a scripted sender.
 */

export const TPL = 'tpl-pending'
export const G1 = 'qk-s11-c01-g1'

export function testConfig(over: Record<string, unknown> = {}): ReminderConfig {
  return parseReminderConfig({ templates: [defaultTemplate(TPL)], ...over })
}

/** Records every message; answers with `answer` (ok by default). */
export class FakeSender implements MessageSender {
  readonly channel = 'wechat' as const
  sent: OutgoingMessage[] = []
  answer: (m: OutgoingMessage) => SendResult | Promise<SendResult> = () => ({ ok: true })
  async send(m: OutgoingMessage): Promise<SendResult> {
    this.sent.push(m)
    return this.answer(m)
  }
}

let seq = 0
export const clientId = () => `rem-${Date.now().toString(36)}-${String(++seq).padStart(4, '0')}`

export async function world(at = '2020-12-20T10:00:00+08:00', config = testConfig()) {
  useChineseMessages()
  const store = new SqliteStore(':memory:')
  await seedIfEmpty(store)
  await seedDemoGrants(store, config, new Date(at).toISOString())
  const clock = new TestClock(new Date(at))
  const sender = new FakeSender()
  const w = {
    store,
    clock,
    sender,
    config,
    run: (cfg: ReminderConfig = config): Promise<RunSummary> => runReminders({ store, clock, config: cfg, sender, graceDays: DEFAULT_CONFIG.graceDays }),
    /** Runs an action as a person (openid `wx-<id>`), as the api function would. */
    async act<T = any>(personId: string, action: string, payload: unknown = {}, cfg: ReminderConfig = config): Promise<{ ok: boolean; data?: T; error?: { code: string; message: string } }> {
      const person = await store.getPerson(personId)
      const unit = person ? await store.getOrgUnit(person.orgUnitId) : null
      const ctx: ApiContext = {
        store,
        clock,
        caller: person && unit ? { person, unit } : null,
        openid: `wx-${personId}`,
        text: ALLOW_ALL_TEXT,
        config: DEFAULT_CONFIG,
        reminders: { config: cfg, run: () => w.run(cfg) }
      }
      return (await dispatch(ctx, action, payload)) as any
    },
    async submit(personId: string, unitId: string, period: string, baseVersion?: number) {
      const report = { clientId: clientId(), indicatorCode: 'YL-133', orgUnitId: unitId, period, values: { trainees: 1 }, ...(baseVersion ? { baseVersion } : {}) }
      const res = await w.act(personId, 'submit', { report })
      if (!res.ok) throw new Error(JSON.stringify(res.error))
      return res.data as { report: { id: string; version: number } }
    },
    outbox: async (): Promise<OutboxEntry[]> => store.listOutbox({ limit: 100 }),
    /** The outbox entries of the latest run for a person (newest first). */
    entriesOf: async (personId: string) => (await store.listOutbox({ limit: 100, personId })),
    banked: async (personId: string, templateId = TPL) => (await store.reminderGrants([personId])).find((g) => g.templateId === templateId)?.oneTime ?? 0,
    close: () => store.close()
  }
  return w
}

export type World = Awaited<ReturnType<typeof world>>

/** "YL-133 2020-11 overdue" for compact assertions. */
export const itemsOf = (e: OutboxEntry | undefined) => (e?.items ?? []).filter((i) => !i.escalated).map((i) => `${i.indicatorCode} ${i.period} ${i.state}`)
