import { memoryStorage } from '../../src/services/storage/memoryStorage'
import type { KeyValueStorage } from '../../src/services/storage/types'
import { SubmissionQueue, type QueueOptions } from '../../src/services/queue'
import { FakeBackend } from './fakeBackend'
import { FakeClock, seeded } from './random'

/** A queue over memory storage, the fake backend, a hand-moved clock and a seeded random. */
export function setup(over: Partial<QueueOptions> & { storage?: KeyValueStorage } = {}) {
  const storage = over.storage ?? memoryStorage()
  const backend = (over.backend as FakeBackend | undefined) ?? new FakeBackend()
  const clock = new FakeClock()
  let ids = 0
  const make = (storageFor: KeyValueStorage = storage) =>
    new SubmissionQueue({ now: clock.now, random: seeded(7), newId: () => `re-${String(++ids).padStart(6, '0')}`, ...over, storage: storageFor, backend })
  return { storage, backend, clock, queue: make(), make }
}

/**
 * Storage on a phone that can be killed: after `kill()` (or after `writesLeft`
 * writes) every call fails, as if the app died there. What was written stays
 * in `inner` for the next launch.
 */
export function killable(inner: KeyValueStorage, writesLeft = Infinity) {
  let dead = false
  let left = writesLeft
  const guard = () => {
    if (dead) throw new Error('app killed')
  }
  const write = () => {
    guard()
    if (left <= 0) {
      dead = true
      throw new Error('app killed')
    }
    left--
  }
  const storage: KeyValueStorage = {
    async get<T>(key: string) {
      guard()
      return inner.get<T>(key)
    },
    async set(key, value) {
      write()
      await inner.set(key, value)
    },
    async remove(key) {
      write()
      await inner.remove(key)
    },
    async keys() {
      guard()
      return inner.keys()
    }
  }
  return {
    storage,
    kill: () => {
      dead = true
    },
    get dead() {
      return dead
    }
  }
}
