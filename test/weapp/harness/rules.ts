/**
 * Evaluates the CloudBase security rules kept in cloud/rules/ the way the
 * docs describe them (storage: `{ read, write }`, each `true`, `false` or an
 * expression over `auth` and `resource`, with `==`, `!=`, `&&`, `||`, string
 * literals and regex literals whose `.test(x)` is compared with `== true`).
 * The expression is checked against exactly that grammar, then run as the
 * JavaScript it also is. Not CloudBase: a reading of its documented rules.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const RULES = join(__dirname, '../../../cloud/rules')

type Rule = boolean | string
type RuleSet = { read?: Rule; write?: Rule }

const TOKEN = /\s+|==|!=|&&|\|\||\(|\)|true\b|false\b|null\b|auth\.(openid|uid|loginType)\b|auth\b|resource\.(openid|path)\b|'[^'\\]*'|\/(?:\\.|[^/\\\n])+\/[gimsuy]*\.test\(|/y

/** Refuses anything outside the documented grammar, so a rule file cannot hide other code. */
export function assertRuleGrammar(expr: string): void {
  TOKEN.lastIndex = 0
  let i = 0
  while (i < expr.length) {
    TOKEN.lastIndex = i
    const m = TOKEN.exec(expr)
    if (!m || m[0].length === 0) throw new Error(`rule outside the documented grammar at ${JSON.stringify(expr.slice(i))}`)
    i += m[0].length
  }
  if (/\.test\([^)]*\)(?!\s*==\s*(true|false))/.test(expr)) throw new Error('a regex test must be compared with == true / == false (CloudBase docs)')
}

export function evaluate(rule: Rule | undefined, auth: { openid: string } | null, resource: { openid: string; path: string }): boolean {
  if (rule === undefined || rule === false) return false
  if (rule === true) return true
  assertRuleGrammar(rule)
  try {
    return new Function('auth', 'resource', `return (${rule})`)(auth, resource) === true
  } catch {
    // e.g. `auth.openid` with no one signed in: a rule that cannot be evaluated denies.
    return false
  }
}

export function loadRules(name: 'storage' | 'database'): RuleSet {
  return JSON.parse(readFileSync(join(RULES, `${name}.json`), 'utf8')) as RuleSet
}

/** Whether the phone of `openid` may read/write the file at `path` owned by `owner`. */
export function storageAllows(op: 'read' | 'write', q: { openid: string; path: string; owner: string }): boolean {
  return evaluate(loadRules('storage')[op], q.openid ? { openid: q.openid } : null, { openid: q.owner, path: q.path })
}
