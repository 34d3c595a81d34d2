import fastifyCompress from '@fastify/compress'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../src/core/clock'
import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiConfig, type ApiContext, type Caller, type ReminderService } from '../api/context'
import { ApiError, httpStatus, type ApiResult } from '../../src/core/errors'
import { dispatch, useChineseMessages } from '../api/router'
import { LocalFileSink } from '../export/files'
import { DEFAULT_REMINDER_CONFIG, withDemoTemplate, type ReminderConfig } from '../reminders/config'
import { seedDemoGrants } from '../reminders/demo'
import { busySummary, runReminders } from '../reminders/run'
import { localSender, type MessageSender } from '../reminders/sender'
import { seedIfEmpty } from '../seed'
import { inProcessLock, type JobLock } from '../store/jobLock'
import { PgStore } from '../store/pg/PgStore'
import { SqliteStore } from '../store/sqlite/SqliteStore'
import type { Store } from '../store/types'
import { registerExports } from './exports'
import { scheduleReminders, type ReminderSchedule } from './remindSchedule'
import { Sessions } from './session'
import { registerUploads } from './uploads'

export interface ServerOptions {
  dataDir: string
  /**
   * A PostgreSQL connection string (DATABASE_URL): the store is PostgreSQL,
   * shared with any other server process on it. Absent: the SQLite file
   * `gebao.db` in the data folder (one process).
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
  logger?: boolean
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
  store: Store
  /** Which process may run a job now: advisory locks over PostgreSQL, in-process over SQLite. */
  jobs: JobLock
  sessions: Sessions
  reminders: ReminderService
  /** The reminder schedule, when `reminders.cron` was given. */
  schedule: ReminderSchedule | null
}

const systemClock: Clock = { now: () => new Date() }

function send(reply: import('fastify').FastifyReply, result: ApiResult<unknown>) {
  return reply.code(result.ok ? 200 : httpStatus(result.error.code)).send(result)
}

/**
 * The local server: the same action handlers as the cloud function, over
 * SQLite, behind `POST /api/<action>`, plus the H5 build. Identity comes
 * from a signed session token in `Authorization: Bearer …`.
 */
