import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { freshDatabase } from '../pg/db'

const ROOT = join(__dirname, '../..')

export interface ServerProcess {
  child: ChildProcess
  base: string
  /** Everything the server printed so far (stdout and stderr). */
  output(): string
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** One PostgreSQL database per data folder, so a restarted server finds its data again. */
const databases = new Map<string, Promise<string>>()
export function databaseFor(dataDir: string): Promise<string> {
  if (!databases.has(dataDir)) databases.set(dataDir, freshDatabase('proc'))
  return databases.get(dataDir)!
}

/**
 * The local server as `npm start` runs it, in its own process, so tests can
 * SIGKILL it. PORT=0 picks a free port; the address is read from the line
 * the server prints once it listens. With DATABASE_URL set (`npm run
 * test:pg`) the server runs over a PostgreSQL database of the data folder's
 * own (or the DATABASE_URL given in `env`).
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const databaseUrl = env.DATABASE_URL ?? (process.env.DATABASE_URL ? await databaseFor(dataDir) : undefined)
  return spawnOne(dataDir, { ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) })
}

function spawnOne(dataDir: string, env: Record<string, string>): Promise<ServerProcess> {
  // `node --import tsx` keeps the server in this very process (the tsx CLI
  // would fork a child that a SIGKILL of the wrapper leaves running).
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cloud/server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG: 'off', STATIC_DIR: join(dataDir, 'no-static'), GEBAO_CLOCK: '2020-12-20T10:00:00+08:00', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on (http:\/\/[^\s]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
        resolve({
          child,
          base: m[1],
          output: () => out,
          kill: (signal = 'SIGKILL') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              child.once('exit', () => done())
              child.kill(signal)
            })
        })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}: ${out}`))
    })
  })
}

export async function post(base: string, action: string, payload: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(payload)
  })
  return { status: res.status, body: await res.json() }
}

export async function login(base: string, personId: string): Promise<string> {
  const res = await fetch(`${base}/api/demo.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId }) })
  return ((await res.json()) as any).data.token
}
