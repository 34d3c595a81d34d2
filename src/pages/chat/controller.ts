import { quickCheckin, startChat, stepChat, type BotMessage, type ChatContext, type ChatInput, type ChatState, type QuickReply, type SummaryCard } from '../../core/chat'
import { formatValue, periodLabel } from '../../core/chat/format'
import { readGlobalIntent } from '../../core/chat/intents'
import { afterSubmit, greeting, LOBBY_HELP, OPEN_PREFIX } from '../../core/chat/lobby'
import { chinaDate, type Clock } from '../../core/clock'
import type { Indicator } from '../../core/indicator'
import { previousPeriod } from '../../core/period'
import { reportId, type Evidence, type ReportDraftInput } from '../../core/report'
import type { Api, MeData, PendingItem } from '../../services/api'
import type { DraftStore } from '../../services/drafts'
import type { SubmitOutcome } from '../../services'
import { loadReport } from './loadReport'


export interface ChatDeps {
  api: Pick<Api, 'pending' | 'catalog' | 'history'>
  drafts: DraftStore<ChatState>
  clock: Clock
  /** Sends a confirmed report (through the offline queue in the app). */
  submit(draft: ReportDraftInput): Promise<SubmitOutcome>
  navigate(to: 'inbox' | 'progress'): void
  newClientId(): string
  /** The typing pause before the assistant speaks. */
  delay(ms: number): Promise<void>
}

export interface Line {
  id: string
  from: 'bot' | 'user'
  text: string
  tone: 'normal' | 'warning' | 'error' | 'done'
  summary?: SummaryCard
}

export interface ChatView {
  lines: Line[]
  replies: QuickReply[]
  expects: BotMessage['expects']
  typing: boolean
  busy: boolean
  /** The line holding the summary card that may still be edited. */
  activeSummary: string | null
}

type Mode =
  | { kind: 'lobby' }
  | { kind: 'resume'; item: PendingItem; ctx: ChatContext; saved: ChatState }
  | { kind: 'report'; item: PendingItem; ctx: ChatContext; state: ChatState }
  | { kind: 'confirm'; item: PendingItem; draft: ReportDraftInput }

const TONE: Record<BotMessage['kind'], Line['tone']> = { question: 'normal', info: 'normal', summary: 'normal', warning: 'warning', error: 'error', done: 'done' }
const CONFIRM = 'checkin:confirm'
const CANCEL = 'checkin:cancel'
const TYPING_MS = 250

/**
 * The chat screen's brain, free of React and Taro: the lobby (greeting,
 * picking an item, quick check-in) and, once an item is open, the pure
 * conversation engine, with drafts saved after every answer so nothing
 * typed is lost if the app is killed.
 */
export class ChatController {
  private view: ChatView = { lines: [], replies: [], expects: 'text', typing: false, busy: false, activeSummary: null }
  private listeners = new Set<(v: ChatView) => void>()
  private mode: Mode = { kind: 'lobby' }
  private seq = 0
  private me: MeData | null = null
  private items: PendingItem[] = []
  private indicators: Indicator[] = []
  private greeted = false

  constructor(private readonly deps: ChatDeps) {}

  snapshot(): ChatView {
    return this.view
  }

