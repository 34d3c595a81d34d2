import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Short-lived signed links to uploaded files, for an <img> or a download
 * that cannot send the Bearer header: `/files/<file>?exp=<ms>&sig=<hmac>`.
 * The HMAC key is derived from the session key, so every server process
 * sharing that key accepts the others' links.
 */
export class FileLinks {
  private readonly key: Buffer

  constructor(
    sessionKey: Buffer,
    readonly ttlMs = 10 * 60_000
  ) {
    this.key = createHmac('sha256', sessionKey).update('gebao file links').digest()
  }

  private sig(file: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${file}\n${exp}`).digest('base64url')
  }

  /** The path and query of a link to `file` valid until now + ttl. */
  link(file: string, now: number): { url: string; expiresAt: string } {
    const exp = now + this.ttlMs
    return { url: `/files/${file}?exp=${exp}&sig=${this.sig(file, exp)}`, expiresAt: new Date(exp).toISOString() }
  }

  valid(file: string, exp: unknown, sig: unknown, now: number): boolean {
    if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,15}$/.test(exp)) return false
    const at = Number(exp)
    if (at <= now) return false
    const want = Buffer.from(this.sig(file, at))
    const got = Buffer.from(sig)
    return want.length === got.length && timingSafeEqual(want, got)
  }
}