export async function createLocalServer(opts: ServerOptions): Promise<LocalServer> {
  useChineseMessages()
  const clock = opts.clock ?? systemClock
  const { store, jobs } = await openStore(opts)
  const sessions = Sessions.fromDataDir(opts.dataDir)
  const config = { ...DEFAULT_CONFIG, ...opts.config }
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 })

  const demo = opts.demoLogin !== false
  const remindConfig = opts.reminders?.config ?? (demo ? withDemoTemplate(DEFAULT_REMINDER_CONFIG) : DEFAULT_REMINDER_CONFIG)
  // Processes starting at once take turns, so the first fills an empty store and the others see it filled.
  await jobs.serialised('seed', async () => {
    await seedIfEmpty(store)
    if (demo) await seedDemoGrants(store, remindConfig, clock.now().toISOString())
  })
  const log = { error: (msg: string, err: unknown) => app.log.error({ err }, msg) }
  const reminders: ReminderService = {
    config: remindConfig,
    // One process at a time runs the job; another one asked meanwhile answers `busy`.
    run: async () => {
      const run = await jobs.exclusive('reminders', () => runReminders({ store, clock, config: remindConfig, sender: opts.reminders?.sender ?? localSender, graceDays: config.graceDays, log }))
      return run.ran ? run.value : busySummary(clock.now())
    }
  }
  const cron = opts.reminders?.cron
  const schedule = cron
    ? scheduleReminders({ pattern: cron, run: reminders.run, clock, catchUp: opts.reminders?.catchUp ?? false, onError: (e) => log.error('reminder run failed', e) })
    : null

  async function callerOf(authorization: string | undefined): Promise<Caller | null> {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null
    const personId = token ? sessions.verify(token, clock.now().getTime()) : null
    const person = personId ? await store.getPerson(personId) : null
    const unit = person ? await store.getOrgUnit(person.orgUnitId) : null
    return person && unit ? { person, unit } : null
  }

  // Exported 自查表 files: written under the data folder, downloaded from /exports/….
  const files = new LocalFileSink(join(opts.dataDir, 'exports'), clock)
  const context = (caller: Caller | null, openid?: string): ApiContext => ({ store, clock, caller, text: ALLOW_ALL_TEXT, config, reminders, files, ...(openid ? { openid } : {}) })

  app.get('/api/health', async () => ({ ok: true, data: { status: 'up' } }))
  await registerUploads(app, opts.uploadDir ?? join(opts.dataDir, 'uploads'), async (authorization) => (await callerOf(authorization)) !== null)
  registerExports(app, files)

  if (demo) {
    // Local demo mode only (the cloud function has no such actions): the
    // login screen lists the demo people and signs in as one of them.
    app.post('/api/demo.people', async () => {
      const people = await store.listPeople()
      const units = await Promise.all(people.map((p) => store.getOrgUnit(p.orgUnitId)))
      return { ok: true, data: { people: people.map((p, i) => ({ ...p, unitName: units[i]?.name ?? '' })) } }
    })
    app.post('/api/demo.login', async (req, reply) => {
      const personId = (req.body as { personId?: unknown } | null)?.personId
      const person = typeof personId === 'string' ? await store.getPerson(personId) : null
      if (!person) return send(reply, { ok: false, error: new ApiError('NOT_FOUND', '没有这个用户').toBody() })
      return send(reply, { ok: true, data: { token: sessions.issue(person.id, clock.now().getTime()), person } })
    })
  }

  app.post<{ Params: { action: string } }>('/api/:action', async (req, reply) => {
    const { action } = req.params
    const caller = await callerOf(req.headers.authorization)
    const body = req.body as { payload?: unknown } | null | undefined
    const payload = body && typeof body === 'object' && 'payload' in body ? body.payload : body
    if (action === 'bind') {
      // Locally the "platform identity" is a fresh id per binding; what the
      // device keeps afterwards is the session token issued here.
      const result = await dispatch(context(caller, `local:${randomUUID()}`), action, payload, req.log)
      if (result.ok) {
        const { person } = result.data as { person: { id: string } }
        return send(reply, { ok: true, data: { ...(result.data as object), token: sessions.issue(person.id, clock.now().getTime()) } })
      }
      return send(reply, result)
    }
    return send(reply, await dispatch(context(caller), action, payload, req.log))
  })

  app.setErrorHandler((err, req, reply) => {
    // Malformed JSON, oversized bodies and the like: the request is refused
    // whole, in the same envelope as every other error.
    const status = (err as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) req.log.error(err)
    if (status === 413) return reply.code(413).send({ ok: false, error: new ApiError('BAD_INPUT', '内容太大，请分开提交').toBody() })
    return send(reply, { ok: false, error: new ApiError(status < 500 ? 'BAD_INPUT' : 'INTERNAL').toBody() })
  })

  // The H5 bundle is one 780 KB file: gzip makes it ~245 KB, about 4 s less
  // on a field worker's 1 Mbit/s connection.
  await app.register(fastifyCompress, { global: true, threshold: 1024 })

  if (opts.staticDir && existsSync(join(opts.staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.staticDir, prefix: '/', index: ['index.html'] })
  }

  app.addHook('onClose', async () => {
    await schedule?.stop()
    await store.close()
  })

  return { app, store, jobs, sessions, reminders, schedule }
}

async function openStore(opts: ServerOptions): Promise<{ store: Store; jobs: JobLock }> {
  if (opts.databaseUrl) {
    const pg = await PgStore.connect(opts.databaseUrl)
    return { store: pg, jobs: pg }
  }
  return { store: new SqliteStore(join(opts.dataDir, 'gebao.db')), jobs: inProcessLock() }
}
