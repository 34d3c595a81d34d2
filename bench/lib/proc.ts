import { spawn, type ChildProcess } from 'node:child_process'

/** A TypeScript entry in its own node process (tsx), resolved once it prints "listening on <url>". */
export function spawnListening(entry: string, cwd: string, env: Record<string, string> = {}, timeoutMs = 20000): Promise<{ child: ChildProcess; base: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${entry} did not start: ${out}`)), timeoutMs)
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          child,
          base: m[1],
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done()
              child.once('exit', () => done())
              child.kill('SIGTERM')
            })
        })
      }
    })
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)))
  })
}
