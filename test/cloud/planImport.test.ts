import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { seedDocx } from '../import/fixtures'

/**
 * `plan.import` through the built cloud function, as CloudBase runs it: the
 * bundle loads in a plain Node process with a FAKE wx-server-sdk whose
 * storage holds one uploaded file. It shows the function reads the file by
 * its id, deletes it afterwards (success or not), and answers the draft.
 * jszip and exceljs resolve from the project's node_modules (NODE_PATH), as
 * the cloud installs them from the function's package.json.
 */
const root = resolve(__dirname, '../..')
let out: string

const FAKE_SDK = `
const fs = require('fs')
const calls = (globalThis.__fakeSdkCalls = [])
const people = [{ _id: 'a1', name: '田莉莉', role: 'admin', orgUnitId: 'd', openid: 'wx-admin' }, { _id: 'p1', name: '张三', role: 'grid_worker', orgUnitId: 'd', openid: 'wx-grid' }]
const units = { d: { _id: 'd', name: '硚口区', level: 'district', parentId: null, path: '/d/' } }
const query = (rows) => ({
  where: (c) => query(rows.filter((r) => Object.keys(c).every((k) => r[k] === c[k]))),
  limit: () => query(rows),
  get: async () => ({ data: rows })
})
const storage = { 'cloud://env-1.abc/imports/seed.docx': fs.readFileSync(process.env.FAKE_IMPORT_FILE) }
module.exports = {
  DYNAMIC_CURRENT_ENV: 'DYNAMIC',
  init: () => {},
  database: () => ({
    command: {},
    RegExp: (o) => o,
    runTransaction: async () => { throw new Error('not in this test') },
    collection: (name) => ({
      ...query(name === 'people' ? people : []),
      // meta/schema says the database is current, so the function's one-time migration reads nothing else
      doc: (id) => ({ get: async () => ({ data: name === 'org_units' ? units[id] ?? null : name === 'meta' && id === 'schema' ? { _id: 'schema', version: 1 } : null }) })
    })
  }),
  getWXContext: () => ({ OPENID: process.env.FAKE_OPENID || undefined }),
  openapi: { security: { msgSecCheck: async () => ({ errCode: 0, result: { suggest: 'pass' } }) } },
  downloadFile: async ({ fileID }) => {
    calls.push(['downloadFile', fileID])
    if (!storage[fileID]) throw { errCode: -503003, errMsg: 'file not found' }
    return { fileContent: storage[fileID], statusCode: 200 }
  },
  deleteFile: async ({ fileList }) => {
    calls.push(['deleteFile', ...fileList])
    return { fileList: fileList.map((fileID) => ({ fileID, status: 0, errMsg: 'ok' })) }
  }
}`

function runMain(event: unknown, openid: string): { result: any; calls: unknown[] } {
  const script = `
    const { main } = require(${JSON.stringify(join(out, 'api/index.js'))})
    main(${JSON.stringify(event)}, {})
      .then((result) => console.log(JSON.stringify({ result, calls: globalThis.__fakeSdkCalls })))
      .catch((e) => { console.error(e); process.exit(1) })`
  const env = { ...process.env, FAKE_OPENID: openid, FAKE_IMPORT_FILE: join(out, 'seed.docx'), NODE_PATH: join(root, 'node_modules') }
  const stdout = execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' })
  return JSON.parse(stdout.trim().split('\n').pop()!)
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'gebao-cloud-import-'))
  execFileSync(process.execPath, [join(root, 'cloud/build.mjs'), '--out', out], { cwd: root, stdio: 'pipe' })
  mkdirSync(join(out, 'node_modules/wx-server-sdk'), { recursive: true })
  writeFileSync(join(out, 'node_modules/wx-server-sdk/index.js'), FAKE_SDK)
  writeFileSync(join(out, 'seed.docx'), await seedDocx())
}, 60_000)
afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

const event = (fileId: string) => ({ action: 'plan.import', payload: { name: 'seed.docx', fileId } })

test('the admin imports a file uploaded to imports/: read by its id, deleted after, the draft answered', () => {
  const { result, calls } = runMain(event('cloud://env-1.abc/imports/seed.docx'), 'wx-admin')
  expect(result.ok).toBe(true)
  expect(result.data.format).toBe('docx')
  expect(result.data.draft.indicators).toHaveLength(9)
  expect(calls).toEqual([
    ['downloadFile', 'cloud://env-1.abc/imports/seed.docx'],
    ['deleteFile', 'cloud://env-1.abc/imports/seed.docx']
  ])
})

test('a file id that is not there: NOT_FOUND in Chinese, and the id is still cleaned up', () => {
  const { result, calls } = runMain(event('cloud://env-1.abc/imports/gone.docx'), 'wx-admin')
  expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到上传的文件，请重新上传' } })
  expect(calls).toEqual([
    ['downloadFile', 'cloud://env-1.abc/imports/gone.docx'],
    ['deleteFile', 'cloud://env-1.abc/imports/gone.docx']
  ])
})

test('a grid worker is refused before any file is touched; so is a file outside imports/', () => {
  const worker = runMain(event('cloud://env-1.abc/imports/seed.docx'), 'wx-grid')
  expect(worker.result.error.code).toBe('FORBIDDEN')
  const outside = runMain(event('cloud://env-1.abc/exports/seed.docx'), 'wx-admin')
  expect(outside.result.error.code).toBe('BAD_INPUT')
  expect([...worker.calls, ...outside.calls]).toEqual([])
})
