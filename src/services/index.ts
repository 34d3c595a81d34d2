import type { Clock } from '../core/clock'
import type { ChatState } from '../core/chat'
import type { ReportDraftInput } from '../core/report'
import { createApi, type Api } from './api'
import { showPendingBadge } from './badge'
import { coalesce } from './coalesce'
import type { DraftStore } from './drafts'
import { createVault, pickers } from './files/platform'
import { sweepVault } from './files/sweep'
import type { FilePickers, FileVault } from './files/types'
import { People } from './people'
import { ownerOnly, QueueError, queueBackend, SubmissionQueue, type QueueFile } from './queue'
import { Session } from './session'
import { taroStorage } from './storage/taroStorage'
import { serverClock, withServerClock, type SyncedClock } from './serverClock'
import { rememberTitles } from './titles'
import type { KeyValueStorage } from './storage/types'
import { createTransport } from './transport'

/**
 * Everything with side effects that pages use, created once. Pages and
 * components reach storage, network and time only through this, so tests
 * replace the whole set with `setServices`.
 */
export interface Services {
  api: Api
  storage: KeyValueStorage
  session: Session
  /** The signed-in person's drafts (see People). */
  drafts: DraftStore<ChatState>
  /** The signed-in person's offline queue (see People). */
  queue: SubmissionQueue
  /** The server's clock (serverClock.ts): what every page reads as now. */
  clock: Clock | SyncedClock
  ready: Promise<void>
  /** Where picked photos and documents wait until their report is sent. */
  files?: FileVault
  pickers?: FilePickers
  /**
   * Signs a person in on this phone (or out, with null): their queue,
   * drafts and history become the ones shown and sent, and the 待办 badge
   * is redrawn for them.
   */
  usePerson?(personId: string | null): Promise<void>
  /** Called after the signed-in person changed; returns the unsubscribe function. */
  onPersonChange?(cb: () => void): () => void
  /** Redraws the 待办 badge from the server's count (cleared when unknown). */
  refreshBadge?(): Promise<void>
  /** At launch: removes kept files of abandoned drafts (see files/sweep). */
  sweepFiles?(): Promise<number>
  /**
   * Keeps a confirmed report on the phone (the offline queue), then tries to
   * deliver it: `sent` when the server took it now, `queued` when it waits
   * for the network, `refused` when it cannot be kept or was refused for good.
   */
  submitReport(draft: ReportDraftInput, files?: QueueFile[]): Promise<SubmitOutcome>
  /** Reports confirmed on this phone and not yet delivered (or needing attention). */
  unsyncedCount(): Promise<number>
  /** Set by the app once the flush triggers run; until then a confirm flushes directly. */
  afterConfirm: () => Promise<unknown>
}

export type SubmitOutcome = { kind: 'sent' } | { kind: 'queued' } | { kind: 'refused'; message: string }

let current: Services | null = null

function createServices(): Services {
  const storage = taroStorage
  const session = new Session(storage)
  const files = createVault()
  // H5 uploads read the kept bytes from IndexedDB; weapp uploads the saved file's path.
  const transport = createTransport(session, files.read ? (p) => files.read!(p) : undefined)
  const base = createApi(transport)
  // Every catalog load also refreshes the titles kept for offline lists.
  // Concurrent calls of me / pending / catalog share one request: pages,
  // the identity hook and the badge all ask when the chat opens.
  // Every answer of `pending` for the signed-in person redraws the 待办
  // badge, so it is right at login, after a switch and after each sync
  // without a request of its own.
  const clock = serverClock()
  // Responses with the server's time set the one clock (serverClock.ts).
  const api: Api = withServerClock({
    ...base,
    me: coalesce(base.me),
    pending: coalesce(async () => {
      const asker = session.person()
      const data = await base.pending()
      if (asker && asker === session.person()) void showPendingBadge(data.actionable)
      return data
    }),
    catalog: coalesce(async () => {
      const catalog = await base.catalog()
      await rememberTitles(storage, catalog.indicators).catch(() => undefined)
      return catalog
    })
  }, clock)
  const backend = queueBackend(transport, (p) => files.exists(p))
  const people = new People(
    storage,
    (scoped, personId) =>
      new SubmissionQueue({ storage: scoped, backend: ownerOnly(backend, personId, () => session.person()), releaseFile: (p) => files.remove(p) }),
    null
  )
  // A token without a recorded person: a phone upgraded from the shared queue.
  let legacy = false
  const refreshBadge = async () => {
    if (!session.person()) return showPendingBadge(0)
    // The answer redraws the badge (see api.pending); offline it keeps what it showed.
    await api.pending().catch(() => undefined)
  }
  const services: Services = {
    api,
    storage,
    session,
    get drafts() {
      return people.current().drafts
    },
    get queue() {
      return people.current().queue
    },
    clock,
    files,
    pickers,
    ready: session.load().then(async () => {
      const person = session.person()
      if (person) await people.use(person)
      else if (session.token()) legacy = true
    }),
    async usePerson(personId) {
      if (!personId) {
        await people.use(null)
        return showPendingBadge(0)
      }
      if (legacy) {
        legacy = false
        await people.adoptLegacy(personId)
      }
      if (session.person() !== personId) await session.setPerson(personId)
      const changed = people.current().personId !== personId
      await people.use(personId)
      // Another person's count must never stay on the tab; the chat's first
      // `pending` (the page every sign-in lands on) draws this person's.
      if (changed) await showPendingBadge(0)
    },
    onPersonChange: (cb) => people.subscribe(cb),
    sweepFiles: () => sweepVault(files, storage, Date.now()).catch(() => 0),
    refreshBadge,
    afterConfirm: () => services.queue.flush({ ignoreBackoff: true }),
    async submitReport(draft, kept = []) {
      const queue = services.queue
      try {
        await queue.enqueue(draft, kept)
      } catch (e) {
        return { kind: 'refused', message: e instanceof QueueError ? e.message : '没能保存，请重试' }
      }
      await services.afterConfirm()
      const entry = (await queue.entries()).find((e) => e.id === draft.clientId)
      if (entry?.status === 'synced') return { kind: 'sent' }
      if (entry && (entry.status === 'rejected' || entry.status === 'conflict')) return { kind: 'refused', message: entry.lastError?.message ?? '提交没有成功' }
      return { kind: 'queued' }
    },
    unsyncedCount: () => services.queue.unsyncedCount()
  }
  return services
}

export function getServices(): Services {
  if (!current) current = createServices()
  return current
}

/** For tests: replace the services every page sees. */
export function setServices(services: Services): void {
  current = services
}
