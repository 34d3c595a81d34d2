import type { Aggregates } from '../../../src/core/figures'
import { C, chunks, rollupId } from './docs'
import { decodeFieldKey } from './fieldKeys'
import type { Database } from './sdk'

/** The roll-ups of indicators × units for one period, in pages of ids (documents `<code>~<unit>~<period>`, field keys encoded). */
export async function readRollups(db: Database, indicatorCodes: string[], unitIds: string[], period: string): Promise<Map<string, Map<string, Aggregates>>> {
  const _ = db.command
  const out = new Map<string, Map<string, Aggregates>>()
  const ids: string[] = []
  for (const code of indicatorCodes) {
    out.set(code, new Map(unitIds.map((u) => [u, {}])))
    for (const unitId of unitIds) ids.push(rollupId(code, unitId, period))
  }
  for (const chunk of chunks([...new Set(ids)])) {
    const { data } = await db.collection(C.rollups).where({ _id: _.in(chunk) }).limit(chunk.length).get()
    for (const doc of data) {
      const aggs: Aggregates = {}
      for (const [enc, a] of Object.entries((doc.fields ?? {}) as Record<string, { sum: number; n: number }>)) {
        aggs[decodeFieldKey(enc)] = { sum: a.sum, n: a.n }
      }
      out.get(doc.indicatorCode as string)?.set(doc.unitId as string, aggs)
    }
  }
  return out
}
