import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../src/core/clock'
import { isActive } from '../../src/core/people'
import { ORPHAN_GRACE_MS } from '../../src/core/evidence/retention'
import { DEFAULT_LIMITS, type EvidenceLimits } from '../../src/core/evidence/files'
import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiConfig, type ApiContext, type Caller, type ReminderService } from '../api/context'
import { ApiError, httpStatus, type ApiResult } from '../../src/core/errors'
import { dispatch, useChineseMessages } from '../api/router'
import { MAX_IMPORT_BASE64 } from '../api/handlers/planImport'
import { LocalFileSink } from '../export/files'
import { DEFAULT_REMINDER_CONFIG, withDemoTemplate, type ReminderConfig } from '../reminders/config'
import { seedDemoGrants } from '../reminders/demo'
import { busySummary, remindPeople, runReminders } from '../reminders/run'
import { localSender, type MessageSender } from '../reminders/sender'
import { runPendingRebuilds } from '../rollup/rebuild'
import { seedIfEmpty } from '../seed'
import { inProcessLock, type JobLock } from '../store/jobLock'
import { PgStore } from '../store/pg/PgStore'
import { SqliteStore } from '../store/sqlite/SqliteStore'
import type { ServerStore } from '../store/server'
import { lockDataFolder, type DataFolderLock } from './dataLock'
import { registerExports } from './exports'
import { FileLinks } from './fileLinks'
import { registerHeaders } from './headers'
import { actionLogger, loggerOptions, type LogSetting } from './logging'
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimits } from './rateLimits'
import { scheduleReminders, type ReminderSchedule } from './remindSchedule'
import { loadSessionKey, SessionService, Sessions } from './session'
import { localEvidenceIds, registerUploads, sweepOrphanUploads } from './uploads'

export interface ServerOptions {
  dataDir: string
  /**
   * A PostgreSQL connection string (DATABASE_URL): the store is PostgreSQL,
   * shared with any other server process on it (the data folder then holds
   * no database and is not locked to one process; share it, or give every
   * process the same SESSION_KEY / SESSION_KEY_FILE and UPLOAD_DIR).
   * Absent: the SQLite file `gebao.db` in the data folder, one process.
   */
  databaseUrl?: string
  /** Where uploaded photos live (UPLOAD_DIR); default `uploads` in the data folder. Shared by all processes. */
  uploadDir?: string
  /** The H5 build to serve; absent or missing folder: API only. */
  staticDir?: string
  clock?: Clock
  config?: Partial<ApiConfig>
  /** Local demo login (pick a person without an invite). On by default. */
  demoLogin?: boolean
  /** true: pino to stdout; a stream: pino there (tests read it). */
  logger?: LogSetting
  /** The session key (32 bytes); default: SESSION_KEY / SESSION_KEY_FILE from `env`, else DATA_DIR/session.key. */
  sessionKey?: Buffer
  env?: { SESSION_KEY?: string; SESSION_KEY_FILE?: string }
  /** Evidence file limits; default the product's (src/core/evidence/files.ts). */
  uploadLimits?: EvidenceLimits
  /** How long an upload no report names is kept; default core's ORPHAN_GRACE_MS (longer than the phone queue keeps an upload id). */
  orphanGraceMs?: number
  rateLimits?: Partial<RateLimits>
  /** Addresses of reverse proxies whose X-Forwarded-For to believe (Fastify's trustProxy, e.g. "loopback"); rate limits count per client address. */
  trustProxy?: string
  reminders?: {
    /** Default: no templates configured, so the demo template (with demo login). */
    config?: ReminderConfig
    /** Default: the local stand-in, which records in the outbox and sends nothing. */
    sender?: MessageSender
    /** A croner pattern in China time for the daily job; absent: no schedule (run it with `reminders.run`). */
    cron?: string
    /** With `cron`: run once at start when today's scheduled time (China date) has passed. */
    catchUp?: boolean
  }
}

