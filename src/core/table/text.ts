/**
 * Text helpers for table cells: what goes into a cell must be printable XML
 * text, and numbers read the way the bureau writes them (9133, 7907.94).
 */

// C0 controls other than tab and newline, and the two non-characters, are
// not allowed in XML 1.0: a single one makes Word and Excel refuse the file.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

// Bidi embeddings, overrides and isolates, direction marks, and zero-width
// characters: invisible in a cell, they can make the official table read
// differently from what it holds (a reversed figure, a hidden word).
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

/** Normalises line ends and drops characters no Office file may hold, and invisible formatting characters. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(NOT_XML, '').replace(INVISIBLE, '').trim()
}

/** A figure as the table writes it: whole numbers plain, others to 2 places. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n)
  return String(Math.round(n * 100) / 100)
}

/** A rate per population to one decimal: 58.58… → "58.6", 50 → "50". */
export function formatOneDecimal(n: number): string {
  const r = Math.round(n * 10) / 10
  return Number.isInteger(r) ? String(r) : r.toFixed(1)
}
