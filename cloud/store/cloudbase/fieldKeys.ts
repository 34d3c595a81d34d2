/**
 * Roll-up documents keep one entry per figure under `fields.<key>`, and
 * `_.inc` addresses it as the dotted path `fields.<key>.sum`. Figure keys
 * include counters and verdicts such as `#received` and `$v:target`: a
 * leading `$` is refused as a field name by the database, `.` would split the
 * path, and `#`/`:` are not worth betting on. So keys are stored escaped to
 * [A-Za-z0-9_] only, reversibly:
 *
 * - letters and digits stay;
 * - `_` becomes `__`;
 * - any other UTF-16 unit becomes `_` + 4 upper-case hex digits.
 *
 * `#received` → `_0023received`, `on_time` → `on__time`,
 * `$v:q1` → `_0024v_003Aq1`. Decoding reads `_` then either `_` or 4 hex
 * digits, so it is unambiguous.
 */
export function encodeFieldKey(key: string): string {
  let out = ''
  for (let i = 0; i < key.length; i++) {
    const ch = key[i]
    if (/[A-Za-z0-9]/.test(ch)) out += ch
    else if (ch === '_') out += '__'
    else out += '_' + key.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')
  }
  return out
}

export function decodeFieldKey(stored: string): string {
  let out = ''
  for (let i = 0; i < stored.length; i++) {
    const ch = stored[i]
    if (ch !== '_') {
      out += ch
    } else if (stored[i + 1] === '_') {
      out += '_'
      i += 1
    } else {
      const hex = stored.slice(i + 1, i + 5)
      if (!/^[0-9A-F]{4}$/.test(hex)) throw new Error(`not an encoded field key: ${stored}`)
      out += String.fromCharCode(parseInt(hex, 16))
      i += 4
    }
  }
  return out
}
