import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * Builds the cloud functions into a temp dir with cloud/build.mjs, then
 * loads the api bundle in a plain Node process (no jest, no babel: as the
 * cloud runtime would) with a FAKE wx-server-sdk module written next to it.
 * The fake records how the bundle initialises the SDK and serves one bound
 * person from a two-collection toy database; it is not the real SDK.
 */
const root = resolve(__dirname, '../..')
let out: string

const FAKE_SDK = `
const calls = (globalThis.__fakeSdkCalls = [])
const people = [{ _id: 'p1', name: '张三', role: 'grid_worker', orgUnitId: 'g1', openid: 'wx-bound' }]
const units = { g1: { _id: 'g1', name: '网格一', level: 'grid', parentId: 'c1', path: '/d/s/c1/g1/' } }
const query = (rows) => ({
  where: (c) => query(rows.filter((r) => Object.keys(c).every((k) => r[k] === c[k]))),
  limit: () => query(rows),
  get: async () => ({ data: rows })
})
module.exports = {
  DYNAMIC_CURRENT_ENV: 'DYNAMIC',
  init: (o) => calls.push(['init', o]),
  database: (o) => {
    calls.push(['database', o])
    return {
      command: {},
      RegExp: (o) => o,
      runTransaction: async () => { throw new Error('not in this test') },
      collection: (name) => ({
        ...query(name === 'people' ? people : []),
        // meta/schema says the database is current: the one-time migration is not run here.
        doc: (id) => ({ get: async () => ({ data: name === 'org_units' ? units[id] ?? null : name === 'meta' && id === 'schema' ? { version: 1 } : null }) })
      })
    }
  },
  getWXContext: () => ({ OPENID: process.env.FAKE_OPENID || undefined }),
  openapi: { security: { msgSecCheck: async () => ({ errCode: 0, result: { suggest: 'pass' } }) } }
}`

function runMain(events: unknown[], openid = ''): { results: { ok: boolean; data?: unknown; error?: { code: string } }[]; calls: unknown[] } {
  const script = `
    const { main } = require(${JSON.stringify(join(out, 'api/index.js'))})
    Promise.all(${JSON.stringify(events)}.map((e) => main(e, {})))
      .then((results) => console.log(JSON.stringify({ results, calls: globalThis.__fakeSdkCalls })))
      .catch((e) => { console.error(e); process.exit(1) })`
  const stdout = execFileSync(process.execPath, ['-e', script], { env: { ...process.env, FAKE_OPENID: openid }, encoding: 'utf8' })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'gebao-cloud-'))
  execFileSync(process.execPath, [join(root, 'cloud/build.mjs'), '--out', out], { cwd: root, stdio: 'pipe' })
  mkdirSync(join(out, 'node_modules/wx-server-sdk'), { recursive: true })
  writeFileSync(join(out, 'node_modules/wx-server-sdk/index.js'), FAKE_SDK)
}, 60_000)

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe('cloud function build (esbuild, into a temp dir)', () => {
  test('api/index.js is a small CommonJS bundle that requires wx-server-sdk and nothing server-only', () => {
    const file = join(out, 'api/index.js')
    const code = readFileSync(file, 'utf8')
    expect(code).toContain('require("wx-server-sdk")')
    expect(code).not.toMatch(/better-sqlite3|fastify/)
    // 330 KB: issue 13's review-chain actions (sign-offs, review.context with core's warnings and target text) added ~12 KB.
    expect(statSync(file).size).toBeLessThan(330 * 1024)
  })

  test('package.json and config.json are copied beside it', () => {
    const pkg = JSON.parse(readFileSync(join(out, 'api/package.json'), 'utf8'))
    expect(pkg.main).toBe('index.js')
    expect(pkg.dependencies['wx-server-sdk']).toMatch(/^\d+\.\d+\.\d+$/)
    expect(JSON.parse(readFileSync(join(out, 'api/config.json'), 'utf8'))).toEqual({ permissions: { openapi: ['security.msgSecCheck'] } })
    expect(existsSync(join(out, 'types'))).toBe(false)
  })

  test('loads under plain Node with a fake SDK, inits the current env, and answers in the envelope', () => {
    const { results, calls } = runMain([{ action: 'nope' }, { action: 'me' }, null])
    expect(calls).toEqual([
      ['init', { env: 'DYNAMIC' }],
      ['database', { throwOnNotFound: false }]
    ])
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  test('the caller comes from the OPENID of the WeChat context, never from the event', () => {
    const [bound] = runMain([{ action: 'me' }], 'wx-bound').results
    expect(bound).toMatchObject({ ok: true, data: { person: { id: 'p1', name: '张三' }, unit: { id: 'g1' } } })
    const [forged] = runMain([{ action: 'me', userInfo: { openId: 'wx-bound' }, openid: 'wx-bound' }], '').results
    expect(forged).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})
