import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ROOT = join(__dirname, '../../..')

export const tempDir = (prefix = 'gebao-fault-') => mkdtempSync(join(tmpdir(), prefix))

/**
 * `npm run admin -- …` as the README says: on a data folder (its SQLite
 * file, even when the suite itself runs over PostgreSQL), or on a running
 * test server's own database (its PostgreSQL database when it has one).
 */
export function admin(where: string | { dataDir: string; databaseUrl?: string }, ...args: string[]): { status: number | null; out: string; err: string } {
  const { DATABASE_URL: _suiteDatabase, ...env } = process.env
  const target = typeof where === 'string' ? { dataDir: where } : where
  const r = spawnSync('npm', ['run', '-s', 'admin', '--', ...args], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: target.dataDir, ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : {}) },
    encoding: 'utf8'
  })
  return { status: r.status, out: r.stdout, err: r.stderr }
}

/** The server as `npm start` runs it, expected to refuse: its exit code and everything it printed. */
export function serverRefusal(dataDir: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cloud/server/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG: 'off', STATIC_DIR: join(dataDir, 'no-static'), REMIND_CRON: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not refuse: ${out}`))
    }, 20000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
    child.stdout.on('data', () => {
      if (/listening on/.test(out)) {
        clearTimeout(timer)
        child.kill('SIGKILL')
        reject(new Error(`the server started: ${out}`))
      }
    })
  })
}

/** Runs a TypeScript snippet in its own node process (tsx), from the repo root. */
export function runTs(code: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (c) => resolve({ code: c, out }))
  })
}
