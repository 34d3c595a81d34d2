import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { normalizeCellText } from '../../src/core/import/indicatorText'

/**
 * The 2020 自查表's rows, cut from the seed's text dump (../shared/seed), to
 * build real docx and xlsx fixtures from. The dump lost the table grid: cells
 * come out separated by tabs and line breaks, and a row's 支撑材料 ("无",
 * "——") runs into the next row's first cell. The cut below undoes exactly
 * that, by position, for this one file.
 */
// Beside the repository (/work/main → /work/shared), or the machine's shared folder from a worktree elsewhere.
const SEED_FILE = '000_be8d8d45c270cf59.txt'
const BESIDE = join(__dirname, '../../../shared/seed', SEED_FILE)
export const SEED_TEXT_PATH = existsSync(BESIDE) ? BESIDE : join('/work/shared/seed', SEED_FILE)

export interface SeedRow {
  seq: string
  category: string
  content: string
  done: string
  rate: string
  evidence: string
}

export const SEED_HEADER = ['序号', '类型', '指标内容及指标值', '完成情况', '完成率（%）', '支撑材料']

function cells(): string[] {
  return readFileSync(SEED_TEXT_PATH, 'utf8').split(/\n\t|\t/).map(normalizeCellText).filter((c) => c !== '')
}

/** `[index, prefix]`: the cell at `index`, less the previous row's evidence glued before it. */
type Cut = [number, string?]

// seq, category, content, done, rate, evidence (by cell index in the dump).
const LAYOUT: [Cut | null, Cut | null, Cut, number, number, Cut][] = [
  [[7], null, [8], 9, 10, [11, '无']],
  [null, null, [11, '无'], 12, 13, [14, '无']],
  [null, null, [14, '无'], 15, 16, [17]],
  [[18], [19], [20], 21, 22, [23, '无']],
  [null, null, [23, '无'], 24, 25, [26, '无']],
  [null, [26, '无'], [27], 28, 29, [30, '——']],
  [null, null, [30, '——'], 31, 32, [33, '——']],
  [null, null, [33, '——'], 34, 35, [36, '——']],
  [null, null, [36, '——'], 37, 38, [39, '——']]
]

export function seedRows(): SeedRow[] {
  const all = cells()
  const cut = (c: Cut | null, evidence = false): string => {
    if (!c) return ''
    const [i, prefix] = c
    const cell = all[i]
    if (!prefix) return cell
    if (!cell.startsWith(prefix)) throw new Error(`seed cell ${i} does not start with ${prefix}`)
    return evidence ? prefix : cell.slice(prefix.length)
  }
  return LAYOUT.map(([seq, category, content, done, rate, evidence]) => ({
    seq: cut(seq),
    category: cut(category),
    content: cut(content),
    done: all[done],
    rate: all[rate],
    evidence: cut(evidence, true)
  }))
}
