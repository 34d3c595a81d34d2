/**
 * `npm run bench` (node --import tsx bench/run.ts): measures the product
 * against a baseline measured in the same run, prints each figure and
 * writes it into bench/RESULTS.md (and bench/results.json).
 *
 *   node --import tsx bench/run.ts                 every benchmark
 *   node --import tsx bench/run.ts submit progress only these
 *   node --import tsx bench/run.ts --rebuild       rebuild weapp and H5 first
 *
 * Loopback only; everything it makes goes to a temp folder that is removed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeMachine, machine } from './lib/machine'
import { renderSection, writeResults } from './lib/results'
import type { Bench, BenchResult } from './lib/types'
import { sizeBench } from './size'
import { h5Bench } from './h5'
import { submitBench } from './submit'
import { progressBench } from './progress'
import { flushBench } from './flush'
import { exportBench } from './export'
import { rebuildBench } from './rebuild'
import { evidenceBench } from './evidence'
import { h5OfflineBench } from './h5offline'
import { h5FirstBench } from './h5first'
import { submitStoresBench } from './submitStores'
import { remindersBench } from './reminders'
import { progressPgBench } from './progressPg'

const ROOT = join(__dirname, '..')
const ALL: Bench[] = [sizeBench, h5Bench, submitBench, progressBench, flushBench, exportBench, rebuildBench, evidenceBench, h5OfflineBench, h5FirstBench, submitStoresBench, remindersBench, progressPgBench]

async function main() {
  const args = process.argv.slice(2)
  const rebuild = args.includes('--rebuild')
  const names = args.filter((a) => !a.startsWith('--'))
  const unknown = names.filter((n) => !ALL.some((b) => b.id === n))
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${ALL.map((b) => b.id).join(', ')}`)
  const chosen = names.length ? ALL.filter((b) => names.includes(b.id)) : ALL
  const m = machine(ROOT)
  console.log(`bench: ${describeMachine(m)}`)
  const tmp = mkdtempSync(join(tmpdir(), 'gebao-bench-'))
  const results: BenchResult[] = []
  const failed: string[] = []
  try {
    for (const b of chosen) {
      console.log(`\n== ${b.title}`)
      const started = performance.now()
      const dir = mkdtempSync(join(tmp, `${b.id}-`))
      // Load is sampled, not assumed: a section says itself whether the machine was quiet.
      const loads = [loadavg()[0]]
      const sampler = setInterval(() => loads.push(loadavg()[0]), 5000)
      try {
        const r = await b.run({ root: ROOT, tmp: dir, rebuild, log: (msg) => console.log(`   ${msg}`) })
        loads.push(loadavg()[0])
        const load = { mean: loads.reduce((a, x) => a + x, 0) / loads.length, max: Math.max(...loads) }
        const result: BenchResult = { id: b.id, title: b.title, ...r, seconds: (performance.now() - started) / 1000, load }
        results.push(result)
        for (const row of [result.table, ...(result.more ?? []).map((t) => t.table)]) console.table(row.slice(1).map((cells) => Object.fromEntries(row[0].map((h, i) => [h, cells[i]]))))
      } catch (e) {
        failed.push(b.id)
        console.error(`   ${b.id} failed:`, e)
      } finally {
        clearInterval(sampler)
        rmSync(dir, { recursive: true, force: true })
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  const md = join(ROOT, 'bench/RESULTS.md')
  writeResults(md, results.map((r) => ({ id: r.id, text: renderSection(r, m) })), ALL.map((b) => b.id))
  const jsonFile = join(ROOT, 'bench/results.json')
  const previous = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {}
  for (const r of results) previous[r.id] = { machine: m, seconds: Math.round(r.seconds), load: r.load, figures: r.figures }
  writeFileSync(jsonFile, `${JSON.stringify(previous, null, 2)}\n`)
  console.log(`\nwrote ${results.length} section(s) to bench/RESULTS.md${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`)
  if (failed.length) process.exitCode = 1
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
