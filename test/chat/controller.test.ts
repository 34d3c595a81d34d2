import { ChatController, type ChatDeps } from '../../src/pages/chat/controller'
import { SEED_INDICATORS } from '../../src/core/seed/catalog'
import { DraftStore } from '../../src/services/drafts'
import { memoryStorage } from '../../src/services/storage/memoryStorage'
import type { ChatState } from '../../src/core/chat'
import type { MeData, PendingItem } from '../../src/services/api'
import { ApiFailure } from '../../src/services/api'
import type { ReportDraftInput } from '../../src/core/report'
import type { SubmitOutcome } from '../../src/services'

/**
 * The chat screen's controller with the real engine and draft store over
 * memory storage, and a fake backend: the lobby, drafts that survive a
 * restart, quick check-ins and what the worker is told after confirming.
 */
const unit = { id: 'qk-s11-c01-g1', name: '园博北社区第1网格', level: 'grid' as const, parentId: 'qk-s11-c01', path: '/qk/qk-s11/qk-s11-c01/qk-s11-c01-g1/' }
const me = { person: { id: 'u-grid-1', name: '张晓梅', role: 'grid_worker', orgUnitId: unit.id }, roleLabel: '网格员', unit, unitLabel: '', scope: { path: unit.path, level: 'grid' } } as unknown as MeData

const item = (over: Partial<PendingItem>): PendingItem => ({
  indicatorCode: 'YL-133',
  title: '“133”居家养老品牌打造',
  period: '2020-12',
  dueDate: '2021-01-05',
  daysLeft: 16,
  state: 'due',
  reportId: `YL-133~${unit.id}~2020-12`,
  version: null,
  ...over
})

