import type { KeyValueStorage } from './storage/types'
import type { TokenSource } from './transport/types'

const KEY = 'gebao.session'

/**
 * The local-mode session token, kept in memory for every request and in
 * storage across restarts. Cloud mode never has one: WeChat itself says who
 * the caller is.
 */
export class Session implements TokenSource {
  private current: string | null = null

  constructor(private readonly storage: KeyValueStorage) {}

  async load(): Promise<void> {
    this.current = (await this.storage.get<string>(KEY)) ?? null
  }

  token(): string | null {
    return this.current
  }

  async save(token: string): Promise<void> {
    this.current = token
    await this.storage.set(KEY, token)
  }

  async clear(): Promise<void> {
    this.current = null
    await this.storage.remove(KEY)
  }
}
