import type { Field } from '../field'
import { extractQuantities, type QuantityMatch } from '../quantity'

/**
 * Which figure in a sentence belongs to which field, by the field's label
 * and aliases: "新建网点2个，食堂1个，培训300人次". A name usually comes
 * before its figure (网点2个) and sometimes after it (2个网点).
 */

export interface TermHit {
  start: number
  end: number
  /** Every field named by these words (usually one). */
  fields: Field[]
}

/** Names in the text, longest first at each place: 新增社工 wins over 社工. */
export function findTerms(text: string, fields: Field[]): TermHit[] {
  const terms: { term: string; field: Field }[] = []
  for (const f of fields) for (const term of [f.label, ...f.aliases]) terms.push({ term, field: f })
  terms.sort((a, b) => b.term.length - a.term.length)
  const hits: TermHit[] = []
  for (let i = 0; i < text.length; ) {
    const first = terms.find((t) => text.startsWith(t.term, i))
    if (!first) {
      i++
      continue
    }
    const same = terms.filter((t) => t.term === first.term).map((t) => t.field)
    hits.push({ start: i, end: i + first.term.length, fields: same.filter((f, k) => same.indexOf(f) === k) })
    i += first.term.length
  }
  return hits
}

export interface LabelledFigure {
  field: Field
  quantity: QuantityMatch
  /** How it was named: by the label itself or by an alias; check-in ranks by it. */
  byLabel: boolean
  termLength: number
}

/** A field among those a name fits: the unit decides between them, else the first. */
function pick(hit: TermHit, q: QuantityMatch, taken: Set<string>): Field | undefined {
  const free = hit.fields.filter((f) => !taken.has(f.key))
  return free.find((f) => q.unit !== undefined && f.unit === q.unit) ?? free[0]
}

const CLAUSE_END = /[，,。；;、\n]/

export function labelledFigures(text: string, fields: Field[]): { labelled: LabelledFigure[]; unlabelled: QuantityMatch[] } {
  const hits = findTerms(text, fields)
  // A number inside a name (一对一帮扶) is part of the name, not a figure.
  const quantities = extractQuantities(text).filter((q) => !hits.some((h) => q.start < h.end && h.start < q.end))
  const usedHits = new Set<TermHit>()
  const taken = new Set<string>()
  const labelled: LabelledFigure[] = []
  const unlabelled: QuantityMatch[] = []
  quantities.forEach((q, i) => {
    const from = i === 0 ? 0 : quantities[i - 1].end
    const to = i + 1 < quantities.length ? quantities[i + 1].start : text.length
    const before = hits.filter((h) => !usedHits.has(h) && h.start >= from && h.end <= q.start)
    const after = hits.filter((h) => !usedHits.has(h) && h.start >= q.end && h.end <= to && !CLAUSE_END.test(text.slice(q.end, h.start)))
    const hit = before[before.length - 1] ?? after[0]
    const field = hit && pick(hit, q, taken)
    if (!hit || !field) {
      unlabelled.push(q)
      return
    }
    usedHits.add(hit)
    taken.add(field.key)
    const term = text.slice(hit.start, hit.end)
    labelled.push({ field, quantity: q, byLabel: term === field.label, termLength: term.length })
  })
  return { labelled, unlabelled }
}