function setup(opts: { items?: PendingItem[]; reports?: Record<string, { values: Record<string, number>; dates?: Record<string, string> }>; outcome?: SubmitOutcome; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const storage = opts.storage ?? memoryStorage()
  const submitted: ReportDraftInput[] = []
  const navigated: string[] = []
  const items = opts.items ?? [item({}), item({ indicatorCode: 'YL-BED', title: '养老床位', period: '2020-Q4', reportId: `YL-BED~${unit.id}~2020-Q4`, dueDate: '2021-01-10' })]
  const deps: ChatDeps = {
    api: {
      pending: async () => ({ items, today: '2020-12-20', toReview: [], counts: { due: 2, overdue: 0, returned: 0, toReview: 0 }, actionable: 2 }) as never,
      catalog: async () => ({ indicators: SEED_INDICATORS, units: [unit] }) as never,
      history: async (id: string) => {
        const r = opts.reports?.[id]
        if (!r) throw new ApiFailure({ code: 'NOT_FOUND', message: '没有找到这份填报' })
        return { report: { id, values: r.values, dates: r.dates ?? {}, narrative: '', evidence: [], reasons: {}, returnedFields: [], version: 1 }, entries: [] } as never
      }
    },
    drafts: new DraftStore<ChatState>(storage),
    clock: { now: () => new Date('2020-12-20T02:00:00Z') },
    submit: async (d) => {
      submitted.push(d)
      return opts.outcome ?? { kind: 'sent' }
    },
    navigate: (to) => navigated.push(to),
    newClientId: () => `client-${submitted.length + 1}-abcdef`,
    delay: async () => undefined
  }
  const c = new ChatController(deps)
  const texts = () => c.snapshot().lines.map((l) => l.text)
  const lastBot = () => [...c.snapshot().lines].reverse().find((l) => l.from === 'bot')!
  return { c, storage, submitted, navigated, texts, lastBot }
}

test('greets once with what is due, one tap per item', async () => {
  const { c, texts } = setup()
  await c.refresh(me)
  await c.refresh(me)
  expect(texts()).toEqual(['张晓梅，你好！你有2项待填报。点下面的事项开始填写。'])
  expect(c.snapshot().replies.map((r) => r.label)).toEqual(['“133”居家养老品牌打造 2020年12月', '养老床位 2020年第4季度'])
})

test('a half-filled report survives a restart: reopening offers 继续上次填写？ and resumes where it stopped', async () => {
  const first = setup()
  await first.c.refresh(me)
  await first.c.quick(first.c.snapshot().replies[0])
  await first.c.send('八个')
  // The app is killed; a new controller on the same storage.
  const second = setup({ storage: first.storage })
  await second.c.refresh(me)
  await second.c.quick(second.c.snapshot().replies[0])
  expect(second.lastBot().text).toContain('继续上次填写？')
  await second.c.quick({ label: '继续', value: 'resume' })
  expect(second.lastBot().text).toContain('新建幸福食堂')
  await second.c.send('两个')
  await second.c.send('两千人次')
  await second.c.confirm()
  expect(second.submitted[0]).toMatchObject({ indicatorCode: 'YL-133', period: '2020-12', values: { service_points: 8, canteens: 2, trainees: 2000 } })
  // Sent: the draft is gone, so the next opening starts fresh.
  expect(await second.storage.keys()).not.toContain(`gebao.draft.YL-133~${unit.id}~2020-12`)
})

test('重新开始 discards the saved draft', async () => {
  const first = setup()
  await first.c.refresh(me)
  await first.c.quick(first.c.snapshot().replies[0])
  await first.c.send('八个')
  const second = setup({ storage: first.storage })
  await second.c.refresh(me)
  await second.c.quick(second.c.snapshot().replies[0])
  await second.c.quick({ label: '重新开始', value: 'fresh' })
  expect(second.lastBot().text).toContain('新建服务网点')
})

test('quick check-in: "床位 9133" becomes a confirm card and one tap submits it', async () => {
  const { c, submitted, lastBot } = setup()
  await c.refresh(me)
  await c.send('床位 9133')
  expect(lastBot().text).toContain('快速更新：养老床位（2020年第4季度）')
  expect(c.snapshot().replies.map((r) => r.label)).toEqual(['确认提交', '取消'])
  await c.quick(c.snapshot().replies[0])
  expect(submitted).toEqual([expect.objectContaining({ indicatorCode: 'YL-BED', period: '2020-Q4', values: { beds: 9133 } })])
  expect(lastBot().text).toContain('已提交 ✓')
})

test('同上期 from the inbox: last period’s figures on a confirm card; none → asks to fill in', async () => {
  const prev = `YL-BED~${unit.id}~2020-Q3`
  const withPrev = setup({ reports: { [prev]: { values: { beds: 9000, elderly: 155000 } } } })
  await withPrev.c.refresh(me)
  await withPrev.c.open(item({ indicatorCode: 'YL-BED', title: '养老床位', period: '2020-Q4', reportId: `YL-BED~${unit.id}~2020-Q4` }), { sameAsLast: true })
  expect(withPrev.lastBot().text).toContain('与上期相同')
  expect(withPrev.lastBot().text).toContain('养老床位 9000张')
  await withPrev.c.quick({ label: '确认提交', value: 'checkin:confirm' })
  expect(withPrev.submitted[0].values).toEqual({ beds: 9000, elderly: 155000 })

  const none = setup()
  await none.c.refresh(me)
  await none.c.open(item({ indicatorCode: 'YL-BED', title: '养老床位', period: '2020-Q4', reportId: `YL-BED~${unit.id}~2020-Q4` }), { sameAsLast: true })
  expect(none.lastBot().text).toContain('上期没有填报')
  expect(none.submitted).toEqual([])

  // A per-period count is never carried over: it would count new builds twice.
  const perPeriod = setup({ reports: { [`YL-133~${unit.id}~2020-11`]: { values: { service_points: 2 } } } })
  await perPeriod.c.refresh(me)
  await perPeriod.c.open(item({}), { sameAsLast: true })
  expect(perPeriod.lastBot().text).toContain('按每期新增填，不能“同上期”')
  expect(perPeriod.submitted).toEqual([])
})

test('the typed check-in card takes every word of the one yes/no vocabulary', async () => {
  const { YES_WORDS, NO_WORDS } = await import('../../src/core/chat/vocabulary')
  for (const word of YES_WORDS) {
    const { c, submitted } = setup()
    await c.refresh(me)
    await c.send('床位 9133')
    await c.send(word)
    expect([word, submitted.length]).toEqual([word, 1])
  }
  for (const word of NO_WORDS) {
    const { c, submitted, lastBot } = setup()
    await c.refresh(me)
    await c.send('床位 9133')
    await c.send(word)
    expect([word, submitted.length]).toEqual([word, 0])
    expect(lastBot().text).toContain('没有提交')
  }
})

test('an estimate in a check-in travels with its 约 mark', async () => {
  const { c, submitted, lastBot } = setup()
  await c.refresh(me)
  await c.send('床位约9100张')
  expect(lastBot().text).toContain('养老床位 约9100张')
  await c.send('好的')
  expect(submitted[0]).toMatchObject({ values: { beds: 9100 }, approx: ['beds'] })
})

test('the summary card stays tappable after a typed line, and a typed correction works there', async () => {
  const { c, lastBot } = setup()
  await c.refresh(me)
  await c.open(item({}))
  for (const t of ['8', '2', '300']) await c.send(t)
  const card = c.snapshot().activeSummary
  expect(card).not.toBeNull()
  await c.send('这个我再看看')
  expect(c.snapshot().activeSummary).toBe(card)
  await c.send('食堂写错了，是3个')
  expect(lastBot().summary!.rows.find((r) => r.field === 'canteens')!.value).toBe('3个')
  expect(c.snapshot().activeSummary).toBe(lastBot().id)
})

test('offline: the worker is told it waits (待同步); refused: the reason, and the draft is kept', async () => {
  const queued = setup({ outcome: { kind: 'queued' } })
  await queued.c.refresh(me)
  await queued.c.send('床位 9133')
  await queued.c.quick({ label: '确认提交', value: 'checkin:confirm' })
  expect(queued.lastBot().text).toContain('网络恢复后自动上传')

  const refused = setup({ outcome: { kind: 'refused', message: '这一期已经截止，不能再填报' } })
  await refused.c.refresh(me)
  await refused.c.quick(refused.c.snapshot().replies[0])
  await refused.c.send('网点8个，食堂2个，培训2000人次')
  await refused.c.confirm()
  expect(refused.lastBot()).toMatchObject({ tone: 'error', text: '没能提交：这一期已经截止，不能再填报' })
  // Reopening resumes at the summary, answers intact.
  expect(refused.c.snapshot().replies.map((r) => r.label)).toEqual(['修改后重新提交'])
  await refused.c.quick(refused.c.snapshot().replies[0])
  expect(refused.lastBot().text).toContain('继续上次填写？')
  await refused.c.quick({ label: '继续', value: 'resume' })
  expect(refused.c.snapshot().lines.at(-1)?.summary?.rows.map((r) => r.value)).toEqual(['8个', '2个', '2000人次'])
})

test('待办 and 进度 from the lobby switch tabs; an unknown sentence gets help, not silence', async () => {
  const { c, navigated, lastBot } = setup()
  await c.refresh(me)
  await c.send('待办')
  await c.send('进度')
  expect(navigated).toEqual(['inbox', 'progress'])
  await c.send('今天天气不错')
  expect(lastBot().text).toContain('没太明白')
})

