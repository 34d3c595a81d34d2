import type Database from 'better-sqlite3'
import type { ReportDraftInput } from '../../src/core/report'
import { OPEN_REPORTS, reportKey, valuesFor, type Worker } from './phones'

/**
 * A phone's work as a chain: a first report for each open (indicator,
 * period), then edits round-robin, each edit based on the version the one
 * before it will create. Only delivery in order, each exactly once, gives
 * every submission the version planned for it: a loss or a duplicate shifts
 * versions and makes later edits CONFLICT.
 */
export interface Planned {
  draft: ReportDraftInput
  /** The version this submission must create. */
  version: number
}

export function chainFor(worker: Worker, length: number): Planned[] {
  const versions = new Map<string, number>()
  return Array.from({ length }, (_, i) => {
    const r = OPEN_REPORTS[i % OPEN_REPORTS.length]
    const key = `${r.indicatorCode}~${r.period}`
    const base = versions.get(key) ?? 0
    versions.set(key, base + 1)
    const draft: ReportDraftInput = {
      clientId: `${worker.personId}-s${String(i).padStart(4, '0')}`,
      indicatorCode: r.indicatorCode,
      orgUnitId: worker.unitId,
      period: r.period,
      values: valuesFor(r.indicatorCode, i),
      ...(base ? { baseVersion: base } : {})
    }
    return { draft, version: base + 1 }
  })
}

/**
 * Checks the server's database against the plans: every submission stored
 * once with its planned version, each report's version equal to its
 * history length and to its number of submissions, and its figures those
 * of its last submission. Returns a list of problems (empty: all good).
 */
export function verifyChains(db: Database.Database, plans: Planned[]): string[] {
  const problems: string[] = []
  const ids = plans.map((p) => p.draft.clientId)
  const rows = db.prepare(`SELECT client_id, report_id, version FROM submissions WHERE client_id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as {
    client_id: string
    report_id: string
    version: number
  }[]
  const byId = new Map(rows.map((r) => [r.client_id, r]))
  for (const p of plans) {
    const row = byId.get(p.draft.clientId)
    if (!row) problems.push(`lost: ${p.draft.clientId}`)
    else if (row.version !== p.version) problems.push(`${p.draft.clientId} stored as version ${row.version}, planned ${p.version}`)
  }
  const last = new Map<string, Planned>()
  for (const p of plans) last.set(reportKey(p.draft), p)
  for (const [id, p] of last) {
    const report = db.prepare('SELECT version, body FROM reports WHERE id = ?').get(id) as { version: number; body: string } | undefined
    const history = (db.prepare('SELECT COUNT(*) AS n FROM history WHERE report_id = ?').get(id) as { n: number }).n
    const submissions = (db.prepare('SELECT COUNT(*) AS n FROM submissions WHERE report_id = ?').get(id) as { n: number }).n
    if (!report) {
      problems.push(`missing report ${id}`)
      continue
    }
    if (report.version !== p.version || history !== p.version || submissions !== p.version) {
      problems.push(`${id}: version ${report.version}, history ${history}, submissions ${submissions}, planned ${p.version}`)
    }
    const values = (JSON.parse(report.body) as { values: Record<string, number> }).values
    for (const [k, v] of Object.entries(p.draft.values)) if (values[k] !== v) problems.push(`${id}: ${k} is ${values[k]}, last sent ${v}`)
  }
  return problems
}
