import { createHmac } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLocalServer } from '../../../cloud/server/app'
import { parseSwitch } from '../../../cloud/server/env'
import { loadSessionKey } from '../../../cloud/server/session'
import { ADMIN, COMMUNITY_REVIEWER, countOf, GRID_WORKER, startServer, type Running } from '../harness'
import { login, post, spawnServer } from '../process'
import { runTs, serverRefusal, tempDir } from './helpers'

/** A token as an attacker would sign it with the key a broken file gives (empty: a zero-length HMAC key). */
function forge(personId: string, key: Buffer): string {
  const body = Buffer.from(JSON.stringify({ sub: personId, gen: 0, exp: Date.now() + 86400_000 })).toString('base64url')
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
}

describe('fault 1: a broken session key signs nothing, it stops the start', () => {
  test.each([
    ['empty (": > session.key")', ''],
    ['a newline only', '\n'],
    ['not hex', 'z'.repeat(64)],
    ['short (1 byte)', 'ab'],
    ['31 bytes', 'ab'.repeat(31)],
    ['too long', 'ab'.repeat(33)]
  ])('%s: the server refuses to start, and a token forged with that key is never accepted', async (_n, content) => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'session.key'), content)
    await expect(createLocalServer({ dataDir })).rejects.toThrow(/not a session key.*delete the file/s)
    // The key the old code would have used: Buffer.from(content.trim(), 'hex').
    const weak = Buffer.from(content.trim(), 'hex')
    writeFileSync(join(dataDir, 'session.key'), 'cd'.repeat(32))
    const s = await createLocalServer({ dataDir })
    const base = await s.app.listen({ port: 0, host: '127.0.0.1' })
    expect((await post(base, 'me', {}, forge(ADMIN, weak))).body.error.code).toBe('UNAUTHENTICATED')
    await s.app.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('SESSION_KEY that is not 64 hex digits refuses the start; process output says why', async () => {
    const dataDir = tempDir()
    const r = await serverRefusal(dataDir, { SESSION_KEY: 'secret' })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/SESSION_KEY is not a session key/)
    expect(r.out).not.toMatch(/\n\s+at /) // a message, not a stack trace
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('first start makes 32 random bytes atomically: one 0600 file, no temp files, the same key for processes racing to make it', async () => {
    const dataDir = tempDir()
    const racers = await Promise.all(
      Array.from({ length: 4 }, () => runTs(`import { loadSessionKey } from './cloud/server/session.ts'; console.log(loadSessionKey(${JSON.stringify(dataDir)}).toString('hex'))`))
    )
    const keys = racers.map((r) => r.out.trim())
    expect(new Set(keys).size).toBe(1)
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/)
    expect(readdirSync(dataDir)).toEqual(['session.key'])
    expect(statSync(join(dataDir, 'session.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dataDir, 'session.key'), 'utf8')).toBe(keys[0])
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('a key shared by SESSION_KEY_FILE: two servers accept each other’s tokens', async () => {
    const shared = join(tempDir(), 'shared.key')
    const key = loadSessionKey('/nonexistent-unused', { SESSION_KEY_FILE: shared })
    const a = await createLocalServer({ dataDir: tempDir(), env: { SESSION_KEY_FILE: shared } })
    const b = await createLocalServer({ dataDir: tempDir(), env: { SESSION_KEY: key.toString('hex') } })
    const baseB = await b.app.listen({ port: 0, host: '127.0.0.1' })
    const token = await a.sessions.issue(GRID_WORKER, Date.now())
    expect((await post(baseB, 'me', {}, token)).body.data.person.id).toBe(GRID_WORKER)
    await a.app.close()
    await b.app.close()
  })
})

describe('fault 2: DEMO_LOGIN is parsed strictly and announced', () => {
  test.each([
    ['on', true],
    ['ON', true],
    ['true', true],
    ['True', true],
    ['1', true],
    ['off', false],
    ['OFF', false],
    ['false', false],
    ['FALSE', false],
    ['0', false]
  ])('DEMO_LOGIN=%s is %s', (value, on) => {
    expect(parseSwitch('DEMO_LOGIN', value, true)).toBe(on)
  })

  test.each(['no', ' off', 'off ', 'disabled', 'yes', '2'])('DEMO_LOGIN=%j refuses to start', async (value) => {
    expect(() => parseSwitch('DEMO_LOGIN', value, true)).toThrow(/not understood/)
  })

  test('DEMO_LOGIN=false really turns demo login off; "no" refuses to start; on says so loudly', async () => {
    const off = await spawnServer(tempDir(), { DEMO_LOGIN: 'false' })
    const res = await fetch(`${off.base}/api/demo.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ personId: ADMIN }) })
    expect(res.status).toBe(404)
    await off.kill()
    const refused = await serverRefusal(tempDir(), { DEMO_LOGIN: 'no' })
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/DEMO_LOGIN="no" is not understood/)
    const on = await spawnServer(tempDir(), { DEMO_LOGIN: 'on' })
    await on.kill()
    expect(on.output()).toMatch(/DEMO LOGIN IS ON/)
  })
})

describe('fault 3b: sessions end on logout, re-bind and a changed role', () => {
  let s: Running
  beforeAll(async () => {
    s = await startServer()
  })
  afterAll(async () => {
    await s.stop()
  })
  const demoLogin = async (personId: string) => login(s.base, personId)

  test('logout ends every token of the person, on every device; a new sign-in works', async () => {
    const phone = await demoLogin(GRID_WORKER)
    const laptop = await demoLogin(GRID_WORKER)
    expect((await s.call('me', {}, phone)).body.ok).toBe(true)
    expect((await s.call('logout', {}, phone)).body).toEqual({ ok: true, data: { signedOut: true } })
    expect((await s.call('me', {}, phone)).body.error.code).toBe('UNAUTHENTICATED')
    expect((await s.call('me', {}, laptop)).body.error.code).toBe('UNAUTHENTICATED')
    expect((await s.call('me', {}, await demoLogin(GRID_WORKER))).body.ok).toBe(true)
  })

  test('re-binding a person (a lost phone) ends the old phone’s session', async () => {
    const admin = await demoLogin(ADMIN)
    const first = await s.call('invite.create', { person: { id: 'u-lost-phone', name: '丢手机', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g3' } }, admin)
    const oldPhone = (await s.call('bind', { code: first.body.data.code })).body.data.token
    expect((await s.call('me', {}, oldPhone)).body.ok).toBe(true)
    const again = await s.call('invite.create', { personId: 'u-lost-phone' }, admin)
    const newPhone = (await s.call('bind', { code: again.body.data.code })).body.data.token
    expect((await s.call('me', {}, oldPhone)).body.error.code).toBe('UNAUTHENTICATED')
    expect((await s.call('me', {}, newPhone)).body.data.person.id).toBe('u-lost-phone')
  })

  test('a changed role or unit ends the person’s sessions; an unchanged save does not', async () => {
    const token = await demoLogin(COMMUNITY_REVIEWER)
    const person = (await s.server.store.getPerson(COMMUNITY_REVIEWER))!
    await s.server.store.putPeople([{ ...person }])
    expect((await s.call('me', {}, token)).body.ok).toBe(true)
    await s.server.store.putPeople([{ ...person, orgUnitId: 'qk-s11-c02' }])
    expect((await s.call('me', {}, token)).body.error.code).toBe('UNAUTHENTICATED')
    const again = await demoLogin(COMMUNITY_REVIEWER)
    const moved = { ...person, orgUnitId: 'qk-s11-c02' }
    await s.server.store.putPeople([moved])
    expect((await s.call('me', {}, again)).body.ok).toBe(true)
    await s.server.store.putPeople([{ ...moved, role: 'street_reviewer' as const }])
    expect((await s.call('me', {}, again)).body.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('fault 8b: bind is rate limited, and a bad code says nothing about which codes exist', () => {
  let s: Running
  beforeAll(async () => {
    s = await startServer(undefined, { rateLimits: { bindPerAddress: 12, bindPerCode: 3, windowMs: 60_000 } })
  })
  afterAll(async () => {
    await s.stop()
  })

  test('unknown, used and expired codes get one and the same answer', async () => {
    const admin = s.tokenFor(ADMIN)
    const used = (await s.call('invite.create', { person: { id: 'u-used', name: '已用', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g3' } }, admin)).body.data.code
    expect((await s.call('bind', { code: used })).body.ok).toBe(true)
    const expired = (await s.call('invite.create', { person: { id: 'u-expired', name: '过期', role: 'grid_worker', orgUnitId: 'qk-s11-c01-g4' } }, admin)).body.data.code
    s.clock.set('2021-02-01T10:00:00+08:00')
    const answers = await Promise.all(['ZZZZZZZZ', used, expired].map((code) => s.call('bind', { code })))
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404])
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1)
  })

  test('per code: the 4th try of one code is RATE_LIMITED, another code is still answered', async () => {
    const tries = []
    for (let i = 0; i < 4; i++) tries.push(await s.call('bind', { code: 'GUESSME1' }))
    expect(tries.map((t) => t.status)).toEqual([404, 404, 404, 429])
    expect(tries[3].body.error).toMatchObject({ code: 'RATE_LIMITED' })
    expect(tries[3].body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await s.call('bind', { code: 'OTHER234' })).status).toBe(404)
  })

  test('per address: past the limit every code is refused, the counters live in the database', async () => {
    let last = 0
    for (let i = 0; i < 8; i++) last = (await s.call('bind', { code: `ADDR${String(i).padStart(4, 'A')}` })).status
    expect(last).toBe(429)
    expect(await countOf(s, "SELECT count(*) AS n FROM rate_limits WHERE key LIKE 'bind-addr:%'")).toBe(1)
  })
})

describe('fault 8b (behind a proxy): with TRUST_PROXY the limit counts each client, not the proxy', () => {
  test('two clients through one proxy are limited separately', async () => {
    const s = await startServer(undefined, { trustProxy: 'loopback', rateLimits: { bindPerAddress: 2, bindPerCode: 100, windowMs: 60_000 } })
    const bindFrom = (ip: string, code: string) =>
      fetch(`${s.base}/api/bind`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ code }) }).then((r) => r.status)
    expect([await bindFrom('203.0.113.1', 'AAAA2222'), await bindFrom('203.0.113.1', 'AAAA3333'), await bindFrom('203.0.113.1', 'AAAA4444')]).toEqual([404, 404, 429])
    expect(await bindFrom('203.0.113.2', 'AAAA5555')).toBe(404)
    await s.stop()
  })
})
