#!/usr/bin/env node
// Sizes of the weapp build in dist/: the main package (everything outside
// the subpackage roots named in app.json) and the total, against a budget.
// Usage: node scripts/size.mjs [--budget KB] [--json]
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'

export function weappSizes(distDir = 'dist') {
  const appJson = join(distDir, 'app.json')
  if (!existsSync(appJson)) throw new Error(`${appJson} not found: run npm run build:weapp first`)
  const app = JSON.parse(readFileSync(appJson, 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'))
  let main = 0
  let total = 0
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      const st = statSync(p)
      if (st.isDirectory()) walk(p)
      else {
        total += st.size
        const rel = relative(distDir, p).replace(/\\/g, '/')
        if (!roots.some((r) => rel.startsWith(r))) main += st.size
      }
    }
  }
  walk(distDir)
  return { mainBytes: main, totalBytes: total, subpackages: roots }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2)
  const budgetAt = args.indexOf('--budget')
  const budgetKb = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 400
  const s = weappSizes()
  const kb = (b) => (b / 1024).toFixed(1)
  if (args.includes('--json')) console.log(JSON.stringify({ ...s, budgetKb }))
  else console.log(`weapp main package ${kb(s.mainBytes)} KB (budget ${budgetKb} KB), total ${kb(s.totalBytes)} KB`)
  if (s.mainBytes > budgetKb * 1024) {
    console.error(`main package over budget by ${kb(s.mainBytes - budgetKb * 1024)} KB`)
    process.exit(1)
  }
}
