/**
 * WeChat subscribe-message field values, per field type. A template's keys
 * name their type ("thing1", "date2", "character_string3"), and WeChat
 * refuses the whole message (47003) when one value breaks its type's rule:
 * - thing: ≤ 20 characters (汉字, digits, letters, symbols);
 * - phrase: ≤ 5 汉字, nothing else;
 * - number: ≤ 32 digits, may have a decimal part;
 * - date: a calendar date, '2020年12月5日' or '2020-12-05' (time optional);
 * - time: a 24-hour time, optionally after a date: '2020年12月5日 23:59'
 *   (the date written the Chinese way, as in WeChat's examples);
 * - character_string: ≤ 32 digits, letters or symbols;
 * - name: ≤ 10 汉字, or ≤ 20 letters or symbols.
 * `fitValue` turns any text into a value that keeps the rule (never empty);
 * `isValidValue` checks a value independently of how it was made.
 */

export const FIELD_TYPES = ['thing', 'phrase', 'number', 'date', 'time', 'character_string', 'name'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** "thing1" → 'thing', "character_string12" → 'character_string'; null for a type we do not fill. */
export function fieldTypeOf(key: string): FieldType | null {
  const m = /^([a-z_]+?)\d+$/.exec(key)
  const type = m ? m[1] : null
  return type && (FIELD_TYPES as readonly string[]).includes(type) ? (type as FieldType) : null
}

const HAN = /[\u4e00-\u9fff]/
const HAN_ONLY = /^[\u4e00-\u9fff]+$/
/** Printable ASCII without the space: WeChat's "digits, letters or symbols". */
const ASCII_SYMBOLIC = /^[\x21-\x7e]+$/
const ASCII_LETTERS_SYMBOLS = /^[A-Za-z\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]+$/

/** Characters a phone renders in a message line: no controls, no emoji or other astral characters. */
function cleanLine(s: string): string {
  return Array.from(s.replace(/\s+/g, ' '))
    .filter((ch) => ch.codePointAt(0)! <= 0xffff && !/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/.test(ch))
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim()
}

export const THING_MAX = 20
const ELLIPSIS = '…'

/** At most `max` characters; a cut ends in "…" (which counts). */
export function clip(s: string, max: number): string {
  const chars = Array.from(s)
  return chars.length <= max ? s : chars.slice(0, Math.max(0, max - 1)).join('') + ELLIPSIS
}

/**
 * A thing value built from a fixed head and tail around a middle that gets
 * cut first: ("3项待填报：", long title, "等") keeps the count and the "等".
 */
export function fitThingParts(head: string, middle: string, tail = ''): string {
  const h = cleanLine(head)
  const t = cleanLine(tail)
  const room = THING_MAX - Array.from(h).length - Array.from(t).length
  if (room < 2) return fitValue('thing', h + middle + t)
  return fitValue('thing', h + clip(cleanLine(middle), room) + t)
}

const pad2 = (n: number) => String(n).padStart(2, '0')

export type DateStyle = 'cn' | 'iso'

/** "2020-12-05" → "2020年12月5日" (cn) or itself (iso). */
export function formatDate(isoDate: string, style: DateStyle = 'cn'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  if (!m) throw new Error(`not a date: ${isoDate}`)
  return style === 'iso' ? isoDate : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

/** A date and a 24-hour time: "2020年12月5日 23:59" (WeChat's own example form, whatever the date style). */
export function formatTime(isoDate: string, hour: number, minute: number): string {
  return `${formatDate(isoDate, 'cn')} ${pad2(hour)}:${pad2(minute)}`
}

const FALLBACK: Record<FieldType, string> = {
  thing: '待办事项',
  phrase: '待办',
  number: '0',
  date: '',
  time: '',
  character_string: '-',
  name: '用户'
}

/**
 * A value of `type` made from `raw`: cleaned, cut to the type's limit, and
 * never empty. Dates and times must already be formatted (formatDate,
 * formatTime): anything else there is a programming error and throws.
 */
export function fitValue(type: FieldType, raw: string): string {
  const line = cleanLine(raw)
  switch (type) {
    case 'thing':
      return line ? clip(line, THING_MAX) : FALLBACK.thing
    case 'phrase': {
      const han = Array.from(line).filter((ch) => HAN.test(ch))
      return han.length ? han.slice(0, 5).join('') : FALLBACK.phrase
    }
    case 'number': {
      const digits = line.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '')
      return digits ? digits.slice(0, 32) : FALLBACK.number
    }
    case 'character_string': {
      const kept = Array.from(line).filter((ch) => ASCII_SYMBOLIC.test(ch)).join('')
      return kept ? kept.slice(0, 32) : FALLBACK.character_string
    }
    case 'name': {
      const han = Array.from(line).filter((ch) => HAN.test(ch))
      if (han.length) return han.slice(0, 10).join('')
      const latin = Array.from(line).filter((ch) => ASCII_LETTERS_SYMBOLS.test(ch)).join('')
      return latin ? latin.slice(0, 20) : FALLBACK.name
    }
    case 'date':
    case 'time':
      if (!isValidValue(type, line)) throw new Error(`${type} value not formatted: ${raw}`)
      return line
  }
}

const CN_DATE = /^\d{4}年(1[0-2]|[1-9])月(3[01]|[12]\d|[1-9])日$/
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/

const isDate = (s: string) => CN_DATE.test(s) || ISO_DATE.test(s)
const isDateTime = (s: string) => {
  const [d, t, ...rest] = s.split(' ')
  return rest.length === 0 && isDate(d) && (t === undefined || HHMM.test(t))
}
const isTime = (s: string) => {
  const parts = s.split(' ')
  if (parts.length === 1) return HHMM.test(parts[0])
  return parts.length === 2 && CN_DATE.test(parts[0]) && HHMM.test(parts[1])
}

/** Whether WeChat accepts `value` for `type` (ranges with "~" are not produced here and not accepted). */
export function isValidValue(type: FieldType, value: string): boolean {
  if (typeof value !== 'string' || value.length === 0 || value !== value.trim()) return false
  const n = Array.from(value).length
  switch (type) {
    case 'thing':
      return n <= THING_MAX && cleanLine(value) === value
    case 'phrase':
      return n <= 5 && HAN_ONLY.test(value)
    case 'number':
      return /^\d{1,32}(\.\d+)?$/.test(value) && value.replace('.', '').length <= 32
    case 'character_string':
      return n <= 32 && ASCII_SYMBOLIC.test(value)
    case 'name':
      return (n <= 10 && HAN_ONLY.test(value)) || (n <= 20 && ASCII_LETTERS_SYMBOLS.test(value))
    case 'date':
      return isDateTime(value)
    case 'time':
      return isTime(value)
  }
}
