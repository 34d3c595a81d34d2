import type { NarrativeChange, NarrativeOverride } from '../types'
import { fetchAll, readDoc } from './docs'
import type { Database, DocData } from './sdk'

/**
 * The 自查表 narrative part of the CloudBase store. Collections (create them
 * like the others, "仅管理端可读写"):
 * - export_narratives: `_id` = `<code>~<unit>~<year>`: the current text, or
 *   `text: null` after a clear. The document stays after a clear so its
 *   `seq` keeps counting: history ids never repeat.
 * - export_narrative_history: `_id` = `<key>~<seq, 9 digits>`; index (key, seq).
 * A change is one transaction over both, so the text and its history entry
 * are written together or not at all.
 */
export const NC = { current: 'export_narratives', history: 'export_narrative_history' } as const

const narrativeKey = (code: string, unitId: string, year: number) => `${code}~${unitId}~${year}`

const toChange = (doc: DocData): NarrativeChange => ({
  indicatorCode: String(doc.indicatorCode),
  orgUnitId: String(doc.orgUnitId),
  year: Number(doc.year),
  text: typeof doc.text === 'string' ? doc.text : null,
  byId: String(doc.byId),
  byName: String(doc.byName),
  at: String(doc.at)
})

export async function getNarrative(db: Database, indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeOverride | null> {
  const doc = await readDoc(db.collection(NC.current).doc(narrativeKey(indicatorCode, orgUnitId, year)))
  if (!doc || typeof doc.text !== 'string') return null
  return toChange(doc) as NarrativeOverride
}

/** Writes `c` as the current state (text or null) and as the next history entry; `onlyIfSet`: skip when nothing is set. */
async function change(db: Database, c: NarrativeChange, onlyIfSet: boolean): Promise<boolean> {
  const key = narrativeKey(c.indicatorCode, c.orgUnitId, c.year)
  return db.runTransaction(async (tx) => {
    const ref = tx.collection(NC.current).doc(key)
    const cur = await readDoc(ref)
    if (onlyIfSet && typeof cur?.text !== 'string') return false
    const seq = Number(cur?.seq ?? 0) + 1
    const data = { indicatorCode: c.indicatorCode, orgUnitId: c.orgUnitId, year: c.year, text: c.text, byId: c.byId, byName: c.byName, at: c.at }
    await ref.set({ data: { ...data, seq } })
    await tx.collection(NC.history).doc(`${key}~${String(seq).padStart(9, '0')}`).set({ data: { ...data, key, seq } })
    return true
  })
}

export async function putNarrative(db: Database, n: NarrativeOverride): Promise<void> {
  await change(db, n, false)
}

export async function clearNarrative(db: Database, c: Omit<NarrativeChange, 'text'>): Promise<boolean> {
  return change(db, { ...c, text: null }, true)
}

export async function narrativeHistory(db: Database, indicatorCode: string, orgUnitId: string, year: number): Promise<NarrativeChange[]> {
  const key = narrativeKey(indicatorCode, orgUnitId, year)
  return (await fetchAll(db.collection(NC.history).where({ key }).orderBy('seq', 'asc').orderBy('_id', 'asc'))).map(toChange)
}
