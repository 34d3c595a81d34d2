import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Local-mode sessions: a token naming a person, signed with a secret that
 * is generated on first run and kept in the data folder. The person's
 * identity comes only from a valid token, never from a request body.
 */
export interface SessionClaims {
  sub: string
  exp: number
}

const b64 = (buf: Buffer) => buf.toString('base64url')

export class Sessions {
  constructor(private readonly secret: Buffer, private readonly ttlMs = 30 * 86400_000) {}

  static fromDataDir(dataDir: string): Sessions {
    const file = join(dataDir, 'session.key')
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true })
      // 'wx': of several processes starting at once on a shared data folder,
      // one writes the key and the others read that one.
      try {
        writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      }
    }
    return new Sessions(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'))
  }

  private sign(body: string): string {
    return b64(createHmac('sha256', this.secret).update(body).digest())
  }

  issue(personId: string, now: number): string {
    const body = b64(Buffer.from(JSON.stringify({ sub: personId, exp: now + this.ttlMs } satisfies SessionClaims)))
    return `${body}.${this.sign(body)}`
  }

  /** The person id of a valid, unexpired token; null otherwise. */
  verify(token: string, now: number): string | null {
    const [body, sig, extra] = token.split('.')
    if (!body || !sig || extra !== undefined) return null
    const expected = Buffer.from(this.sign(body))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    try {
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims
      return typeof claims.sub === 'string' && typeof claims.exp === 'number' && claims.exp > now ? claims.sub : null
    } catch {
      return null
    }
  }
}
