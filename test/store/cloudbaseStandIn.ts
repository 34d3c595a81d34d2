/**
 * ============================ STAND-IN ============================
 * This is NOT CloudBase and NOT wx-server-sdk. It is a small in-memory
 * imitation of exactly the database calls the CloudBase adapter makes
 * (cloud/store/cloudbase/sdk.ts), written from the WeChat cloud-function
 * docs, so the shared store contract can run without the real cloud. What
 * it imitates, deliberately strictly so adapter bugs show here:
 * - `get()` returns at most 100 records without `limit()`, at most 1000 with it;
 * - `doc(id).get()` on a missing id throws `document.get:fail document with
 *   _id … does not exist` (or resolves `{ data: null }` with
 *   `throwOnNotFound: false`, as `cloud.database({ throwOnNotFound: false })`);
 * - writes take `{ data }`; `set` data may not carry `_id`; field names may
 *   not start with `$` or contain `.` (MongoDB rules); `undefined` values and
 *   `undefined` query conditions are refused;
 * - `update` treats dotted keys and nested plain objects as paths, `_.inc`
 *   creates missing fields;
 * - `runTransaction` buffers writes and applies them all at the end; a
 *   throw applies nothing; a commit conflicts when any document the
 *   transaction read or wrote changed meanwhile (stricter than MongoDB's
 *   write-write rule; the adapter writes everything it relies on reading),
 *   and then the function re-runs (up to `times`, 3 by default) before the
 *   call fails; operations after the end are refused.
 * What it does not imitate: latency, the 3 s timeout, indexes, permissions,
 * and any CloudBase behaviour not listed above. Passing here is evidence
 * about the adapter's logic, not about the real service.
 * ==================================================================
 */
import type { Collection, Database, DocData, DocumentRef, Query, Transaction } from '../../cloud/store/cloudbase/sdk'
import { applyUpdate, checkSetData, clone, compare, fieldOf, matches, notFoundError, StandInCommand, StandInRegExp } from './cloudbaseStandInOps'

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

const yieldTurn = () => Promise.resolve()

interface Row {
  doc: DocData
}

class StandInQuery implements Query {
  constructor(
    protected readonly db: StandInDatabase,
    protected readonly name: string,
    private readonly cond: unknown = null,
    private readonly orders: [string, 'asc' | 'desc'][] = [],
    private readonly skipN = 0,
    private readonly limitN: number | null = null
  ) {}

  where(condition: DocData): Query {
    if (!(condition instanceof StandInCommand) && Object.values(condition).some((v) => v === undefined)) {
      throw new Error('collection.where:fail query condition has an undefined value')
    }
    return new StandInQuery(this.db, this.name, condition, this.orders, this.skipN, this.limitN)
  }
  orderBy(field: string, order: 'asc' | 'desc'): Query {
    return new StandInQuery(this.db, this.name, this.cond, [...this.orders, [field, order]], this.skipN, this.limitN)
  }
  skip(n: number): Query {
    if (!Number.isInteger(n) || n < 0) throw new Error(`skip(${n}): not a count`)
    return new StandInQuery(this.db, this.name, this.cond, this.orders, n, this.limitN)
  }
  limit(n: number): Query {
    if (!Number.isInteger(n) || n < 1) throw new Error(`limit(${n}): not a positive count`)
    return new StandInQuery(this.db, this.name, this.cond, this.orders, this.skipN, n)
  }
  private selected(): DocData[] {
    const rows = [...this.db.table(this.name).values()].map((r: Row) => r.doc).filter((d) => this.cond === null || matches(d, this.cond))
    return rows.sort((a, b) => {
      for (const [f, dir] of this.orders) {
        const c = compare(fieldOf(a, f), fieldOf(b, f))
        if (c !== 0) return dir === 'asc' ? c : -c
      }
      return 0
    })
  }
  async get(): Promise<{ data: DocData[] }> {
    await yieldTurn()
    this.db.stats.gets += 1
    // The SDK caps silently: 100 without limit(), 1000 at most with it.
    const n = Math.min(this.limitN ?? DEFAULT_LIMIT, MAX_LIMIT)
    return { data: this.selected().slice(this.skipN, this.skipN + n).map(clone) }
  }
  async count(): Promise<{ total: number }> {
    await yieldTurn()
    return { total: this.selected().length }
  }
}

class StandInCollection extends StandInQuery implements Collection {
  doc(id: string): DocumentRef {
    return new StandInDoc(this.db, this.name, id, null)
  }
}

/** One document, outside (`tx` null) or inside a transaction. */
class StandInDoc implements DocumentRef {
  constructor(private readonly db: StandInDatabase, private readonly name: string, private readonly id: string, private readonly tx: StandInTransaction | null) {}

