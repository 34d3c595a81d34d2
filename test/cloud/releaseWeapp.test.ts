import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

const script = join(__dirname, '../../scripts/release-weapp.mjs')
const run = (env: Record<string, string | undefined>) => {
  const clean = { ...process.env }
  delete clean.TARO_APP_CLOUD_ENV
  return spawnSync(process.execPath, [script, '--dry-run'], { env: { ...clean, ...env }, encoding: 'utf8' })
}

test('release:weapp refuses without a CloudBase environment, and says how to give one', () => {
  const r = run({})
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/refused: TARO_APP_CLOUD_ENV is not set/)
  expect(run({ TARO_APP_CLOUD_ENV: '  ' }).status).toBe(1)
  expect(run({ TARO_APP_CLOUD_ENV: 'gebao prod' }).stderr).toMatch(/does not look like a CloudBase environment id/)
})

test('release:weapp goes ahead with an environment id', () => {
  const r = run({ TARO_APP_CLOUD_ENV: 'gebao-prod-8g3k2x1a0b' })
  expect(r.status).toBe(0)
  expect(r.stdout).toContain('CloudBase environment gebao-prod-8g3k2x1a0b')
})
