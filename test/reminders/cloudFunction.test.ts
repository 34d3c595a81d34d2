import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * The `remind` cloud function as the weapp build ships it: bundled by
 * cloud/build.mjs, with its timer trigger and openapi permission, then run
 * under plain Node against a FAKE wx-server-sdk whose database is the
 * CloudBase stand-in (test/store/cloudbaseStandIn.ts) and whose
 * subscribeMessage.send records calls (and refuses one openid with 43101).
 * Neither is WeChat: this checks the bundle's wiring, not the service.
 */
const root = resolve(__dirname, '../..')
let out: string
let buildLog: string

const FAKE_SDK = `
const { StandInDatabase } = require(${JSON.stringify(join(root, 'test/store/cloudbaseStandIn.ts'))})
const db = (globalThis.__db ??= new StandInDatabase({ throwOnNotFound: false }))
const sent = (globalThis.__sent ??= [])
module.exports = {
  DYNAMIC_CURRENT_ENV: 'DYNAMIC',
  init: () => {},
  database: () => db,
  getWXContext: () => ({ SOURCE: process.env.FAKE_SOURCE }),
  openapi: {
    subscribeMessage: {
      send: async (req) => {
        sent.push(req)
        if (req.touser === 'wx-refuse') {
          const e = new Error('errCode: 43101 | errMsg: openapi.subscribeMessage.send:fail user refuse to accept the msg')
          e.errCode = 43101
          throw e
        }
        return { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }
      }
    }
  }
}`

const DRIVER = () => `
const sdk = require(${JSON.stringify('__OUT__/node_modules/wx-server-sdk')})
const { CloudBaseStore } = require(${JSON.stringify(join(root, 'cloud/store/cloudbase/CloudBaseStore.ts'))})
const { SEED_INDICATORS } = require(${JSON.stringify(join(root, 'src/core/seed/catalog.ts'))})
async function go() {
  const store = new CloudBaseStore(sdk.database())
  await store.putOrgUnits([
    { id: 'd', name: '硚口区', level: 'district', parentId: null, path: '/d/' },
    { id: 'd-s', name: '长丰街', level: 'street', parentId: 'd', path: '/d/d-s/' },
    { id: 'd-s-c', name: '园博北社区', level: 'community', parentId: 'd-s', path: '/d/d-s/d-s-c/' },
    { id: 'd-s-c-g1', name: '第1网格', level: 'grid', parentId: 'd-s-c', path: '/d/d-s/d-s-c/d-s-c-g1/' },
    { id: 'd-s-c-g2', name: '第2网格', level: 'grid', parentId: 'd-s-c', path: '/d/d-s/d-s-c/d-s-c-g2/' }
  ])
  await store.putPeople([
    { id: 'p1', name: '张晓梅', role: 'grid_worker', orgUnitId: 'd-s-c-g1' },
    { id: 'p2', name: '刘洋', role: 'grid_worker', orgUnitId: 'd-s-c-g2' },
    { id: 'r', name: '王芳', role: 'community_reviewer', orgUnitId: 'd-s-c' }
  ])
  // This year's plan (China time): the job runs on the real clock.
  await store.putIndicator({ ...SEED_INDICATORS.find((i) => i.code === 'YL-133'), year: new Date(Date.now() + 8 * 3600e3).getUTCFullYear() })
  const at = new Date().toISOString()
  await store.grantReminder({ personId: 'p1', templateId: 'tpl-1', openid: 'wx-1', add: 2, at })
  await store.grantReminder({ personId: 'p2', templateId: 'tpl-1', openid: 'wx-refuse', add: 1, at })
  const { main } = require('__OUT__/remind/index.js')
  const result = await main(${JSON.stringify({ Type: 'Timer', TriggerName: 'morning-reminders' })}, {})
  console.log(JSON.stringify({ result, sent: globalThis.__sent, grants: await store.reminderGrants(), outbox: await store.listOutbox({ limit: 10 }) }))
}
go().catch((e) => { console.error(e); process.exit(1) })
`

