import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Transport } from '../../src/services/transport/types'
import { spawnServer, type ServerProcess } from '../server/process'
import { chainFor, verifyChains, type Planned } from './chain'
import { createWorkers, Phone, type Worker } from './phones'
import { seeded } from './random'
import { killable } from './setup'

jest.setTimeout(60_000)

/** Logged so a failing run can be replayed: QUEUE_SEED=<seed> npx jest test/queue/crash. */
const SEED = Number(process.env.QUEUE_SEED ?? Math.floor(Math.random() * 2 ** 31))
const RUNS = 10
const PHONES_PER_RUN = 2
/** 4 first reports and 71 edits per phone: two batches (50 + 25). */
const CHAIN = 75

let dataDir: string
let server: ServerProcess
let base = ''
let workers: Worker[]

beforeAll(async () => {
  console.log(`queue crash suite: seed ${SEED}`)
  dataDir = mkdtempSync(join(tmpdir(), 'gebao-queue-crash-'))
  server = await spawnServer(dataDir)
  base = server.base
  workers = await createWorkers(base, RUNS * PHONES_PER_RUN, 'qc')
})
afterAll(async () => {
  await server?.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

function storedCount(plans: Planned[]): number {
  const db = new Database(join(dataDir, 'gebao.db'), { readonly: true, fileMustExist: true })
  try {
    const ids = JSON.stringify(plans.map((p) => p.draft.clientId))
    return (db.prepare('SELECT COUNT(*) AS n FROM submissions WHERE client_id IN (SELECT value FROM json_each(?))').get(ids) as { n: number }).n
  } finally {
    db.close()
  }
}

test.each(Array.from({ length: RUNS }, (_, i) => i))('run %i: server SIGKILLed during a flush and restarted: nothing lost, nothing twice', async (run) => {
  const rng = seeded(SEED + run)
  const killAtCall = 1 + Math.floor(rng() * 4)
  // A batch of 50 takes the server ~80 ms, the second batch of 25 ~40 ms.
  const killAfterMs = Math.floor(rng() * (killAtCall <= PHONES_PER_RUN ? 80 : 40))
  const phoneDies = Array.from({ length: PHONES_PER_RUN }, () => rng() < 0.4)

  // The kill is timed from inside a sync call, so it lands during the flush.
  let calls = 0
  let killing: Promise<void> | null = null
  const lives: ReturnType<typeof killable>[] = []
  const kill = () => {
    killing ??= server.kill('SIGKILL')
    lives.forEach((life, i) => phoneDies[i] && life.kill()) // the app dies with it
    return killing
  }
  const timedKill = (t: Transport): Transport => ({
    ...t,
    call: <T>(action: string, payload?: unknown) => {
      if (action === 'sync' && ++calls === killAtCall) setTimeout(() => void kill(), killAfterMs)
      return t.call<T>(action, payload)
    }
  })

  const phones = workers.slice(run * PHONES_PER_RUN, (run + 1) * PHONES_PER_RUN).map((w) => new Phone(w, () => base, timedKill))
  for (const phone of phones) {
    const life = killable(phone.storage)
    lives.push(life)
    phone.launch(life.storage)
  }
  const plans = phones.map((p) => chainFor(p.worker, CHAIN))
  for (const [i, phone] of phones.entries()) for (const p of plans[i]) await phone.queue.enqueue(p.draft)

  await Promise.all(phones.map((p) => p.queue.flush()))
  await kill() // no-op if it already happened
  server = await spawnServer(dataDir)
  base = server.base
  const atKill = storedCount(plans.flat())

  phones.forEach((phone, i) => phoneDies[i] && phone.launch(phone.storage, (t) => t))
  for (let round = 0; round < 3; round++) {
    const reports = await Promise.all(phones.map((p) => p.queue.flush({ ignoreBackoff: true })))
    if (reports.every((r) => r.pending === 0)) break
  }
  console.log(
    `queue crash run ${run} (seed ${SEED}): killed ${killAfterMs} ms into sync call ${killAtCall}, ` +
      `${atKill}/${CHAIN * PHONES_PER_RUN} stored by then; phones relaunched: ${phoneDies.filter(Boolean).length}`
  )

  for (const phone of phones) {
    const entries = await phone.queue.entries()
    expect(entries).toHaveLength(CHAIN)
    expect(entries.filter((e) => e.status !== 'synced')).toEqual([])
  }
  const db = new Database(join(dataDir, 'gebao.db'), { readonly: true, fileMustExist: true })
  try {
    expect(verifyChains(db, plans.flat())).toEqual([])
  } finally {
    db.close()
  }
})
