import { startChat, stepChat, type BotMessage, type ChatContext, type ChatInput, type ChatState, type QuickReply, type SummaryCard } from '../../core/chat'
import { readEvidenceIntent } from '../../core/chat/evidenceIntent'
import { afterSubmit, greeting, OPEN_PREFIX } from '../../core/chat/lobby'
import { confirmCard, lobbyStep, resumeQuestion, sameAsLastCard, type LobbyContext, type LobbyState, type LobbyStep, type PendingConfirm } from '../../core/chat/lobbyEngine'
import { unitRequired } from '../../core/allocation'
import { chinaDate, type Clock } from '../../core/clock'
import type { Indicator } from '../../core/indicator'
import { previousPeriod } from '../../core/period'
import { reportId, type Evidence, type ReportDraftInput } from '../../core/report'
import type { Api, MeData, PendingItem } from '../../services/api'
import type { DraftStore } from '../../services/drafts'
import type { SubmitOutcome } from '../../services'
import { loadReport } from './loadReport'
import { PICK_PREFIX } from './pick'

export interface ChatDeps {
  api: Pick<Api, 'pending' | 'catalog' | 'history'>
  drafts: Pick<DraftStore<ChatState>, 'get' | 'save' | 'discard'>
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

/**
 * Where the chat is: in the lobby (core's lobby engine decides what a line
 * means there) or inside one report (core's report engine).
 */
type Mode =
  | { kind: 'lobby'; state: LobbyState; resume?: { item: PendingItem; ctx: ChatContext; saved: ChatState } }
  | { kind: 'report'; item: PendingItem; ctx: ChatContext; state: ChatState }

const LOBBY: Mode = { kind: 'lobby', state: { kind: 'idle' } }

const TONE: Record<BotMessage['kind'], Line['tone']> = { question: 'normal', info: 'normal', summary: 'normal', warning: 'warning', error: 'error', done: 'done' }
const TYPING_MS = 250

/**
 * The chat screen's glue, free of React and Taro: it renders what the core
 * engines say (src/core/chat: the lobby engine before an item is open, the
 * report engine inside one), loads what they ask for, saves a draft after
 * every answer so nothing typed is lost if the app is killed, and delivers
 * the drafts they produce. It reads no words itself.
 */
export class ChatController {
  private view: ChatView = { lines: [], replies: [], expects: 'text', typing: false, busy: false, activeSummary: null }
  private listeners = new Set<(v: ChatView) => void>()
  private mode: Mode = LOBBY
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
    // The card stays tappable until submit: a hint below it ("请点确认提交")
    // does not take its rows away. A new question or leaving the report does.
    const stillAtCard = this.mode.kind === 'report' && !this.mode.state.submitted && (last.expects ?? 'text') === 'none'
    const activeSummary = summaryLine?.id ?? (stillAtCard ? this.view.activeSummary : null)
    this.set({ typing: false, lines: [...this.view.lines, ...lines], replies: last.quickReplies ?? [], expects: last.expects ?? 'text', activeSummary })
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
    if (this.mode.kind === 'lobby' && this.mode.state.kind === 'idle' && !this.greeted) {
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
    const replies = this.view.replies
    this.userSays(text)
    if (this.mode.kind === 'report') {
      const intent = readEvidenceIntent(text, this.mode.ctx.indicator)
      if (intent) return this.offerPicker(intent.kind, intent.field, replies)
    }
    await this.handle({ type: 'text', text })
  }

  private stashedReplies: QuickReply[] | null = null

  /**
   * "加照片" / "拍照": the picker may open only from a tap, so the chat
   * answers with buttons that open it (values PICK_PREFIX…, which the page
   * handles itself). The engine's question stays as it was.
   */
  private async offerPicker(kind: 'image' | 'file', field: string | undefined, replies: QuickReply[]) {
    this.stashedReplies = replies
    const label = field && this.mode.kind === 'report' ? this.mode.ctx.indicator.fields.find((f) => f.key === field)?.label : undefined
    const what = kind === 'image' ? '照片' : '文件'
    const suffix = field ? `:${field}` : ''
    await this.say(`好的，点下面的按钮${kind === 'image' ? '拍照或从相册选' : '选文件'}${label ? `，这${what}会放在「${label}」旁边` : ''}。`, 'question', [
      kind === 'image' ? { label: '拍照或选照片', value: `${PICK_PREFIX}image${suffix}` } : { label: '选文件', value: `${PICK_PREFIX}file${suffix}` },
      { label: '不加了', value: `${PICK_PREFIX}cancel` }
    ])
  }

  /** The picker was closed without a file, or 不加了: back to the question that was open. */
  async pickCancelled(): Promise<void> {
    const replies = this.stashedReplies
    this.stashedReplies = null
    if (replies) this.set({ replies })
  }

  /** A file could not be kept (type, size, budget): say why, keep the question open. */
  async fileRefused(message: string): Promise<void> {
    const replies = this.stashedReplies ?? this.view.replies
    this.stashedReplies = null
    await this.say(message, 'error', replies)
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
    this.stashedReplies = null
    await this.handle({ type: 'evidence', evidence })
  }

