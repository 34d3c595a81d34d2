/**
 * STAND-IN (not CloudBase): the value semantics of the in-memory imitation
 * in cloudbaseStandIn.ts — command markers, field-name and value checks,
 * `update` paths with `_.inc`, and `where` matching. See that file's header
 * for what is and is not imitated.
 */
import type { DocData } from '../../cloud/store/cloudbase/sdk'

type Op = 'inc' | 'in' | 'lt' | 'gte' | 'gt' | 'and' | 'or'

/** What `db.command.*` returns: a marker the query and update code interpret. */
export class StandInCommand {
  constructor(readonly op: Op, readonly value: unknown) {}
  /** `_.gte(a).and(_.lt(b))`: both conditions on one field. */
  and(other: StandInCommand): StandInCommand {
    return new StandInCommand('and', [this, other])
  }
}

export class StandInRegExp {
  constructor(readonly regexp: string, readonly options = '') {}
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const isPlainObject = (v: unknown): v is DocData => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

export function notFoundError(id: string): Error {
  const errMsg = `document.get:fail document with _id ${id} does not exist; at document.get api; `
  return Object.assign(new Error(errMsg), { errCode: -1, errMsg })
}

function checkName(name: string, where: string): void {
  if (name === '' || name.startsWith('$') || name.includes('.')) throw new Error(`${where}: invalid field name "${name}"`)
}

/** Stored values: JSON-shaped, names valid at every depth, no undefined, no command markers. */
function checkValue(v: unknown, where: string): void {
  if (v === undefined) throw new Error(`${where}: undefined value`)
  if (v instanceof StandInCommand || v instanceof StandInRegExp) throw new Error(`${where}: command not allowed here`)
  if (Array.isArray(v)) v.forEach((x) => checkValue(x, where))
  else if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) (checkName(k, where), checkValue(x, where))
}

export function checkSetData(data: DocData): void {
  if ('_id' in data) throw new Error('document.set:fail data must not contain _id')
  checkValue(data, 'document.set:fail')
}

/** `update` data as (path, value) pairs: nested plain objects address nested fields. */
function updatePaths(data: DocData, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = []
  for (const [k, v] of Object.entries(data)) {
    const path = prefix + k
    path.split('.').forEach((seg) => checkName(seg, 'document.update:fail'))
    if (path === '_id') throw new Error('document.update:fail cannot update _id')
    if (isPlainObject(v) && Object.keys(v).length > 0) out.push(...updatePaths(v, `${path}.`))
    else if (v instanceof StandInCommand) {
      if (v.op !== 'inc') throw new Error(`document.update:fail unsupported operator ${v.op}`)
      out.push([path, v])
    } else (checkValue(v, 'document.update:fail'), out.push([path, v]))
  }
  return out
}

export function applyUpdate(doc: DocData, data: DocData): DocData {
  for (const [path, v] of updatePaths(data)) {
    const segs = path.split('.')
    let node = doc
    for (const seg of segs.slice(0, -1)) {
      if (!isPlainObject(node[seg])) node[seg] = {}
      node = node[seg] as DocData
    }
    const last = segs[segs.length - 1]
    if (v instanceof StandInCommand) {
      const cur = node[last] ?? 0
      if (typeof cur !== 'number') throw new Error(`document.update:fail cannot inc non-number ${path}`)
      node[last] = cur + (v.value as number)
    } else node[last] = clone(v)
  }
  return doc
}

export const fieldOf = (doc: DocData, path: string): unknown => path.split('.').reduce<unknown>((n, k) => (isPlainObject(n) ? n[k] : undefined), doc)

export function compare(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === undefined || a === null) return -1
  if (b === undefined || b === null) return 1
  return (a as number | string) < (b as number | string) ? -1 : 1
}

function matchField(v: unknown, want: unknown): boolean {
  if (want instanceof StandInRegExp) return typeof v === 'string' && new RegExp(want.regexp, want.options).test(v)
  if (want instanceof StandInCommand) {
    const sameType = typeof v === typeof want.value
    switch (want.op) {
      case 'in':
        return (want.value as unknown[]).some((x) => x === v)
      case 'lt':
        return sameType && compare(v, want.value) < 0
      case 'gt':
        return sameType && compare(v, want.value) > 0
      case 'gte':
        return sameType && compare(v, want.value) >= 0
      case 'and':
        return (want.value as unknown[]).every((w) => matchField(v, w))
      default:
        throw new Error(`query: operator ${want.op} is not a query operator`)
    }
  }
  if (want === null) return v === null || v === undefined
  return v === want
}

export function matches(doc: DocData, cond: unknown): boolean {
  if (cond instanceof StandInCommand && cond.op === 'and') return (cond.value as unknown[]).every((c) => matches(doc, c))
  if (cond instanceof StandInCommand && cond.op === 'or') return (cond.value as unknown[]).some((c) => matches(doc, c))
  return Object.entries(cond as DocData).every(([field, want]) => matchField(fieldOf(doc, field), want))
}

