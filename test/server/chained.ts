import type { Running } from './harness'

/**
 * A copy of YL-133 under `code` with the chain community → street →
 * district, put on the test server; answers the grids of 园博北社区
 * (qk-s11-c01), the community the chain suites work in.
 */
export async function putChainedIndicator(s: Running, code: string, seq: number): Promise<string[]> {
  const yl = await s.server.store.getIndicator('YL-133', 2020)
  await s.server.store.putIndicator({ ...yl!, code, seq, reviewChain: ['community', 'street', 'district'] })
  return (await s.server.store.unitsUnder('/qk/qk-s11/qk-s11-c01/', 'grid')).map((g) => g.id)
}
