import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnServer, type ServerProcess } from '../server/process'

const ROOT = join(__dirname, '../..')
export const H5_DIR = join(ROOT, 'build/h5')

/** The local server as `npm start` runs it, serving the H5 build, on an ephemeral port with a temp data folder (`env`: e.g. DEMO_LOGIN=off for a real install). */
export async function startProduct(clock: string, env: Record<string, string> = {}): Promise<{ server: ServerProcess; dataDir: string; stop(): Promise<void> }> {
  if (!existsSync(join(H5_DIR, 'index.html'))) throw new Error('build/h5 is missing: run `npm run build:h5` first (npm run test:e2e does)')
  const dataDir = mkdtempSync(join(tmpdir(), 'gebao-e2e-'))
  const server = await spawnServer(dataDir, { STATIC_DIR: H5_DIR, GEBAO_CLOCK: clock, ...env })
  return {
    server,
    dataDir,
    async stop() {
      await server.kill('SIGTERM')
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
