#!/usr/bin/env node
// `npm start`: build the H5 app when there is no build yet (or when
// GEBAO_REBUILD=1), then run the local server over SQLite. Everything the
// server needs is installed by `npm install`.
import { spawnSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const staticDir = resolve(root, process.env.STATIC_DIR ?? 'build/h5')

if (process.env.GEBAO_REBUILD === '1' || !existsSync(resolve(staticDir, 'index.html'))) {
  console.log('首次启动：正在构建 H5 页面（约 20 秒）…')
  const build = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

// The server runs in this process's child with tsx as a loader, so signals
// reach it directly and its graceful shutdown runs.
const server = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'cloud/server/main.ts')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STATIC_DIR: staticDir }
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
