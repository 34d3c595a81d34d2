import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { chinaDate } from '../../src/core/clock'
import { ALLOW_ALL_TEXT, DEFAULT_CONFIG, type ApiContext } from '../api/context'
import { dispatch } from '../api/router'
import { AdminError, operator, type AdminEnv, type Flags } from './commands'

interface Answer {
  year: number
  dryRun: boolean
  written: number
  changes: { row: number; unitName: string; indicatorCode: string; period: string; field: string; from: number | null; to: number }[]
  unchanged: number[]
  refused: { row: number; message: string }[]
}

/**
 * `backfill <file.xlsx|file.csv> [--dry-run] [--year 2020] [--approved]`:
 * the `plan.backfill` action as the district operator. Prints every row it
 * changes (or would) and every row it refuses; a real run with a refused
 * row writes nothing and exits 1.
 */
export async function backfillCommand(env: AdminEnv, file: string | undefined, flags: Flags, dryRun: boolean, approved: boolean): Promise<string> {
  if (!file) throw new AdminError('usage: npm run admin -- backfill <file.xlsx|file.csv> [--dry-run] [--year 2020] [--approved]')
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    throw new AdminError(`cannot read ${file}`)
  }
  const year = flags.year ? Number(flags.year) : Number(chinaDate(env.clock.now()).slice(0, 4))
  const caller = await operator(env, flags)
  const ctx: ApiContext = { store: env.store, clock: env.clock, caller, text: ALLOW_ALL_TEXT, config: DEFAULT_CONFIG }
  const input = { year, name: basename(file), base64: bytes.toString('base64'), dryRun, approved }
  const res = await dispatch(ctx, 'plan.backfill', input)
  if (!res.ok) throw new AdminError(`${res.error.message}${res.error.issues ? `\n${res.error.issues.map((i) => `  ${i.message}`).join('\n')}` : ''}`)
  const a = res.data as Answer
  const lines = [
    `${a.dryRun ? 'Dry run: would change' : 'Changed'} ${a.changes.length} value(s) of ${a.year}${a.dryRun ? '' : ` in ${a.written} report(s)`}; ${a.unchanged.length} unchanged; ${a.refused.length} refused.`,
    ...a.changes.map((c) => `  第${c.row}行 ${c.unitName} ${c.indicatorCode} ${c.period} ${c.field}: ${c.from ?? '—'} → ${c.to}`),
    ...a.refused.map((r) => `  ${r.message}`)
  ]
  if (!a.dryRun) return lines.join('\n')
  if (a.refused.length > 0) lines.push('A real run would write nothing until these rows are fixed.')
  return lines.join('\n')
}
