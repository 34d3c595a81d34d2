#!/usr/bin/env node
// `npm run test:pg`: the PostgreSQL suites against a real, throwaway server.
// Makes a cluster with Debian's initdb in a temp folder (as the unprivileged
// `postgres` user when run as root: the server refuses to run as root),
// starts it with pg_ctl on a free loopback port, runs jest with
// DATABASE_URL pointing at it, and always stops and removes it.
// Extra arguments go to jest (e.g. a test path).
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')

function pgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : []
  versions.sort((a, b) => Number(b) - Number(a))
  if (!versions.length) throw new Error('PostgreSQL not found under /usr/lib/postgresql (apt-get install postgresql, or set PG_BIN)')
  return join(base, versions[0], 'bin')
}

const freePort = () =>
  new Promise((done, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => done(port))
    })
  })

const bin = pgBin()
const asRoot = process.getuid?.() === 0
const pgUser = process.env.PG_OS_USER ?? 'postgres'
// As root, every server command runs as the unprivileged user.
const run = (cmd, args) => {
  const [file, argv] = asRoot ? ['runuser', ['-u', pgUser, '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]
  // Their chatter stays out of the test output; errors still show.
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'inherit'] })
}

const tmp = mkdtempSync(join(tmpdir(), 'gebao-pg-'))
const data = join(tmp, 'data')
let started = false
const cleanup = () => {
  if (started) {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
    } catch {
      // Already gone: nothing to stop.
    }
    started = false
  }
  rmSync(tmp, { recursive: true, force: true })
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup()
    process.exit(130)
  })
}

let status = 1
try {
  if (asRoot) {
    execFileSync('chown', [pgUser, tmp])
    chmodSync(tmp, 0o700)
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions'])
  const port = await freePort()
  // Durability settings off: this cluster is thrown away after the run.
  const opts = `-p ${port} -k ${tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(tmp, 'server.log'), '-w', 'start'])
  started = true
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  console.log(`test:pg: PostgreSQL (${bin}) on ${url}`)
  const jest = spawnSync(process.execPath, [join(root, 'node_modules/jest/bin/jest.js'), '-c', join(root, 'jest.pg.config.js'), '--maxWorkers=1', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url }
  })
  status = jest.status ?? 1
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  status = 1
} finally {
  cleanup()
}
process.exit(status)
