import type { KeyValueStorage } from './types'

/** In-memory storage for tests; copies values like real storage does. */
export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage & { dump(): Record<string, unknown> } {
  const map = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]))
  return {
    async get<T>(key: string) {
      const raw = map.get(key)
      return raw === undefined ? undefined : (JSON.parse(raw) as T)
    },
    async set(key, value) {
      map.set(key, JSON.stringify(value))
    },
    async remove(key) {
      map.delete(key)
    },
    async keys() {
      return [...map.keys()]
    },
    dump() {
      return Object.fromEntries([...map].map(([k, v]) => [k, JSON.parse(v)]))
    }
  }
}