function runBundle(source: string) {
  const file = join(out, `driver-${source.replace(/\W/g, '')}.js`)
  writeFileSync(file, DRIVER().replace(/__OUT__/g, out))
  const env = {
    ...process.env,
    FAKE_SOURCE: source,
    REMIND_TEMPLATE_ID: 'tpl-1',
    REMIND_MINIPROGRAM_STATE: 'developer',
    // The bundle reads the real clock: no quiet hours, so the test runs at any hour.
    REMIND_CONFIG: JSON.stringify({ quietHours: { from: 0, to: 0 } })
  }
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', file], { cwd: root, env, encoding: 'utf8' })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'gebao-remind-cf-'))
  buildLog = execFileSync(process.execPath, [join(root, 'cloud/build.mjs'), '--out', out], { cwd: root, encoding: 'utf8' })
  mkdirSync(join(out, 'node_modules/wx-server-sdk'), { recursive: true })
  writeFileSync(join(out, 'node_modules/wx-server-sdk/index.js'), FAKE_SDK)
}, 60_000)

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe('the remind cloud function', () => {
  test('is bundled beside api, small, requiring only wx-server-sdk, with nothing server-only (no croner, SQLite or fastify)', () => {
    const file = join(out, 'remind/index.js')
    const code = readFileSync(file, 'utf8')
    expect(code).toContain('require("wx-server-sdk")')
    expect(code).not.toMatch(/better-sqlite3|fastify|croner/)
    expect(statSync(file).size).toBeLessThan(300 * 1024)
    expect(JSON.parse(readFileSync(join(out, 'remind/package.json'), 'utf8'))).toMatchObject({ name: 'remind', main: 'index.js', dependencies: { 'wx-server-sdk': expect.stringMatching(/^\d+\.\d+\.\d+$/) } })
  })

  test('config.json: a timer every 5 minutes from 09:00 to 10:55 (7 fields, UTC+8) and the subscribeMessage.send permission', () => {
    const config = JSON.parse(readFileSync(join(out, 'remind/config.json'), 'utf8'))
    expect(config.permissions).toEqual({ openapi: ['subscribeMessage.send'] })
    expect(config.triggers).toHaveLength(1)
    expect(config.triggers[0]).toEqual({ name: 'morning-reminders', type: 'timer', config: '0 */5 9-10 * * * *' })
    expect(config.triggers[0].config.split(' ')).toHaveLength(7)
  })

  test('on its timer it sends through cloud.openapi.subscribeMessage.send, uses grants, zeroes on 43101, and records everything', () => {
    const { result, sent, grants, outbox } = runBundle('wx_trigger')
    expect(result).toMatchObject({ ok: true, data: { quiet: false, sent: 1, refused: 1, noGrant: 1, done: true, cursor: { round: 1, pass: 1, done: true } } })
    expect(sent).toHaveLength(2)
    const toP1 = sent.find((m: { touser: string }) => m.touser === 'wx-1')
    expect(Object.keys(toP1).sort()).toEqual(['data', 'lang', 'miniprogramState', 'page', 'templateId', 'touser'])
    expect(toP1).toMatchObject({ templateId: 'tpl-1', miniprogramState: 'developer', lang: 'zh_CN', page: expect.stringMatching(/^pages\/inbox\/index\?reportId=YL-133~d-s-c-g1~\d{4}-\d{2}$/) })
    expect(Object.keys(toP1.data)).toEqual(['thing1', 'date2', 'thing3'])
    expect(toP1.data.thing1.value).toMatch(/^\d项(已逾期|待填报|待处理)：“133”居家养老品牌打造$/)
    expect(toP1.data.date2.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(grants.map((g: { personId: string; oneTime: number }) => [g.personId, g.oneTime])).toEqual([
      ['p1', 1],
      ['p2', 0]
    ])
    expect(outbox.map((e: { personId: string; status: string; channel: string }) => `${e.personId} ${e.status} ${e.channel}`).sort()).toEqual(['p1 sent wechat', 'p2 refused wechat', 'r no_grant null'])
    expect(outbox.find((e: { personId: string }) => e.personId === 'p2')).toMatchObject({ errCode: 43101 })
  }, 30_000)

  test('a mini-program calling it directly is refused and nothing is sent', () => {
    const { result, sent, outbox } = runBundle('wx_client')
    expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '没有权限操作这一项' } })
    expect(sent ?? []).toEqual([])
    expect(outbox).toEqual([])
  }, 30_000)

  test('build:cloud builds every function folder: api and remind, for cloudfunctionRoot', () => {
    expect(buildLog).toMatch(/cloud function api: .*api[\\/]index\.js/)
    expect(buildLog).toMatch(/cloud function remind: .*remind[\\/]index\.js/)
    expect(JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')).cloudfunctionRoot).toBe('cloudfunctions/')
    expect(existsSync(join(out, 'types'))).toBe(false)
  })
})
