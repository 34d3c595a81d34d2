import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const script = join(__dirname, '../../scripts/release-weapp.mjs')
const run = (env: Record<string, string | undefined>) => {
  const clean = { ...process.env }
  delete clean.TARO_APP_CLOUD_ENV
  delete clean.TARO_APP_LOGIN_BASE
  return spawnSync(process.execPath, [script, '--dry-run'], { env: { ...clean, ...env }, encoding: 'utf8' })
}

const BASE = 'https://gebao.example.gov.cn/'

test('release:weapp refuses without a CloudBase environment, and says how to give one', () => {
  const r = run({ TARO_APP_LOGIN_BASE: BASE })
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/refused: TARO_APP_CLOUD_ENV is not set/)
  expect(run({ TARO_APP_CLOUD_ENV: '  ', TARO_APP_LOGIN_BASE: BASE }).status).toBe(1)
  expect(run({ TARO_APP_CLOUD_ENV: 'gebao prod', TARO_APP_LOGIN_BASE: BASE }).stderr).toMatch(/does not look like a CloudBase environment id/)
})

test('release:weapp refuses without the https base of the invite QR codes, and says how to give one', () => {
  const env = 'gebao-prod-8g3k2x1a0b'
  const r = run({ TARO_APP_CLOUD_ENV: env })
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/refused: TARO_APP_LOGIN_BASE is not set: .*扫普通链接二维码打开小程序/)
  for (const bad of ['http://gebao.example.gov.cn/', 'https://gebao.example.gov.cn', 'https://gebao.example.gov.cn/?a=1', 'https://gebao.example.gov.cn/#/', 'gebao.example.gov.cn/']) {
    const b = run({ TARO_APP_CLOUD_ENV: env, TARO_APP_LOGIN_BASE: bad })
    expect([bad, b.status]).toEqual([bad, 1])
    expect(b.stderr).toMatch(/is not an https address ending in "\/"/)
  }
})

test('release:weapp goes ahead with an environment id and a login base', () => {
  const r = run({ TARO_APP_CLOUD_ENV: 'gebao-prod-8g3k2x1a0b', TARO_APP_LOGIN_BASE: BASE })
  expect(r.status).toBe(0)
  expect(r.stdout).toContain('CloudBase environment gebao-prod-8g3k2x1a0b, invite QR codes at https://gebao.example.gov.cn/')
})