  private async handle(input: ChatInput): Promise<void> {
    this.set({ busy: true })
    try {
      const mode = this.mode
      if (mode.kind === 'report') return await this.step(mode, input)
      const value = input.type === 'text' ? input.text : input.type === 'quick' ? input.value : ''
      await this.lobby(mode, lobbyStep(this.lobbyContext(), mode.state, value))
    } finally {
      this.set({ busy: false })
    }
  }

  private lobbyContext(): LobbyContext {
    return { name: this.me?.person.name ?? '', items: this.items, indicators: this.indicators }
  }

  /** Does what a lobby step asks: say its messages, then load, open or send. */
  private async lobby(mode: Extract<Mode, { kind: 'lobby' }>, step: LobbyStep): Promise<void> {
    this.mode = { kind: 'lobby', state: step.state, ...(step.state.kind === 'resume' && mode.resume ? { resume: mode.resume } : {}) }
    await this.botSays(step.messages)
    const o = step.outcome
    if (!o) return
    if ('navigate' in o) return this.deps.navigate(o.navigate)
    if ('open' in o) {
      const item = this.items.find((i) => i.reportId === o.open)
      return item ? this.open(item) : undefined
    }
    if ('resume' in o) {
      const r = mode.resume
      if (!r) return
      if (o.fresh) {
        await this.deps.drafts.discard(r.item.reportId)
        return this.begin(r.item, r.ctx)
      }
      return this.begin(r.item, r.ctx, r.saved)
    }
    if ('checkin' in o) {
      const item = this.items.find((i) => i.reportId === o.checkin.reportId)
      const ind = item && this.indicatorOf(o.checkin.indicatorCode, item.period)
      if (!item || !ind) return
      const current = item.version ? await loadReport(this.deps.api, item.reportId) : null
      const values = { ...(current?.values ?? {}), [o.checkin.field]: o.checkin.value }
      const approx = [...(current?.approx ?? []).filter((k) => k !== o.checkin.field), ...(o.checkin.approx ? [o.checkin.field] : [])]
      return this.lobby(this.lobbyMode(), confirmCard(ind, item, values, approx, '快速更新'))
    }
    const item = this.items.find((i) => i.reportId === o.submit.reportId)
    if (item) await this.deliver(item, this.confirmedDraft(item, o.submit))
  }

  private lobbyMode(): Extract<Mode, { kind: 'lobby' }> {
    return this.mode.kind === 'lobby' ? this.mode : { kind: 'lobby', state: { kind: 'idle' } }
  }

  private confirmedDraft(item: PendingItem, c: PendingConfirm): ReportDraftInput {
    return {
      clientId: this.deps.newClientId(),
      indicatorCode: c.indicatorCode,
      orgUnitId: this.me!.unit.id,
      period: item.period,
      values: c.values,
      ...(c.approx.length ? { approx: c.approx } : {}),
      ...(item.version ? { baseVersion: item.version } : {})
    }
  }

  /** Opens an item from the lobby or the inbox; offers to resume a saved draft. */
  async open(item: PendingItem, opts: { sameAsLast?: boolean } = {}): Promise<void> {
    const ind = this.indicatorOf(item.indicatorCode, item.period)
    if (!ind || !this.me) return this.say('这项指标暂时打不开，请稍后再试。', 'error')
    if (item.state === 'approved') return this.say('这份填报已审核通过，不能再修改。')
    const previous = await loadReport(this.deps.api, reportId(ind.code, this.me.unit.id, previousPeriod(item.period)))
    if (opts.sameAsLast) return this.lobby(this.lobbyMode(), sameAsLastCard(ind, item, previous))
    const current = item.state === 'returned' ? await loadReport(this.deps.api, item.reportId) : null
    const ctx: ChatContext = {
      indicator: ind,
      orgUnitName: this.me.unit.name,
      period: item.period,
      today: chinaDate(this.deps.clock.now()),
      // The unit's own share of each count target (指标分解), or null where none was allocated.
      unitTargets: Object.fromEntries(ind.targets.filter((t) => t.kind === 'count').map((t) => [t.id, unitRequired(ind, t, this.me!.unit)])),
      ...(previous ? { previous: previous.values, previousDates: previous.dates, previousApprox: previous.approx ?? [] } : {}),
      ...(current
        ? { returned: { comment: current.reviewComment ?? '', fields: current.returnedFields, values: current.values, dates: current.dates, narrative: current.narrative, evidence: current.evidence, reasons: current.reasons, approx: current.approx ?? [] } }
        : {})
    }
    const saved = await this.deps.drafts.get(item.reportId)
    if (saved) {
      const step = resumeQuestion(ind, item)
      this.mode = { kind: 'lobby', state: step.state, resume: { item, ctx, saved: saved.state } }
      return this.botSays(step.messages)
    }
    await this.begin(item, ctx)
  }

  private async begin(item: PendingItem, ctx: ChatContext, restored?: ChatState) {
    const { state, messages } = startChat(ctx, restored)
    this.mode = { kind: 'report', item, ctx, state }
    await this.botSays(messages)
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
      this.mode = LOBBY
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

  private async deliver(item: PendingItem, draft: ReportDraftInput) {
    const outcome = await this.deps.submit(draft)
    this.mode = LOBBY
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
