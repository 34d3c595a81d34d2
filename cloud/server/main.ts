import { resolve } from 'node:path'
import type { Clock } from '../../src/core/clock'
import { loadReminderConfig, withDemoTemplate } from '../reminders/config'
import { FutureSchemaError } from '../store/sqlite/migrations'
import { createLocalServer, StartupError } from './app'
import { DataFolderLockedError } from './dataLock'
import { DEMO_LOGIN_WARNING, EnvError, parseSwitch, uploadLimitsFromEnv } from './env'
import { DEFAULT_REMIND_CRON } from './remindSchedule'
import { SessionKeyError } from './session'

/**
 * `npm start`: the local server on 127.0.0.1:8787 (PORT, HOST, DATA_DIR to
 * change). GEBAO_CLOCK=<ISO time> starts the server's clock at that moment
 * (it then runs at normal speed): for demos and tests of past periods, such
 * as the seed's 2020 figures. DEMO_LOGIN (on, off, true, false, 1, 0; any
 * other value refuses to start; default on) is the demo people picker:
 * anyone reaching the port can sign in as the admin, so a real install runs
 * with DEMO_LOGIN=off and signs people in with invite codes
 * (`npm run admin -- init`). SESSION_KEY (64 hex digits) or SESSION_KEY_FILE
 * give the session key, to share between processes; default
 * DATA_DIR/session.key. UPLOAD_MAX_FILE_MB, UPLOAD_MONTH_MB: evidence limits.
 * TRUST_PROXY: the reverse proxy's address (Fastify trustProxy, e.g.
 * "loopback"), so rate limits count the client's address, not the proxy's.
 * Reminders: REMIND_CRON (croner pattern in China time, default daily
 * 09:00; `off` for none), REMIND_CATCHUP=off to skip the run at start after
 * a missed time, REMIND_CONFIG / REMIND_TEMPLATE_ID / REMIND_MINIPROGRAM_STATE
 * as in cloud/reminders/config.ts. DATABASE_URL=postgres://… keeps the data
 * in PostgreSQL instead of DATA_DIR/gebao.db; several processes may then
 * share it (DATA_DIR, with the session key and exports, on a shared volume;
 * UPLOAD_DIR, default DATA_DIR/uploads, likewise).
 */
function clockFromEnv(value: string | undefined): Clock | undefined {
  if (!value) return undefined
  const start = Date.parse(value)
  if (Number.isNaN(start)) throw new Error(`GEBAO_CLOCK is not a date: ${value}`)
  const offset = start - Date.now()
  return { now: () => new Date(Date.now() + offset) }
}

async function main() {
  const port = Number(process.env.PORT ?? 8787)
  const host = process.env.HOST ?? '127.0.0.1'
  const dataDir = resolve(process.env.DATA_DIR ?? './data')
  const staticDir = resolve(process.env.STATIC_DIR ?? './build/h5')
  const demoLogin = parseSwitch('DEMO_LOGIN', process.env.DEMO_LOGIN, true)
  const remindConfig = loadReminderConfig(process.env)
  const remindCron = process.env.REMIND_CRON?.trim() || DEFAULT_REMIND_CRON
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined
  const { app, schedule, store } = await createLocalServer({
    dataDir,
    databaseUrl,
    ...(process.env.UPLOAD_DIR ? { uploadDir: resolve(process.env.UPLOAD_DIR) } : {}),
    staticDir,
    clock: clockFromEnv(process.env.GEBAO_CLOCK),
    logger: process.env.LOG !== 'off',
    demoLogin,
    env: { SESSION_KEY: process.env.SESSION_KEY, SESSION_KEY_FILE: process.env.SESSION_KEY_FILE },
    uploadLimits: uploadLimitsFromEnv(process.env),
    ...(process.env.TRUST_PROXY ? { trustProxy: process.env.TRUST_PROXY } : {}),
    reminders: {
      config: demoLogin ? withDemoTemplate(remindConfig) : remindConfig,
      ...(remindCron === 'off' ? {} : { cron: remindCron, catchUp: process.env.REMIND_CATCHUP !== 'off' })
    }
  })
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info(`${signal}: closing`)
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  const address = await app.listen({ port, host })
  // The test harness reads this line to learn an ephemeral port.
  if (demoLogin) console.warn(DEMO_LOGIN_WARNING)
  else if ((await store.installMode()) === null) console.log('No district set up yet: run `npm run admin -- init --district <名称> --name <姓名>` (it prints the first admin’s invite code).')
  console.log(`格报 local server listening on ${address} (data: ${dataDir}${databaseUrl ? ', store: PostgreSQL' : ''})`)
  console.log(schedule ? `reminders: next run ${schedule.next()?.toISOString() ?? 'never'} (REMIND_CRON ${remindCron})` : 'reminders: no schedule (REMIND_CRON=off)')
}

/** Refusals the operator fixes by reading the message: no stack trace to scroll past. */
const OPERATOR_ERRORS = [EnvError, SessionKeyError, DataFolderLockedError, FutureSchemaError, StartupError]

main().catch((e) => {
  if (OPERATOR_ERRORS.some((k) => e instanceof k)) console.error(`格报 server not started: ${(e as Error).message}`)
  else console.error(e)
  process.exit(1)
})