export interface LocalServer {
  app: FastifyInstance
  store: ServerStore
  /** Which process may run a job now: advisory locks over PostgreSQL, in-process over SQLite. */
  jobs: JobLock
  sessions: SessionService
  reminders: ReminderService
  /** The reminder schedule, when `reminders.cron` was given. */
  schedule: ReminderSchedule | null
  /** Removes uploads no report names once past their grace (also run daily by the server). */
  sweepUploads(): Promise<number>
}

const IMPORT_BODY_LIMIT = MAX_IMPORT_BASE64 + 64 * 1024
/** Start-up refused for a reason the operator must fix (the message says how). */
export class StartupError extends Error {}

const systemClock: Clock = { now: () => new Date() }
/** Derived from how long the phone queue keeps an upload id (one rule in src/core). */
export const DEFAULT_ORPHAN_GRACE_MS = ORPHAN_GRACE_MS

/**
 * Hashed build files (js/app.1a2b3c4d.js) never change: cached for a year,
 * `immutable`. The shell (index.html) and the service worker are revalidated
 * on every load, so a new build reaches phones at once.
 */
export function staticCacheHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  const hashed = /[.-][0-9a-f]{8,}\.(js|css|png|jpe?g|svg|woff2?)$/.test(path)
  res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
}

function send(reply: import('fastify').FastifyReply, result: ApiResult<unknown>) {
  return reply.code(result.ok ? 200 : httpStatus(result.error.code)).send(result)
}

/** The install mode must match demo login: demo people never meet a real install's port, and the reverse. */
async function prepareInstall(store: ServerStore, demo: boolean, dataDir: string): Promise<void> {
  const mode = await store.installMode()
  if (demo) {
    if (mode === 'real') throw new StartupError(`DEMO_LOGIN is on, but ${dataDir} is a real install (set up with \`npm run admin -- init\`): demo login would let anyone sign in as its people. Start it with DEMO_LOGIN=off.`)
    if (await seedIfEmpty(store)) await store.setInstallMode('demo')
    return
  }
  if (mode === 'demo') {
    throw new StartupError(
      `DEMO_LOGIN is off, but ${dataDir} was seeded in demo mode: its demo people and every token demo login handed out would still work. ` +
        'Start clean with an empty DATA_DIR and `npm run admin -- init --district <名称> --name <姓名>`, ' +
        `or remove the demo people, their sessions, grants and reports with \`DATA_DIR=${dataDir} npm run admin -- drop-demo\`.`
    )
  }
}

/**
 * The local server: the same action handlers as the cloud function, over
 * SQLite (or PostgreSQL, `databaseUrl`), behind `POST /api/<action>`, plus the H5 build. Identity comes
 * from a signed session token in `Authorization: Bearer …` whose session
 * generation is the person's current one.
 */
