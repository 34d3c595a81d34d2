import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { SessionGenerations } from '../store/server'

/**
 * Local-mode sessions: a token naming a person and their session
 * generation, signed with a 32-byte secret. The person's identity comes
 * only from a valid token of their current generation, never from a body.
 */
export interface SessionClaims {
  sub: string
  /** The person's session generation when the token was issued. */
  gen: number
  exp: number
}

export const SESSION_KEY_BYTES = 32
const KEY_HEX = /^[0-9a-f]{64}$/i

export class SessionKeyError extends Error {}

const b64 = (buf: Buffer) => buf.toString('base64url')

/** The key as written in session.key or SESSION_KEY: 64 hex digits (32 random bytes), nothing else. */
export function parseSessionKey(text: string, where: string): Buffer {
  const hex = text.trim()
  if (!KEY_HEX.test(hex)) {
    throw new SessionKeyError(
      `${where} is not a session key (it must be ${SESSION_KEY_BYTES * 2} hex digits; found ${hex.length} characters). ` +
        'Refusing to start: a short or empty key would let anyone sign a session. ' +
        'To end every session, delete the file (not empty it): the server then makes a new key.'
    )
  }
  return Buffer.from(hex, 'hex')
}

/**
 * The key file, made atomically on first start: written and synced to a
 * temp file, then linked into place (a link, unlike a rename, never
 * replaces a key another process made meanwhile), so a full disk or a kill
 * leaves no file or a whole one, never a short one.
 */
export function loadKeyFile(file: string): Buffer {
  try {
    return parseSessionKey(readFileSync(file, 'utf8'), file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, randomBytes(SESSION_KEY_BYTES).toString('hex'))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  try {
    linkSync(tmp, file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  } finally {
    unlinkSync(tmp)
  }
  return parseSessionKey(readFileSync(file, 'utf8'), file)
}

/**
 * Where the key comes from: SESSION_KEY (the hex itself), SESSION_KEY_FILE
 * (a file several server processes share), or `session.key` in the data
 * folder.
 */
export function loadSessionKey(dataDir: string, env: { SESSION_KEY?: string; SESSION_KEY_FILE?: string } = {}): Buffer {
  if (env.SESSION_KEY !== undefined) return parseSessionKey(env.SESSION_KEY, 'SESSION_KEY')
  if (env.SESSION_KEY_FILE) return loadKeyFile(env.SESSION_KEY_FILE)
  mkdirSync(dataDir, { recursive: true })
  return loadKeyFile(join(dataDir, 'session.key'))
}

/**
 * Signs and checks tokens. Whether a token's generation is still the
 * person's current one is the caller's check (against the store's
 * SessionGenerations), so this stays synchronous and storage-free.
 */
export class Sessions {
  constructor(
    private readonly secret: Buffer,
    readonly ttlMs = 30 * 86400_000
  ) {
    if (secret.length !== SESSION_KEY_BYTES) throw new SessionKeyError(`a session key must be ${SESSION_KEY_BYTES} bytes`)
  }

  private sign(body: string): string {
    return b64(createHmac('sha256', this.secret).update(body).digest())
  }

  /** A token for the person in session generation `gen`. */
  issue(personId: string, gen: number, now: number): string {
    const body = b64(Buffer.from(JSON.stringify({ sub: personId, gen, exp: now + this.ttlMs } satisfies SessionClaims)))
    return `${body}.${this.sign(body)}`
  }

  /** The claims of a well-signed, unexpired token; null otherwise. */
  verify(token: string, now: number): SessionClaims | null {
    const [body, sig, extra] = token.split('.')
    if (!body || !sig || extra !== undefined) return null
    const expected = Buffer.from(this.sign(body))
    const given = Buffer.from(sig)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    try {
      const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionClaims
      const valid = typeof c.sub === 'string' && typeof c.exp === 'number' && Number.isSafeInteger(c.gen) && c.exp > now
      return valid ? { sub: c.sub, gen: c.gen, exp: c.exp } : null
    } catch {
      return null
    }
  }
}

/** Sessions checked against the person's current generation: what the server uses. */
export class SessionService {
  constructor(
    readonly tokens: Sessions,
    private readonly generations: SessionGenerations
  ) {}

  async issue(personId: string, now: number): Promise<string> {
    return this.tokens.issue(personId, await this.generations.sessionGeneration(personId), now)
  }

  /** Ends the person's older sessions and issues the one token of the new generation (bind). */
  async renew(personId: string, now: number): Promise<string> {
    return this.tokens.issue(personId, await this.generations.endSessions(personId), now)
  }

  async end(personId: string): Promise<void> {
    await this.generations.endSessions(personId)
  }

  /** The person of a valid, unexpired token of their current generation; null otherwise. */
  async verify(token: string, now: number): Promise<string | null> {
    const claims = this.tokens.verify(token, now)
    if (!claims) return null
    return claims.gen === (await this.generations.sessionGeneration(claims.sub)) ? claims.sub : null
  }
}