  private key(): string {
    return `${this.name}\u0000${this.id}`
  }
  private current(): DocData | null {
    const k = this.key()
    if (this.tx) {
      this.tx.touch(k, this.db.rev(k))
      if (this.tx.writes.has(k)) return this.tx.writes.get(k) ?? null
    }
    return this.db.table(this.name).get(this.id)?.doc ?? null
  }
  private put(doc: DocData | null): void {
    if (this.tx) this.tx.writes.set(this.key(), doc)
    else this.db.apply(this.key(), this.name, this.id, doc)
  }
  async get(): Promise<{ data: DocData | null }> {
    await yieldTurn()
    this.tx?.assertOpen()
    const doc = this.current()
    if (!doc && this.db.throwOnNotFound) throw notFoundError(this.id)
    return { data: doc ? clone(doc) : null }
  }
  async set({ data }: { data: DocData }): Promise<unknown> {
    await yieldTurn()
    this.tx?.assertOpen()
    checkSetData(data)
    const existed = this.current() !== null
    this.put({ ...clone(data), _id: this.id })
    return { _id: this.id, stats: { created: existed ? 0 : 1, updated: existed ? 1 : 0 } }
  }
  async update({ data }: { data: DocData }): Promise<unknown> {
    await yieldTurn()
    this.tx?.assertOpen()
    const doc = this.current()
    if (!doc) return { stats: { updated: 0 } }
    this.put(applyUpdate(clone(doc), data))
    return { stats: { updated: 1 } }
  }
  async remove(): Promise<unknown> {
    await yieldTurn()
    this.tx?.assertOpen()
    const existed = this.current() !== null
    this.put(null)
    return { stats: { removed: existed ? 1 : 0 } }
  }
}

class StandInTransaction implements Transaction {
  /** Buffered final state per touched document (null: removed). */
  readonly writes = new Map<string, DocData | null>()
  /** The revision of each document when this transaction first touched it. */
  readonly seen = new Map<string, number>()
  open = true

  constructor(private readonly db: StandInDatabase) {}

  collection(name: string): { doc(id: string): DocumentRef } {
    return { doc: (id: string) => new StandInDoc(this.db, name, id, this) }
  }
  touch(key: string, rev: number): void {
    if (!this.seen.has(key)) this.seen.set(key, rev)
  }
  assertOpen(): void {
    if (!this.open) throw new Error('[ResourceUnavailable.TransactionNotExist] transaction already ended')
  }
}

export class StandInDatabase implements Database {
  readonly throwOnNotFound: boolean
  private readonly tables = new Map<string, Map<string, Row>>()
  private readonly revs = new Map<string, number>()
  /** Test inspection only (not SDK): how many query `get()` calls ran, how many commits conflicted. */
  readonly stats = { gets: 0, conflicts: 0 }

  readonly command = {
    inc: (n: number) => new StandInCommand('inc', n),
    in: (values: readonly unknown[]) => new StandInCommand('in', [...values]),
    lt: (v: unknown) => new StandInCommand('lt', v),
    gt: (v: unknown) => new StandInCommand('gt', v),
    gte: (v: unknown) => new StandInCommand('gte', v),
    and: (...conds: unknown[]) => new StandInCommand('and', conds.length === 1 && Array.isArray(conds[0]) ? conds[0] : conds),
    or: (...conds: unknown[]) => new StandInCommand('or', conds.length === 1 && Array.isArray(conds[0]) ? conds[0] : conds)
  }

  constructor(options: { throwOnNotFound?: boolean } = {}) {
    this.throwOnNotFound = options.throwOnNotFound ?? true
  }

  RegExp(options: { regexp: string; options?: string }): unknown {
    return new StandInRegExp(options.regexp, options.options)
  }
  collection(name: string): Collection {
    return new StandInCollection(this, name)
  }
  table(name: string): Map<string, Row> {
    if (!this.tables.has(name)) this.tables.set(name, new Map())
    return this.tables.get(name)!
  }
  rev(key: string): number {
    return this.revs.get(key) ?? 0
  }
  apply(key: string, name: string, id: string, doc: DocData | null): void {
    if (doc) this.table(name).set(id, { doc })
    else this.table(name).delete(id)
    this.revs.set(key, this.rev(key) + 1)
  }
  /** Test inspection only (not SDK): raw stored documents of a collection. */
  dump(name: string): DocData[] {
    return [...this.table(name).values()].map((r) => clone(r.doc))
  }

  async runTransaction<T>(fn: (transaction: Transaction) => Promise<T>, times = 3): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const tx = new StandInTransaction(this)
      let result: T
      try {
        result = await fn(tx)
      } finally {
        tx.open = false
      }
      await yieldTurn()
      // Commit only if nothing this transaction touched changed meanwhile.
      if ([...tx.seen].every(([key, rev]) => this.rev(key) === rev)) {
        for (const [key, doc] of tx.writes) {
          const [name, id] = key.split('\u0000')
          this.apply(key, name, id, doc)
        }
        return result
      }
      this.stats.conflicts += 1
      if (attempt >= times) {
        throw Object.assign(new Error('[ResourceUnavailable.TransactionConflict] Transaction is conflict'), { code: 'DATABASE_TRANSACTION_CONFLICT' })
      }
    }
  }
}