export async function createLocalServer(opts: ServerOptions): Promise<LocalServer> {
  useChineseMessages()
  const clock = opts.clock ?? systemClock
  const sessionKey = opts.sessionKey ?? loadSessionKey(opts.dataDir, opts.env)
  const { store, jobs, lock } = await openStore(opts)
  const demo = opts.demoLogin !== false
  const remindConfig = opts.reminders?.config ?? (demo ? withDemoTemplate(DEFAULT_REMINDER_CONFIG) : DEFAULT_REMINDER_CONFIG)
  try {
    // Processes starting at once take turns, so the first fills an empty store and the others see it filled.
    await jobs.serialised('seed', async () => {
      await prepareInstall(store, demo, opts.dataDir)
      if (demo) await seedDemoGrants(store, remindConfig, clock.now().toISOString())
      // Rebuilds a migration queued (or a stopped server left) run before any request.
      await runPendingRebuilds(store, (code, year) => store.getIndicator(code, year), Number.POSITIVE_INFINITY, () => clock.now().toISOString())
    })
  } catch (e) {
    await store.close()
    lock.release()
    throw e
  }
  const sessions = new SessionService(new Sessions(sessionKey), store)
  const links = new FileLinks(sessionKey)
  const config = { ...DEFAULT_CONFIG, ...opts.config }
  const app = Fastify({ logger: loggerOptions(opts.logger ?? false), bodyLimit: 1024 * 1024, ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}) })

  const log = actionLogger(app.log)
  const reminders: ReminderService = {
    config: remindConfig,
    // One process at a time runs the job; another one asked meanwhile answers `busy`.
    run: async () => {
      const run = await jobs.exclusive('reminders', () => runReminders({ store, clock, config: remindConfig, sender: opts.reminders?.sender ?? localSender, graceDays: config.graceDays, log }))
      return run.ran ? run.value : busySummary(clock.now())
    },
    remindNow: (people) => remindPeople({ store, clock, config: remindConfig, sender: opts.reminders?.sender ?? localSender, graceDays: config.graceDays, log }, people)
  }
  const cron = opts.reminders?.cron
  const schedule = cron
    ? scheduleReminders({ pattern: cron, run: reminders.run, clock, catchUp: opts.reminders?.catchUp ?? false, onError: (e) => log.error('reminder run failed', e) })
    : null

  async function callerOf(authorization: string | undefined): Promise<Caller | null> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null
    const personId = token ? await sessions.verify(token, clock.now().getTime()) : null
    const found = personId ? await store.getPerson(personId) : null
    // A deactivated person calls nothing, whatever token they still hold.
    const person = found && isActive(found) ? found : null
    const unit = person ? await store.getOrgUnit(person.orgUnitId) : null
    return person && unit ? { person, unit } : null
  }

  // Exported 自查表 files: written under the data folder, downloaded from /exports/….
  const files = new LocalFileSink(join(opts.dataDir, 'exports'), clock)
  const evidence = localEvidenceIds(store)
  const context = (caller: Caller | null, openid?: string): ApiContext => ({
    store,
    clock,
    caller,
    text: ALLOW_ALL_TEXT,
    config,
    reminders,
    files,
    evidence,
    sessions,
    ...(openid ? { openid } : {})
  })

  await registerHeaders(app, opts.staticDir)
  const limits = { ...DEFAULT_RATE_LIMITS, ...opts.rateLimits }
  const limited = await registerRateLimits(app, store, limits)

  // Up only when the database reads and takes writes: a read-only or
  // broken database is down, so a load balancer or monitor stops sending.
  app.get('/api/health', async (req, reply) => {
    const h = await store.health()
    if (h.up) return { ok: true, data: { status: 'up' } }
    req.log.error({ reason: h.reason }, 'health check: database down')
    return reply.code(503).send({ ok: false, error: new ApiError('INTERNAL', '数据库不可用').toBody() })
  })
  const uploadLimits = opts.uploadLimits ?? DEFAULT_LIMITS
  const uploadDir = opts.uploadDir ?? join(opts.dataDir, 'uploads')
  await registerUploads(app, { dataDir: opts.dataDir, uploadDir, clock, store, limits: uploadLimits, links, callerOf })
  registerExports(app, files)

  if (demo) {
    // Local demo mode only (the cloud function has no such actions): the
    // login screen lists the demo people and signs in as one of them.
    app.post('/api/demo.people', async () => {
      const people = await store.listPeople()
      const units = await Promise.all(people.map((p) => store.getOrgUnit(p.orgUnitId)))
      return { ok: true, data: { people: people.map((p, i) => ({ ...p, unitName: units[i]?.name ?? '' })) } }
    })
    app.post('/api/demo.login', { preHandler: limited.signIn }, async (req, reply) => {
      const personId = (req.body as { personId?: unknown } | null)?.personId
      const person = typeof personId === 'string' ? await store.getPerson(personId) : null
      if (!person || !isActive(person)) return send(reply, { ok: false, error: new ApiError('NOT_FOUND', '没有这个用户').toBody() })
      return send(reply, { ok: true, data: { token: await sessions.issue(person.id, clock.now().getTime()), person } })
    })
  }

  // plan.import carries a whole docx or xlsx as base64 (up to 10 MB, so about
  // 14 MB of JSON): only this route gets a body limit that large.
  // plan.backfill carries a spreadsheet the same way.
  for (const action of ['plan.import', 'plan.backfill']) {
    app.post(`/api/${action}`, { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
      const body = req.body as { payload?: unknown } | null | undefined
      const payload = body && typeof body === 'object' && 'payload' in body ? body.payload : body
      return send(reply, await dispatch(context(await callerOf(req.headers.authorization)), action, payload, req.log))
    })
  }

  app.post<{ Params: { action: string } }>('/api/:action', { preHandler: limited.bind }, async (req, reply) => {
    const { action } = req.params
    const caller = await callerOf(req.headers.authorization)
    const body = req.body as { payload?: unknown } | null | undefined
    const payload = body && typeof body === 'object' && 'payload' in body ? body.payload : body
    const reqLog = actionLogger(req.log)
    if (action === 'bind') {
      // Locally the "platform identity" is a fresh id per binding; what the
      // device keeps afterwards is the session token issued here, in a new
      // session generation: the person's tokens from before (a lost phone)
      // stop working.
      const result = await dispatch(context(caller, `local:${randomUUID()}`), action, payload, reqLog)
      if (result.ok) {
        const { person } = result.data as { person: { id: string } }
        return send(reply, { ok: true, data: { ...(result.data as object), token: await sessions.renew(person.id, clock.now().getTime()) } })
      }
      return send(reply, result)
    }
    return send(reply, await dispatch(context(caller), action, payload, reqLog))
  })

  app.setErrorHandler((err, req, reply) => {
    // Malformed JSON, oversized bodies and the like: the request is refused
    // whole, in the same envelope as every other error.
    const status = (err as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) req.log.error({ err }, 'request failed')
    if (status === 413 && req.routeOptions.url === '/api/plan.import') return reply.code(413).send({ ok: false, error: new ApiError('BAD_INPUT', '文件超过10MB，请删去图片等内容后再上传').toBody() })
    if (status === 413) return reply.code(413).send({ ok: false, error: new ApiError('BAD_INPUT', '内容太大，请分开提交').toBody() })
    if (status === 429) return send(reply, { ok: false, error: new ApiError('RATE_LIMITED').toBody() })
    return send(reply, { ok: false, error: new ApiError(status < 500 ? 'BAD_INPUT' : 'INTERNAL').toBody() })
  })

  // The H5 bundle is one 780 KB file: gzip makes it ~245 KB, about 4 s less
  // on a field worker's 1 Mbit/s connection.
  await app.register(fastifyCompress, { global: true, threshold: 1024 })

  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.staticDir, prefix: '/', index: ['index.html'], cacheControl: false, setHeaders: staticCacheHeaders })
  }

  const graceMs = opts.orphanGraceMs ?? DEFAULT_ORPHAN_GRACE_MS
  const sweepUploads = () => sweepOrphanUploads({ dataDir: opts.dataDir, uploadDir, store, now: clock.now(), graceMs })
  // Orphans go once a day (and once at start), in the background.
  const sweep = () => void sweepUploads().catch((e) => log.error('upload sweep failed', e))
  const sweeper = setInterval(sweep, 86400_000)
  sweeper.unref()
  app.addHook('onReady', async () => sweep())

  app.addHook('onClose', async () => {
    clearInterval(sweeper)
    await schedule?.stop()
    await store.close()
    lock.release()
  })

  return { app, store, jobs, sessions, reminders, schedule, sweepUploads }
}

/**
 * PostgreSQL (shared by any number of processes; jobs under advisory
 * locks), or SQLite in the data folder (one process: the folder is locked).
 */
async function openStore(opts: ServerOptions): Promise<{ store: ServerStore; jobs: JobLock; lock: DataFolderLock }> {
  if (opts.databaseUrl) {
    const pg = await PgStore.connect(opts.databaseUrl)
    return { store: pg, jobs: pg, lock: { release: () => undefined } }
  }
  const lock: DataFolderLock = lockDataFolder(opts.dataDir)
  try {
    return { store: new SqliteStore(join(opts.dataDir, 'gebao.db')), jobs: inProcessLock(), lock }
  } catch (e) {
    lock.release()
    throw e
  }
}
