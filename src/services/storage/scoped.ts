import type { KeyValueStorage } from './types'

/**
 * One person's corner of the phone's storage: every key is prefixed, and
 * `keys()` lists only this person's (prefix removed). The queue, drafts and
 * history of one person are written through one of these, so another
 * person signed in on the same phone never reads them.
 */
export function scopedStorage(inner: KeyValueStorage, prefix: string): KeyValueStorage {
  return {
    get: (key) => inner.get(prefix + key),
    set: (key, value) => inner.set(prefix + key, value),
    remove: (key) => inner.remove(prefix + key),
    async keys() {
      return (await inner.keys()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))
    }
  }
}

/** The prefix of a person's keys. Ids are the server's (letters, digits, - and _). */
export function personPrefix(personId: string): string {
  return `gebao.p.${personId}.`
}
