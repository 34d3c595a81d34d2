import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg'

/** A pool or a client inside a transaction: both answer `query`. */
export interface Queryable {
  query<R extends QueryResultRow = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>
}

/** Deadlock and serialization failures: the transaction did nothing and may simply run again. */
const RETRYABLE = new Set(['40P01', '40001'])

export interface TxOptions<T> {
  /** Commit only when this answers true for the result (default: always); otherwise roll back. */
  commitIf?: (result: T) => boolean
  retries?: number
}

/**
 * Runs `fn` in one READ COMMITTED transaction on one pooled connection.
 * Row locks taken inside (`FOR UPDATE`, upserts) make the checks exact;
 * a deadlock victim is retried a few times.
 */
export async function inTransaction<T>(pool: Pool, fn: (c: PoolClient) => Promise<T>, opts: TxOptions<T> = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await fn(client)
      await client.query(opts.commitIf && !opts.commitIf(result) ? 'ROLLBACK' : 'COMMIT')
      return result
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined)
      if (attempt < (opts.retries ?? 3) && RETRYABLE.has((e as { code?: string }).code ?? '')) continue
      throw e
    } finally {
      client.release()
    }
  }
}
