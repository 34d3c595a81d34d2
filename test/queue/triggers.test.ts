import { startFlushTriggers, type TriggerHooks } from '../../src/services/queue'
import { draft } from './fakeBackend'
import { setup } from './setup'

/** Platform hooks under the test's control: fire events, run timers by hand. */
function fakeHooks(now: () => number) {
  let network: ((online: boolean) => void) | null = null
  let show: (() => void) | null = null
  const timers = new Map<number, { fn: () => void; ms: number }>()
  let next = 0
  const hooks: TriggerHooks = {
    onNetworkChange: (cb) => ((network = cb), () => (network = null)),
    onAppShow: (cb) => ((show = cb), () => (show = null)),
    setTimeout: (fn, ms) => (timers.set(++next, { fn, ms }), next),
    clearTimeout: (h) => void timers.delete(h as number),
    now
  }
  return {
    hooks,
    network: (online: boolean) => network?.(online),
    show: () => show?.(),
    timers,
    fireTimer() {
      const [id, t] = [...timers][0]
      timers.delete(id)
      t.fn()
    },
    subscribed: () => network !== null || show !== null
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0))

test('start, confirm, app show and network back all flush at once, skipping the backoff', async () => {
  const { queue, backend, clock } = setup()
  const fake = fakeHooks(clock.now)
  await queue.enqueue(draft())
  backend.failures = ['network', 'network', 'network']
  const triggers = startFlushTriggers(queue, fake.hooks)
  await settle()
  expect(backend.calls).toHaveLength(1) // at start

  fake.show()
  await settle()
  expect(backend.calls).toHaveLength(2)

  fake.network(false)
  await settle()
  expect(backend.calls).toHaveLength(2) // going offline is no reason to try
  fake.network(true)
  await settle()
  expect(backend.calls).toHaveLength(3)

  await queue.enqueue(draft())
  expect((await triggers.afterConfirm()).synced).toBe(2)
  triggers.stop()
})

test('while entries wait, a timer is set for the next due one and re-armed after each flush', async () => {
  const { queue, backend, clock } = setup({ random: () => 0.5 })
  const fake = fakeHooks(clock.now)
  await queue.enqueue(draft())
  backend.failures = ['network', 'network']
  const triggers = startFlushTriggers(queue, fake.hooks, { minDelayMs: 500 })
  await settle()
  // attempts 1: half of 2 s.
  expect([...fake.timers.values()].map((t) => t.ms)).toEqual([1000])
  clock.advance(1000)
  fake.fireTimer()
  await settle()
  expect(backend.calls).toHaveLength(2)
  // attempts 2: half of 4 s.
  expect([...fake.timers.values()].map((t) => t.ms)).toEqual([2000])
  clock.advance(2000)
  fake.fireTimer()
  await settle()
  expect(backend.calls).toHaveLength(3)
  expect(fake.timers.size).toBe(0) // nothing waits: no timer
  triggers.stop()
})

test('the timer never fires sooner than the minimum, and stop() leaves nothing behind', async () => {
  const { queue, backend, clock } = setup({ random: () => 0 })
  const fake = fakeHooks(clock.now)
  await queue.enqueue(draft())
  backend.failures = ['network']
  const triggers = startFlushTriggers(queue, fake.hooks)
  await settle()
  expect([...fake.timers.values()].map((t) => t.ms)).toEqual([1000])
  triggers.stop()
  expect(fake.timers.size).toBe(0)
  expect(fake.subscribed()).toBe(false)
  await queue.enqueue(draft())
  expect(fake.timers.size).toBe(0)
})
