import type { Counted, RollupDelta } from '../../../src/core/rollup'
import type { ReportWrite, StoredReport, WriteOutcome } from '../types'
import { C, historyId, plain, readDoc, rollupId, unitYearId } from './docs'
import { encodeFieldKey } from './fieldKeys'
import type { Database, DocData } from './sdk'

interface Group {
  code: string
  period: string
  /** Encoded field key → summed delta. */
  fields: Map<string, { sum: number; n: number }>
}

/** Deltas per roll-up document key (indicator and period): one document write per unit each. */
function groupDeltas(deltas: RollupDelta[]): Group[] {
  const groups = new Map<string, Group>()
  for (const d of deltas) {
    const key = `${d.indicatorCode}~${d.period}`
    const g = groups.get(key) ?? { code: d.indicatorCode, period: d.period, fields: new Map() }
    groups.set(key, g)
    const enc = encodeFieldKey(d.field)
    const cur = g.fields.get(enc) ?? { sum: 0, n: 0 }
    g.fields.set(enc, { sum: cur.sum + d.dSum, n: cur.n + d.dN })
  }
  return [...groups.values()]
}

/** The report as stored: top-level fields so `where` can filter on them, plus the year. */
export function reportDoc(report: StoredReport, year: number): DocData {
  const { id: _id, ...rest } = report
  return plain({ ...rest, year })
}

type Tx = Parameters<Parameters<Database['runTransaction']>[0]>[0]

export interface RollupPart {
  indicatorCode: string
  orgUnitId: string
  year: number
  expectedYearStamp: number
  rollupUnitIds: string[]
  deltas: RollupDelta[]
  counted: Counted
}

/**
 * The roll-up half of a write, inside a transaction: every read first
 * (the unit-year stamp, which roll-up documents exist), then a `commit`
 * that makes the writes. Null when the stamp moved (stale): nothing read
 * here has been written.
 */
async function prepareRollup(db: Database, tx: Tx, p: RollupPart): Promise<{ stamp: number; commit: () => Promise<void> } | null> {
  const _ = db.command
  const doc = (collection: string, id: string) => tx.collection(collection).doc(id)
  const yearId = unitYearId(p.indicatorCode, p.orgUnitId, p.year)
  const unitYear = await readDoc(doc(C.unitYears, yearId))
  const stamp = (unitYear?.stamp as number | undefined) ?? 0
  if (stamp !== p.expectedYearStamp) return null
  const groups = groupDeltas(p.deltas)
  // Which roll-up documents exist decides update (inc) or set (create).
  const targets: { id: string; unitId: string; group: Group; exists: boolean }[] = []
  for (const unitId of [...new Set(p.rollupUnitIds)]) {
    for (const group of groups) {
      const id = rollupId(group.code, unitId, group.period)
      targets.push({ id, unitId, group, exists: (await readDoc(doc(C.rollups, id))) !== null })
    }
  }
  // Stored as JSON text: its keys (#received, $v:…, 2020@approved) need no escaping.
  const counted = JSON.stringify(p.counted)
  return {
    stamp,
    async commit() {
      if (unitYear) await doc(C.unitYears, yearId).update({ data: { stamp: _.inc(1), counted } })
      else await doc(C.unitYears, yearId).set({ data: { indicatorCode: p.indicatorCode, orgUnitId: p.orgUnitId, year: p.year, stamp: 1, counted } })
      for (const t of targets) {
        if (t.exists) {
          const data: DocData = {}
          for (const [enc, d] of t.group.fields) {
            data[`fields.${enc}.sum`] = _.inc(d.sum)
            data[`fields.${enc}.n`] = _.inc(d.n)
          }
          await doc(C.rollups, t.id).update({ data })
        } else {
          const fields: Record<string, { sum: number; n: number }> = {}
          for (const [enc, d] of t.group.fields) fields[enc] = d
          await doc(C.rollups, t.id).set({ data: { indicatorCode: t.group.code, unitId: t.unitId, period: t.group.period, fields } })
        }
      }
    }
  }
}

/**
 * One report write as one CloudBase transaction. CloudBase transactions
 * allow only single-document operations (no queries), so every document
 * involved is addressed by a computed id: the submission by client id, the
 * report by report id, the unit-year stamp, one roll-up document per unit
 * and period, and the history entry. All reads happen before the first
 * write. A duplicate, conflict or stale outcome returns before writing, so
 * the transaction commits nothing. The SDK re-runs this function on a write
 * conflict (e.g. two grids of one street rolling up at once), and since
 * every write is derived from the reads made in this run, a re-run is
 * correct.
 */
export async function writeReportTx(db: Database, w: ReportWrite): Promise<WriteOutcome> {
  const r = w.report
  const year = Number(r.period.slice(0, 4))

  return db.runTransaction(async (tx): Promise<WriteOutcome> => {
    const doc = (collection: string, id: string) => tx.collection(collection).doc(id)

    if (w.clientId) {
      const dup = await readDoc(doc(C.submissions, w.clientId))
      if (dup) return { kind: 'duplicate', reportId: String(dup.reportId) }
    }
    const current = await readDoc(doc(C.reports, r.id))
    if (((current?.version as number | undefined) ?? 0) !== w.expectedVersion) return { kind: 'conflict' }
    for (const unitId of w.lockedBy ?? []) if ((await readDoc(doc(C.signOffs, `${r.indicatorCode}~${r.period}~${unitId}`)))?.status === 'signed') return { kind: 'locked' }
    const rollup = await prepareRollup(db, tx, { indicatorCode: r.indicatorCode, orgUnitId: r.orgUnitId, year, expectedYearStamp: w.expectedYearStamp, rollupUnitIds: w.rollupUnitIds, deltas: w.deltas, counted: w.counted })
    if (!rollup) return { kind: 'stale' }

    await doc(C.reports, r.id).set({ data: reportDoc(r, year) })
    if (w.clientId) await doc(C.submissions, w.clientId).set({ data: { reportId: r.id, version: r.version } })
    await rollup.commit()
    await doc(C.history, historyId(r.id, rollup.stamp + 1)).set({ data: plain({ ...w.history, seq: rollup.stamp + 1 }) })
    return { kind: 'ok' }
  })
}

/** A rebuild's reconcile of one unit-year: the roll-up half alone, as one transaction. */
export async function writeRollupTx(db: Database, w: RollupPart): Promise<'ok' | 'stale'> {
  return db.runTransaction(async (tx) => {
    const rollup = await prepareRollup(db, tx, w)
    if (!rollup) return 'stale' as const
    await rollup.commit()
    return 'ok' as const
  })
}
