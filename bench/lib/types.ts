/** What one benchmark hands back: a table of figures and what to read into them. */
export interface BenchResult {
  id: string
  title: string
  /** First row: headers. */
  table: string[][]
  /** Extra tables (e.g. growth as reports double). */
  more?: { caption: string; table: string[][] }[]
  /** How it was measured, in a sentence or two each. */
  notes: string[]
  /** Machine-readable figures, kept in bench/results.json. */
  figures: Record<string, number | string | null>
  seconds: number
  /** The 1-minute load average sampled during the run (other work on the machine shows here). */
  load?: { mean: number; max: number }
}

export interface BenchContext {
  root: string
  /** A temp folder of this run, removed at the end. */
  tmp: string
  log(msg: string): void
  /** Force rebuilding weapp / H5 even when a build is present. */
  rebuild: boolean
}

export interface Bench {
  id: string
  title: string
  run(ctx: BenchContext): Promise<Omit<BenchResult, 'id' | 'title' | 'seconds'>>
}
