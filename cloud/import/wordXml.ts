import type { Table } from '../../src/core/import/draftPlan'

/**
 * The tables of a Word document.xml as text, cell by cell. Only what a
 * 自查表 needs is read: rows, cells, paragraphs (a line break each), text
 * runs, tabs and breaks. A cell spanning columns (gridSpan) is followed by
 * '' for each column it covers, and a cell merged into the one above
 * (vMerge continue) reads '', so columns line up row after row. Tables
 * nested in a cell count as that cell's text.
 */

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? ''
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

const TOKEN = /<(\/?)w:(tbl|tr|tc|p|t|tabs|tab|br|cr|gridSpan|vMerge)\b([^>]*?)(\/?)>|<[^>]*>|([^<]+)/g

function attr(attrs: string, name: string): string | undefined {
  return new RegExp(`w:${name}="([^"]*)"`).exec(attrs)?.[1]
}

export function wordTables(xml: string): Table[] {
  const tables: Table[] = []
  let depth = 0
  let row: string[] | null = null
  let cell: string | null = null
  let span = 1
  let mergedAbove = false
  let inText = false
  // <w:tabs> in paragraph properties lists tab stops, not tabs.
  let inTabStops = false

  for (const m of xml.matchAll(TOKEN)) {
    const [, closing, tag, attrs = '', selfClosing, text] = m
    if (text !== undefined) {
      if (inText && cell !== null) cell += decode(text)
      continue
    }
    if (tag === undefined) continue
    const open = !closing
    switch (tag) {
      case 'tbl':
        if (open && !selfClosing) {
          depth++
          if (depth === 1) tables.push([])
        } else if (closing) depth--
        break
      case 'tr':
        if (depth !== 1) break
        if (open) row = []
        else if (row) {
          tables[tables.length - 1].push(row)
          row = null
        }
        break
      case 'tc':
        if (depth !== 1) break
        if (open) {
          cell = ''
          span = 1
          mergedAbove = false
        } else if (row && cell !== null) {
          row.push(mergedAbove ? '' : cell.replace(/\n+$/, ''))
          for (let i = 1; i < span; i++) row.push('')
          cell = null
        }
        break
      case 'gridSpan':
        if (depth === 1 && cell !== null) span = Math.max(1, Math.min(64, Number(attr(attrs, 'val')) || 1))
        break
      case 'vMerge':
        // <w:vMerge/> and w:val="continue" continue the cell above; "restart" starts one.
        if (depth === 1 && cell !== null) mergedAbove = attr(attrs, 'val') !== 'restart'
        break
      case 'p':
        if (closing && cell !== null) cell += '\n'
        break
      case 't':
        inText = open && !selfClosing
        break
      case 'tabs':
        inTabStops = open && !selfClosing
        break
      case 'tab':
        if (cell !== null && open && !inTabStops) cell += '\t'
        break
      case 'br':
      case 'cr':
        if (cell !== null && open) cell += '\n'
        break
    }
  }
  return tables
}
