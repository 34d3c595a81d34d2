import type { SignOff } from '../../../src/core/reviewChain'
import type { PeriodOpening, SignOffBasis } from '../types'
import { C, chunks, fetchAll, plain, readDoc, unitYearId } from './docs'
import type { Database, DocData } from './sdk'

/**
 * Late-period openings and sign-offs in the CloudBase store: what the
 * reviewers above a unit decide about its periods. Collections
 * period_openings (`<code>~<unit>~<period>`) and signoffs
 * (`<code>~<period>~<unit>`).
 */
export async function putPeriodOpening(db: Database, o: PeriodOpening): Promise<void> {
  await db.collection(C.periodOpenings).doc(`${o.indicatorCode}~${o.orgUnitId}~${o.period}`).set({ data: plain(o) as unknown as DocData })
}

export async function periodOpening(db: Database, indicatorCode: string, orgUnitId: string, period: string): Promise<PeriodOpening | null> {
  const doc = await readDoc(db.collection(C.periodOpenings).doc(`${indicatorCode}~${orgUnitId}~${period}`))
  if (!doc) return null
  const { _id, ...o } = doc
  return o as unknown as PeriodOpening
}

export async function periodOpeningsOf(db: Database, orgUnitId: string, today: string): Promise<PeriodOpening[]> {
  const q = db.collection(C.periodOpenings).where({ orgUnitId, until: db.command.gte(today) }).orderBy('period', 'asc').orderBy('_id', 'asc')
  return (await fetchAll(q)).map(({ _id, ...o }) => o as unknown as PeriodOpening)
}

export async function periodOpeningsIn(db: Database, indicatorCode: string, year: number, today: string): Promise<PeriodOpening[]> {
  // Periods start with their year ('2020', '2020-11', '2020-Q1'); index: period_openings (indicatorCode, period).
  const _ = db.command
  const where = _.and([{ indicatorCode, period: _.gte(String(year)), until: _.gte(today) }, { period: _.lt(String(year + 1)) }]) as DocData
  const q = db.collection(C.periodOpenings).where(where).orderBy('orgUnitId', 'asc').orderBy('period', 'asc').orderBy('_id', 'asc')
  return (await fetchAll(q)).map(({ _id, ...o }) => o as unknown as PeriodOpening)
}

export async function signOffs(db: Database, indicatorCode: string, period: string, unitIds: string[]): Promise<SignOff[]> {
  const out: SignOff[] = []
  for (const chunk of chunks(unitIds.map((u) => `${indicatorCode}~${period}~${u}`))) {
    const { data } = await db.collection(C.signOffs).where({ _id: db.command.in(chunk) }).limit(chunk.length).get()
    for (const { _id, ...s } of data) out.push(s as unknown as SignOff)
  }
  return out
}

export async function putSignOff(db: Database, s: SignOff, basis?: SignOffBasis): Promise<boolean> {
  const year = Number(s.period.slice(0, 4))
  return db.runTransaction(async (tx) => {
    const signOffRef = (unitId: string) => tx.collection(C.signOffs).doc(`${s.indicatorCode}~${s.period}~${unitId}`)
    const ref = signOffRef(s.unitId)
    const cur = await readDoc(ref)
    if (Number(cur?.version ?? 0) !== s.version - 1) return false
    // Re-read what the readiness check read, in this transaction.
    for (const r of basis?.reports ?? []) if (Number((await readDoc(tx.collection(C.reports).doc(r.reportId)))?.version ?? 0) !== r.version) return false
    for (const c of basis?.signOffs ?? []) if (Number((await readDoc(signOffRef(c.unitId)))?.version ?? 0) !== c.version) return false
    // Rewrite the children's unit-year documents unchanged: every report write writes its unit-year document, so
    // under the service's write-write conflict rule a report write to a child and this sign-off cannot both commit.
    for (const unitId of new Set((basis?.reports ?? []).map((r) => r.orgUnitId))) {
      const yearRef = tx.collection(C.unitYears).doc(unitYearId(s.indicatorCode, unitId, year))
      const doc = await readDoc(yearRef)
      if (doc) {
        const { _id, ...data } = doc
        await yearRef.set({ data })
      }
    }
    await ref.set({ data: plain(s) as unknown as DocData })
    return true
  })
}
