import type { KeyValueStorage } from './storage/types'
import type { TokenSource } from './transport/types'

const KEY = 'gebao.session'
const PERSON_KEY = 'gebao.session.person'

/**
 * The local-mode session token, kept in memory for every request and in
 * storage across restarts, and who it belongs to. Cloud mode never has a
 * token (WeChat itself says who the caller is) but still records the
 * person, so each person's queue is sent only while that person is signed in.
 */
export class Session implements TokenSource {
  private current: string | null = null
  private who: string | null = null

  constructor(private readonly storage: KeyValueStorage) {}

  async load(): Promise<void> {
    this.current = (await this.storage.get<string>(KEY)) ?? null
    this.who = (await this.storage.get<string>(PERSON_KEY)) ?? null
  }

  token(): string | null {
    return this.current
  }

  /** The person signed in (last known), or null. */
  person(): string | null {
    return this.who
  }

  /**
   * Token and person change together, in memory before anything waits: a
   * request in between would otherwise carry one person's token for
   * another's queue. Without a person, none is recorded until `setPerson`.
   */
  async save(token: string, personId?: string): Promise<void> {
    this.current = token
    this.who = personId ?? null
    await this.storage.set(KEY, token)
    if (personId) await this.storage.set(PERSON_KEY, personId)
    else await this.storage.remove(PERSON_KEY)
  }

  async setPerson(personId: string): Promise<void> {
    this.who = personId
    await this.storage.set(PERSON_KEY, personId)
  }

  async clear(): Promise<void> {
    this.current = null
    this.who = null
    await this.storage.remove(KEY)
    await this.storage.remove(PERSON_KEY)
  }
}
