import type { Pool } from 'pg'
import type { JobOutcome } from '../jobLock'

/**
 * Runs `fn` only if no other process (or call) holds the advisory lock
 * `key`; answers `{ ran: false }` at once otherwise. The lock is held on
 * one dedicated connection, so a process that dies releases it.
 */
export async function exclusive<T>(pool: Pool, key: number, fn: () => Promise<T>): Promise<JobOutcome<T>> {
  const client = await pool.connect()
  try {
    const got = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [key])).rows[0].ok
    if (!got) return { ran: false }
    try {
      return { ran: true, value: await fn() }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key])
    }
  } finally {
    client.release()
  }
}

/** Runs `fn` holding the advisory lock `key`, waiting for it. */
export async function serialised<T>(pool: Pool, key: number, fn: () => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key])
    try {
      return await fn()
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [key])
    }
  } finally {
    client.release()
  }
}
