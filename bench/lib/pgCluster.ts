import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { Client } from 'pg'

/**
 * A throwaway PostgreSQL cluster for a benchmark, made like
 * scripts/test-pg.mjs makes the test one: Debian's initdb and pg_ctl in a
 * temp folder (as the `postgres` user when run as root), loopback, a free
 * port. Unlike the test cluster, fsync stays on: the figures are meant to
 * be those of a real install. `stop()` removes everything.
 */
export interface PgCluster {
  url: string
  bin: string
  version: string
  /** A new empty database; answers its URL. */
  database(prefix: string): Promise<string>
  stop(): void
}

function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : []
  versions.sort((a, b) => Number(b) - Number(a))
  if (!versions.length) throw new Error('PostgreSQL not found under /usr/lib/postgresql (apt-get install postgresql, or set PG_BIN)')
  return join(base, versions[0], 'bin')
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => done(port))
    })
  })

/** `_parent` is ignored: the cluster's folder must be reachable by the `postgres` user, so it goes straight under the system temp folder. */
export async function startPgCluster(_parent?: string): Promise<PgCluster> {
  const bin = pgBin()
  const asRoot = process.getuid?.() === 0
  const user = process.env.PG_OS_USER ?? 'postgres'
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', user, '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]
    execFileSync(file, argv as string[], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
  const tmp = mkdtempSync(join(tmpdir(), 'gebao-bench-pg-'))
  if (asRoot) {
    execFileSync('chown', [user, tmp])
    chmodSync(tmp, 0o700)
  }
  const data = join(tmp, 'data')
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions'])
  const port = await freePort()
  run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${tmp} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB`, '-l', join(tmp, 'server.log'), '-w', 'start'])
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const version = execFileSync(join(bin, 'postgres'), ['--version']).toString().trim()
  return {
    url,
    bin,
    version,
    async database(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`
      const c = new Client({ connectionString: url })
      await c.connect()
      try {
        await c.query(`CREATE DATABASE "${name}"`)
      } finally {
        await c.end()
      }
      return url.replace(/\/postgres$/, `/${name}`)
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } catch {
        // Already gone.
      }
      rmSync(tmp, { recursive: true, force: true })
    }
  }
}
