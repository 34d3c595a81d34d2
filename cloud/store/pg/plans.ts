import type { Pool } from 'pg'
import type { Indicator } from '../../../src/core/indicator'
import { inTransaction } from './tx'

/** One plan year's definition of an indicator, and the registry row reports reference (its body is the latest plan put). */
export async function putPlanItem(pool: Pool, ind: Indicator): Promise<void> {
  const body = JSON.stringify(ind)
  await inTransaction(pool, async (c) => {
    await c.query('INSERT INTO indicators (code, seq, body) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET seq = excluded.seq, body = excluded.body', [ind.code, ind.seq, body])
    await c.query('INSERT INTO plans (code, year, seq, body) VALUES ($1, $2, $3, $4) ON CONFLICT (code, year) DO UPDATE SET seq = excluded.seq, body = excluded.body', [ind.code, ind.year, ind.seq, body])
  })
}
