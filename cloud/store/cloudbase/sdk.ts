/**
 * The part of wx-server-sdk's database API that the CloudBase adapter
 * calls, and nothing more. `cloud.database()` satisfies it structurally
 * (checked by tsc in cloud/functions/api/index.ts against the declarations in
 * cloud/functions/types/wx-server-sdk.d.ts); the test stand-in implements it.
 * Keeping the subset small keeps the stand-in honest: every call listed here
 * is one the stand-in must mimic, with the SDK's limits.
 *
 * Shapes follow the WeChat cloud-function docs (reference-sdk-api/database):
 * writes take `{ data }`, `get()` resolves `{ data }`, `count()` resolves
 * `{ total }`.
 */

/** A stored document as the SDK returns it (`_id` included). */
export type DocData = Record<string, unknown>

/** `db.command`: only the operators the adapter uses. */
export interface Command {
  /** Update operator: atomic add (creates the field when missing). */
  inc(n: number): unknown
  /** Query operator: field value is one of `values` (≤ 100 per query here). */
  in(values: readonly unknown[]): unknown
  /** Query operator: field value is less than `value`. */
  lt(value: unknown): unknown
  /** Query operator: field value is greater than `value` (a cursor). */
  gt(value: unknown): unknown
  /** Query operator: field value is at least `value`. */
  gte(value: unknown): unknown
  /** Query operator at the top of `where`: every condition holds. */
  and(conditions: unknown[]): unknown
  /** Query operator at the top of `where`: at least one condition holds (a two-key cursor). */
  or(conditions: unknown[]): unknown
}

/**
 * `collection.doc(id)`, in or out of a transaction. `get()` on a missing id
 * either throws (the SDK default) or resolves `{ data: null }` when the
 * database was made with `throwOnNotFound: false`: see `readDoc`.
 */
export interface DocumentRef {
  get(): Promise<{ data: DocData | null | undefined }>
  /** Replaces the whole document (creates it when missing); `data` has no `_id`. */
  set(options: { data: DocData }): Promise<unknown>
  /** Partial update; dotted keys address nested fields, `_.inc` adds atomically. */
  update(options: { data: DocData }): Promise<unknown>
  remove(): Promise<unknown>
}

/** A query. Without `limit()`, `get()` returns at most 100 records; at most 1000 with it. */
export interface Query {
  where(condition: DocData): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  skip(n: number): Query
  limit(n: number): Query
  get(): Promise<{ data: DocData[] }>
  count(): Promise<{ total: number }>
}

export interface Collection extends Query {
  doc(id: string): DocumentRef
}

/** Inside `runTransaction` only single-document operations exist. */
export interface Transaction {
  collection(name: string): { doc(id: string): DocumentRef }
}

export interface Database {
  readonly command: Command
  /** `db.RegExp({ regexp, options })`: a regular-expression condition for `where`. */
  RegExp(options: { regexp: string; options?: string }): unknown
  collection(name: string): Collection
  /**
   * Runs `fn` in a transaction and commits when it resolves; a throw rolls
   * everything back. The SDK re-runs `fn` on a write conflict (`times`, 3 by
   * default), so `fn` must derive all writes from its own reads.
   */
  runTransaction<T>(fn: (transaction: Transaction) => Promise<T>, times?: number): Promise<T>
}