  subscribe(fn: (v: ChatView) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  private set(patch: Partial<ChatView>) {
    this.view = { ...this.view, ...patch }
    this.listeners.forEach((fn) => fn(this.view))
  }

  private nextId(): string {
    this.seq += 1
    return `l${this.seq}`
  }

  private userSays(text: string) {
    this.set({ lines: [...this.view.lines, { id: this.nextId(), from: 'user', text, tone: 'normal' }], replies: [] })
  }

  private async botSays(messages: BotMessage[]) {
    if (messages.length === 0) return
    this.set({ typing: true })
    await this.deps.delay(TYPING_MS)
    const lines = messages.map((m): Line => ({ id: this.nextId(), from: 'bot', text: m.text, tone: TONE[m.kind], ...(m.summary ? { summary: m.summary } : {}) }))
    const last = messages[messages.length - 1]
    const summaryLine = [...lines].reverse().find((l) => l.summary)
    this.set({ typing: false, lines: [...this.view.lines, ...lines], replies: last.quickReplies ?? [], expects: last.expects ?? 'text', activeSummary: summaryLine?.id ?? null })
  }

  private say(text: string, kind: BotMessage['kind'] = 'info', quickReplies?: QuickReply[]) {
    return this.botSays([{ id: '', text, kind, ...(quickReplies ? { quickReplies } : {}) }])
  }

  /** Called when the page shows: reload what is due; greet once. */
  async refresh(me: MeData): Promise<void> {
    this.me = me
    const [pending, catalog] = await Promise.all([this.deps.api.pending(), this.indicators.length ? null : this.deps.api.catalog()])
    this.items = pending.items
    if (catalog) this.indicators = catalog.indicators
    // Refreshes overlap (the page shows, then the identity reloads): greet once.
    if (this.mode.kind === 'lobby' && !this.greeted) {
      this.greeted = true
      await this.botSays([greeting(me.person.name, this.items, '')])
    }
  }

  pendingItems(): PendingItem[] {
    return this.items
  }

  /** The plan item of the period's year: a January report of December reads last year's plan. */
  private indicatorOf(code: string, period: string): Indicator | undefined {
    const year = Number(period.slice(0, 4))
    return this.indicators.find((i) => i.code === code && i.year === year) ?? this.indicators.find((i) => i.code === code)
  }

  async send(text: string): Promise<void> {
    this.userSays(text)
    await this.handle({ type: 'text', text })
  }

  async quick(reply: QuickReply): Promise<void> {
    this.userSays(reply.label)
    await this.handle({ type: 'quick', value: reply.value })
  }

  async edit(field: string): Promise<void> {
    await this.handle({ type: 'edit', field })
  }

  async confirm(): Promise<void> {
    this.userSays('确认提交')
    await this.handle({ type: 'confirm' })
  }

  async addEvidence(evidence: Evidence): Promise<void> {
    await this.handle({ type: 'evidence', evidence })
  }

  private async handle(input: ChatInput): Promise<void> {
    this.set({ busy: true })
    try {
      const mode = this.mode
      if (mode.kind === 'report') return await this.step(mode, input)
      const value = input.type === 'text' ? input.text : input.type === 'quick' ? input.value : ''
      if (mode.kind === 'resume') return await this.resume(mode, value)
      if (mode.kind === 'confirm') return await this.confirmCard(mode, value)
      await this.lobby(value)
    } finally {
      this.set({ busy: false })
    }
  }

  private async lobby(value: string) {
    if (value.startsWith(OPEN_PREFIX)) {
      const item = this.items.find((i) => i.reportId === value.slice(OPEN_PREFIX.length))
      return item ? this.open(item) : this.say('这一项已经不在待办里了。')
    }
    const intent = readGlobalIntent(value)
    if (intent === 'inbox' || intent === 'progress') return this.deps.navigate(intent)
    if (intent === 'help') return this.say(LOBBY_HELP)
    const reportable = this.indicators.filter((i) => this.items.some((it) => it.indicatorCode === i.code))
    const match = quickCheckin(value, reportable)
    if (match) return this.checkin(match.indicator, match.field.key, match.value)
    const named = this.items.filter((i) => value.length >= 2 && i.title.includes(value))
    if (named.length === 1) return this.open(named[0])
    await this.botSays([{ ...greeting(this.me?.person.name ?? '', this.items, ''), text: '没太明白。可以点下面的事项开始填写，或者说“帮助”。', kind: 'info' }])
  }

  /** Opens an item from the lobby or the inbox; offers to resume a saved draft. */
  async open(item: PendingItem, opts: { sameAsLast?: boolean } = {}): Promise<void> {
    const ind = this.indicatorOf(item.indicatorCode, item.period)
    if (!ind || !this.me) return this.say('这项指标暂时打不开，请稍后再试。', 'error')
    if (item.state === 'approved') return this.say('这份填报已审核通过，不能再修改。')
    const previous = await loadReport(this.deps.api, reportId(ind.code, this.me.unit.id, previousPeriod(item.period)))
    if (opts.sameAsLast) {
      if (!previous) return this.say('上期没有填报，不能“同上期”，请逐项填写。', 'info', [{ label: '逐项填写', value: OPEN_PREFIX + item.reportId }])
      return this.offerConfirm(item, ind, previous.values, '与上期相同')
    }
    const current = item.state === 'returned' ? await loadReport(this.deps.api, item.reportId) : null
    const ctx: ChatContext = {
      indicator: ind,
      orgUnitName: this.me.unit.name,
      period: item.period,
      today: chinaDate(this.deps.clock.now()),
      ...(previous ? { previous: previous.values, previousDates: previous.dates } : {}),
      ...(current
        ? { returned: { comment: current.reviewComment ?? '', fields: current.returnedFields, values: current.values, dates: current.dates, narrative: current.narrative, evidence: current.evidence, reasons: current.reasons } }
        : {})
    }
    const saved = await this.deps.drafts.get(item.reportId)
    if (saved) {
      this.mode = { kind: 'resume', item, ctx, saved: saved.state }
      return this.say(`${ind.title}（${periodLabel(item.period)}）有上次没填完的内容。继续上次填写？`, 'question', [
        { label: '继续', value: 'resume' },
        { label: '重新开始', value: 'fresh' }
      ])
    }
    await this.begin(item, ctx)
  }

  private async begin(item: PendingItem, ctx: ChatContext, restored?: ChatState) {
    const { state, messages } = startChat(ctx, restored)
    this.mode = { kind: 'report', item, ctx, state }
    await this.botSays(messages)
  }

  private async resume(mode: Extract<Mode, { kind: 'resume' }>, value: string) {
    if (value === 'fresh' || value.includes('重新')) {
      await this.deps.drafts.discard(mode.item.reportId)
      return this.begin(mode.item, mode.ctx)
    }
    return this.begin(mode.item, mode.ctx, mode.saved)
  }

  private async step(mode: Extract<Mode, { kind: 'report' }>, input: ChatInput) {
    const { state, messages, outcome } = stepChat(mode.ctx, mode.state, input)
    this.mode = { ...mode, state }
    // The confirming step is not saved: if delivery is refused, the draft
    // from just before it lets the worker reopen, fix and send again.
    if (!(outcome && 'submit' in outcome)) await this.deps.drafts.save(mode.item.reportId, state, this.deps.clock.now())
    await this.botSays(messages)
    if (!outcome) return
    if ('navigate' in outcome) return this.deps.navigate(outcome.navigate)
    if ('exit' in outcome) {
      this.mode = { kind: 'lobby' }
      return this.botSays([afterSubmit(this.items, '', '好的，填过的内容已保存，下次可以接着填。')])
    }
    const draft: ReportDraftInput = {
      clientId: this.deps.newClientId(),
      indicatorCode: mode.item.indicatorCode,
      orgUnitId: this.me!.unit.id,
      period: mode.item.period,
      ...outcome.submit,
      ...(mode.item.version ? { baseVersion: mode.item.version } : {})
    }
    await this.deliver(mode.item, draft)
  }

  /** A one-tap confirm card: a quick check-in or "同上期". */
  private async checkin(ind: Indicator, field: string, value: number) {
    const item = [...this.items].reverse().find((i) => i.indicatorCode === ind.code && i.state !== 'approved')
    if (!item) return this.say(`${ind.title}这一期已审核通过，不能再修改。`)
    const current = item.version ? await loadReport(this.deps.api, item.reportId) : null
    await this.offerConfirm(item, ind, { ...(current?.values ?? {}), [field]: value }, '快速更新')
  }

  private async offerConfirm(item: PendingItem, ind: Indicator, values: Record<string, number>, lead: string) {
    const draft: ReportDraftInput = {
      clientId: this.deps.newClientId(),
      indicatorCode: ind.code,
      orgUnitId: this.me!.unit.id,
      period: item.period,
      values,
      ...(item.version ? { baseVersion: item.version } : {})
    }
    this.mode = { kind: 'confirm', item, draft }
    const listed = ind.fields
      .filter((f) => values[f.key] !== undefined && f.fixed === undefined)
      .map((f) => `${f.label} ${formatValue(f, values[f.key])}`)
      .join('，')
    await this.say(`${lead}：${ind.title}（${periodLabel(item.period)}）\n${listed}\n确认提交吗？`, 'question', [
      { label: '确认提交', value: CONFIRM },
      { label: '取消', value: CANCEL }
    ])
  }

  private async confirmCard(mode: Extract<Mode, { kind: 'confirm' }>, value: string) {
    if (value === CONFIRM || readGlobalIntent(value) === null && /^(确认|提交|确认提交|好|是)$/.test(value)) return this.deliver(mode.item, mode.draft)
    this.mode = { kind: 'lobby' }
    await this.botSays([afterSubmit(this.items, '', '好的，没有提交。')])
  }

  private async deliver(item: PendingItem, draft: ReportDraftInput) {
    const outcome = await this.deps.submit(draft)
    this.mode = { kind: 'lobby' }
    if (outcome.kind === 'refused') {
      return this.say(`没能提交：${outcome.message}`, 'error', [{ label: '修改后重新提交', value: OPEN_PREFIX + item.reportId }])
    }
    await this.deps.drafts.discard(item.reportId)
    try {
      this.items = (await this.deps.api.pending()).items
    } catch {
      // Offline: the item stays listed until the queue delivers it.
      this.items = this.items.filter((i) => i.reportId !== item.reportId)
    }
    const lead = outcome.kind === 'sent' ? '已提交 ✓ ' : '已保存，网络恢复后自动上传（待同步）。'
    await this.botSays([afterSubmit(this.items, '', lead)])
  }
}
