/** A small seeded generator (mulberry32): runs are repeatable from the logged seed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public t = Date.parse('2020-12-20T02:00:00Z')) {}
  now = (): number => this.t
  advance(ms: number): void {
    this.t += ms
  }
}
